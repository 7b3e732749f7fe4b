package io.quantflow.models.risk;

import io.quantflow.domain.Checks;

/**
 * A value at risk and expected shortfall estimate over {@code horizonDays} days, both as positive loss fractions of
 * portfolio value (0.05 = a loss of 5 percent); negative when even the tail gains. {@code cvar >= var} for the
 * parametric, historical and Monte Carlo methods, and for Cornish-Fisher while its expansion is increasing (see
 * {@link ValueAtRisk}). Immutable and thread-safe.
 *
 * @param method how it was estimated
 * @param confidence {@code c}, in (0, 1)
 * @param horizonDays {@code h}, trading days
 * @param var {@code VaR_c} over {@code h} days, a loss fraction
 * @param cvar {@code CVaR_c} (expected shortfall) over {@code h} days, a loss fraction
 * @param observations daily portfolio returns the estimate used; 0 for a Monte Carlo estimate from a given mean
 *     and covariance
 * @param samples portfolio returns whose empirical tail gave the estimate: {@code n} (historical, square root of
 *     time), {@code n - h + 1} overlapping windows (historical, compounded), the paths (Monte Carlo); 0 for the
 *     closed forms (parametric, Cornish-Fisher)
 * @param scaling how the horizon was reached
 * @param includeMean whether the mean entered the estimate (always true for the historical method)
 * @param dailyMean sample mean of the daily portfolio return ({@code w' mu} for Monte Carlo), whether or not it
 *     entered the estimate; NaN without observations
 * @param dailyVolatility sample standard deviation (divisor {@code n - 1}) of the daily portfolio return
 *     ({@code sqrt(w' Sigma w)} for Monte Carlo); NaN with fewer than 2 observations
 * @param skewness bias-corrected sample skewness {@code G1} of the daily portfolio returns; NaN with fewer than 3
 *     observations or zero variance
 * @param excessKurtosis bias-corrected sample excess kurtosis {@code G2} of the daily portfolio returns; NaN with
 *     fewer than 4 observations or zero variance
 */
public record VarEstimate(VarMethod method, double confidence, int horizonDays, double var, double cvar,
    int observations, int samples, HorizonScaling scaling, boolean includeMean, double dailyMean,
    double dailyVolatility, double skewness, double excessKurtosis) {

  /** Checks the fields. */
  public VarEstimate {
    Checks.notNull(method, "method");
    VarSpec.checkConfidence(confidence);
    Checks.positive(horizonDays, "horizonDays");
    Checks.finite(var, "var");
    Checks.finite(cvar, "cvar");
    Checks.isTrue(observations >= 0 && samples >= 0,
        "Arguments 'observations' and 'samples' must not be negative but were %s and %s", observations, samples);
    Checks.notNull(scaling, "scaling");
  }
}
