#pragma once

namespace chinjeol::stats {

// Standard normal distribution function.
double NormalCdf(double x);
// Its inverse for 0 < p < 1 (about 1e-15 relative accuracy).
double NormalQuantile(double p);
// Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1.
double IncompleteBeta(double a, double b, double x);
// Distribution function of Snedecor's F with (df1, df2) degrees of freedom.
double FCdf(double x, double df1, double df2);
// Quantile of the F distribution for 0 < p < 1.
double FQuantile(double p, double df1, double df2);
// Two-sided p-value of Student's t statistic with `df` degrees of freedom.
double StudentTwoSidedP(double t, double df);

}  // namespace chinjeol::stats
