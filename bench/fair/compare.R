#!/usr/bin/env Rscript
# Side-by-side table of run.sh: chinjeol vs lme4 on the same data.
# Usage: Rscript compare.R OUTDIR SIZE...
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
rss_mb <- function(log) {
  if (!file.exists(log)) return(NA_real_)
  l <- grep("Maximum resident set size", readLines(log), value = TRUE)
  if (!length(l)) return(NA_real_)
  as.numeric(sub(".*: *", "", l[length(l)])) / 1024
}
rows <- list()
for (n in args[-1]) {
  dir <- file.path(out, paste0("n", n))
  cs <- fread(file.path(dir, "chinjeol_summary.csv"))
  row <- data.table(employees = as.integer(n), contacts = cs$contacts,
                    chinjeol_fit_cpu_s = cs$fit_cpu_s, chinjeol_rss_mb = rss_mb(file.path(dir, "chinjeol.log")))
  lf <- file.path(dir, "lmer_summary.csv")
  if (file.exists(lf)) {
    ls <- fread(lf)
    ce <- fread(file.path(dir, "chinjeol_employees.csv"))
    le <- fread(file.path(dir, "lmer_employees.csv"))
    le[, level := as.integer(sub("^E0*", "", level))]
    m <- merge(ce, le, by = "level", suffixes = c("_c", "_l"))
    fixed <- ls$beta_intercept + ls$beta_visit / 2
    rel <- function(a, b) abs(a - b) / abs(b)
    z <- qnorm(0.95)
    has_cv <- !all(is.na(m$cond_sd_l))
    row[, `:=`(
      lmer_fit_cpu_s = ls$fit_cpu_s,
      lmer_condvar_cpu_s = if (has_cv) ls$condvar_cpu_s else NA_real_,
      lmer_rss_mb = rss_mb(file.path(dir, "lmer.log")),
      speedup_fit = ls$fit_cpu_s / cs$fit_cpu_s,
      speedup_with_condvar = if (has_cv) (ls$fit_cpu_s + ls$condvar_cpu_s) / cs$fit_cpu_s else NA_real_,
      reml_crit_diff = cs$reml_crit - ls$reml_crit,
      max_rel_sd_diff = max(rel(cs$sd_employee, ls$sd_employee), rel(cs$sd_monitor, ls$sd_monitor),
                            rel(cs$sd_scenario, ls$sd_scenario), rel(cs$sd_residual, ls$sd_residual)),
      max_abs_adjusted_diff = max(abs(m$adjusted - (fixed + m$blup_l))),
      max_abs_cond_sd_diff = if (has_cv) max(abs(m$cond_sd_c - m$cond_sd_l)) else NA_real_,
      max_abs_ci90_width_diff = if (has_cv) 2 * z * max(abs(m$cond_sd_c - m$cond_sd_l)) else NA_real_)]
  }
  rows[[n]] <- row
}
d <- rbindlist(rows, fill = TRUE)
show <- function(v) {
  if (is.na(v)) return("n/a")
  if (v == round(v) && abs(v) >= 1000) return(format(v, big.mark = ",", scientific = FALSE))
  format(signif(v, 4), scientific = abs(v) < 1e-3 && v != 0)
}
cat("\nchinjeol fit CPU s = REML fit plus every employee's interval; lmer fit CPU s = lmer() alone.\n")
cat("\n| ", paste(names(d), collapse = " | "), " |\n|", paste(rep("---", ncol(d)), collapse = "|"), "|\n", sep = "")
for (i in seq_len(nrow(d))) cat("| ", paste(sapply(d[i], show), collapse = " | "), " |\n", sep = "")
