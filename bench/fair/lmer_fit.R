#!/usr/bin/env Rscript
# Fits score ~ channel + (1|employee) + (1|monitor) + (1|scenario) [+ (1|department)] by REML
# with lme4 (defaults) on DIR/evals.csv and writes lme4's numbers for the side-by-side check.
# Usage: Rscript lmer_fit.R dir=DIR [dept_re=TRUE] [condvar=FALSE] [tag=lmer]
# Writes DIR/<tag>_summary.csv (criterion, SDs, fixed effects, CPU seconds) and
# DIR/<tag>_employees.csv (employee, blup, cond_sd), <tag>_monitors.csv, <tag>_scenarios.csv.
suppressPackageStartupMessages({ library(lme4); library(data.table) })
P <- list(dir = ".", dept_re = FALSE, condvar = TRUE, tag = "lmer")
for (a in commandArgs(trailingOnly = TRUE)) {
  kv <- strsplit(a, "=", fixed = TRUE)[[1]]
  if (length(kv) != 2 || !(kv[1] %in% names(P))) stop("bad argument: ", a)
  P[[kv[1]]] <- if (is.logical(P[[kv[1]]])) as.logical(kv[2]) else kv[2]
}
ev <- fread(file.path(P$dir, "evals.csv"),
            select = c("employee", "department", "monitor", "scenario", "channel", "score"))
for (v in c("employee", "department", "monitor", "scenario", "channel")) set(ev, j = v, value = factor(ev[[v]]))
fml <- if (P$dept_re) score ~ channel + (1 | employee) + (1 | department) + (1 | monitor) + (1 | scenario) else
  score ~ channel + (1 | employee) + (1 | monitor) + (1 | scenario)
cpu <- function(t) t[["user.self"]] + t[["sys.self"]]
t_fit <- system.time(fit <- lmer(fml, data = ev, REML = TRUE))
t_re <- system.time(re <- ranef(fit, condVar = P$condvar))
vc <- as.data.frame(VarCorr(fit))
sd_of <- function(g) if (g %in% vc$grp) vc$sdcor[vc$grp == g] else NA_real_
fe <- fixef(fit)
fwrite(data.table(contacts = nrow(ev), reml_crit = REMLcrit(fit), sd_employee = sd_of("employee"),
                  sd_department = sd_of("department"), sd_monitor = sd_of("monitor"),
                  sd_scenario = sd_of("scenario"), sd_residual = sd_of("Residual"),
                  beta_intercept = fe[[1]], beta_visit = fe[["channelvisit"]],
                  se_intercept = sqrt(vcov(fit)[1, 1]), se_visit = sqrt(vcov(fit)[2, 2]),
                  fit_cpu_s = cpu(t_fit), condvar_cpu_s = cpu(t_re), fit_elapsed_s = t_fit[["elapsed"]]),
       file.path(P$dir, paste0(P$tag, "_summary.csv")))
pv <- function(f) if (P$condvar) sqrt(attr(re[[f]], "postVar")[1, 1, ]) else NA_real_
for (f in intersect(c("employee", "monitor", "scenario", "department"), names(re))) {
  fwrite(data.table(level = rownames(re[[f]]), blup = re[[f]][, 1], cond_sd = pv(f)),
         file.path(P$dir, paste0(P$tag, "_", f, "s.csv")))
}
cat(sprintf("lmer: REML crit %.6f, fit %.2f CPU s, condVar %.2f CPU s\n", REMLcrit(fit), cpu(t_fit), cpu(t_re)))
