#!/usr/bin/env Rscript
# Synthetic campaign with known truth, the generator of anchors/stats/crossed_re_anchor.R part (a)
# unchanged (same seed -> same data), without the model fit.
# Usage: Rscript generate.R N=1200 mode=gaussian seed=1 out=DIR
# Writes DIR/evals.csv and DIR/truth_employees.csv.
suppressPackageStartupMessages(library(data.table))
defaults <- list(N = 1200, kmin = 2, kmax = 6, M = NA, S = 30, D = NA, R = NA, mode = "gaussian",
                 seed = 1, sd_emp = 0.5, sd_dept = 0.25, sd_mon = 0.35, sd_scen = 0.30,
                 sd_occ = 0.40, ch_eff = 0.10, g_mu = 75, g_emp = 6, g_dept = 3, g_mon = 5,
                 g_scen = 4, g_res = 10, g_ch = 2, out = "fair_out")
for (a in commandArgs(trailingOnly = TRUE)) {
  kv <- strsplit(a, "=", fixed = TRUE)[[1]]
  if (length(kv) != 2 || !(kv[1] %in% names(defaults))) stop("bad argument: ", a)
  d <- defaults[[kv[1]]]
  defaults[[kv[1]]] <- if (is.numeric(d) || is.na(d)) {
    v <- suppressWarnings(as.numeric(kv[2])); if (is.na(v)) kv[2] else v } else kv[2]
}
P <- defaults
kbar <- (P$kmin + P$kmax) / 2
if (is.na(P$M)) P$M <- max(12, round(P$N * kbar / ifelse(P$N <= 2000, 200, 400)))
if (is.na(P$D)) P$D <- max(5, round(P$N / 40))
if (is.na(P$R)) P$R <- max(2, round(P$M / 6))
dir.create(P$out, showWarnings = FALSE, recursive = TRUE)
set.seed(P$seed)
dept_region <- sample(rep_len(seq_len(P$R), P$D))
emp_dept    <- sample(rep_len(seq_len(P$D), P$N))
emp_region  <- dept_region[emp_dept]
mon_region  <- sample(rep_len(seq_len(P$R), P$M))
mons_by_region <- split(seq_len(P$M), factor(mon_region, levels = seq_len(P$R)))
scen_channel <- rep(c("phone", "visit"), length.out = P$S)
k_i <- sample(P$kmin:P$kmax, P$N, replace = TRUE)
n   <- sum(k_i)
emp <- rep(seq_len(P$N), k_i)
reg <- emp_region[emp]
nm_reg <- lengths(mons_by_region)
pick <- floor(runif(n) * nm_reg[reg]) + 1L
offs <- c(0, cumsum(nm_reg))[reg]
mon_flat <- unlist(mons_by_region, use.names = FALSE)
mon <- mon_flat[offs + pick]
scen <- sample.int(P$S, n, replace = TRUE)
chan <- scen_channel[scen]
month <- sample.int(4, n, replace = TRUE)
if (P$mode == "gaussian") {
  dept_eff <- rnorm(P$D, 0, P$g_dept)
  emp_eff  <- rnorm(P$N, 0, P$g_emp)
  mon_sev  <- rnorm(P$M, 0, P$g_mon)
  scen_dif <- rnorm(P$S, 0, P$g_scen)
  chv <- ifelse(chan == "visit", P$g_ch, -P$g_ch)
  score <- P$g_mu + dept_eff[emp_dept[emp]] + emp_eff[emp] - mon_sev[mon] -
    scen_dif[scen] + chv + rnorm(n, 0, P$g_res)
  true_fair <- P$g_mu + dept_eff[emp_dept] + emp_eff - mean(mon_sev) - mean(scen_dif)
} else {
  dept_eff <- rnorm(P$D, 0, P$sd_dept)
  emp_eff  <- rnorm(P$N, 0, P$sd_emp)
  mon_sev  <- rnorm(P$M, 0, P$sd_mon)
  scen_dif <- rnorm(P$S, 0, P$sd_scen)
  theta <- dept_eff[emp_dept] + emp_eff
  chv <- ifelse(chan == "visit", P$ch_eff, -P$ch_eff)
  eta <- 0.9 + theta[emp] - mon_sev[mon] - scen_dif[scen] + chv + rnorm(n, 0, P$sd_occ)
  thr_bin <- seq(-1.6, -0.4, length.out = 6)
  loc_ord <- seq(-0.6, 0.2, length.out = 4)
  cuts    <- c(-1.5, -0.5, 0.3, 1.1)
  items <- matrix(0L, n, 10)
  for (j in 1:6) { items[, j] <- as.integer(eta + rnorm(n) > thr_bin[j]) }
  for (j in 1:4) {
    z <- eta + rnorm(n)
    items[, 6 + j] <- as.integer(rowSums(outer(z, loc_ord[j] + cuts, ">")))
  }
  maxpts <- 6 * 1 + 4 * 4
  score <- 100 * rowSums(items) / maxpts
  fair_fun <- function(th) {
    s <- 0
    for (cv in c(-P$ch_eff, P$ch_eff)) {
      e <- 0.9 + th - mean(mon_sev) - mean(scen_dif) + cv
      sdt <- sqrt(1 + P$sd_occ^2)
      v <- 0
      for (j in 1:6) v <- v + pnorm((e - thr_bin[j]) / sdt)
      for (j in 1:4) for (cc in cuts) v <- v + pnorm((e - loc_ord[j] - cc) / sdt)
      s <- s + 0.5 * v
    }
    100 * s / maxpts
  }
  true_fair <- fair_fun(theta)
}
ev <- data.table(eval_id = seq_len(n), employee = sprintf("E%06d", emp),
                 department = sprintf("D%04d", emp_dept[emp]), region = sprintf("R%03d", reg),
                 monitor = sprintf("M%04d", mon), scenario = sprintf("S%03d", scen),
                 channel = chan, month = month, score = round(score, 4))
fwrite(ev, file.path(P$out, "evals.csv"))
fwrite(data.table(employee = sprintf("E%06d", seq_len(P$N)), department = sprintf("D%04d", emp_dept),
                  n_evals = k_i, true_fair = true_fair), file.path(P$out, "truth_employees.csv"))
cat(sprintf("generated %d contacts of %d employees (%s, seed %d) in %s\n", n, P$N, P$mode, P$seed, P$out))
