package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The output of {@code quant risk var}: VaR and CVaR over {@code horizonDays} as positive loss fractions of portfolio
 * value (0.02 = a 2 percent loss). Absent (null) fields are left out of the JSON. Immutable.
 *
 * @param method the method's CLI name
 * @param confidence {@code c}
 * @param horizonDays {@code h}, trading days
 * @param scaling how the horizon was reached, {@code sqrt-time} or {@code compounded}
 * @param includeMean whether the sample mean entered the estimate
 * @param var {@code VaR_c} over {@code h} days
 * @param cvar {@code CVaR_c} (expected shortfall) over {@code h} days
 * @param observations daily portfolio returns used
 * @param samples returns in the empirical tail's sample (historical windows, Monte Carlo paths); 0 for closed forms
 * @param dailyMean sample mean of the daily portfolio return
 * @param dailyVolatility sample standard deviation (divisor {@code n - 1}) of the daily portfolio return
 * @param skewness bias-corrected sample skewness; null with fewer than 3 returns
 * @param excessKurtosis bias-corrected sample excess kurtosis; null with fewer than 4 returns
 * @param distribution monte-carlo: {@code normal} or {@code student-t}; null otherwise
 * @param degreesOfFreedom monte-carlo with student-t: {@code nu}; null otherwise
 * @param paths monte-carlo: simulated returns; null otherwise
 * @param seed monte-carlo: the seed; null otherwise
 * @param componentVar per-asset input: asset to its Euler component of the parametric VaR (they sum to
 *     {@code parametricVar}); negative for a hedge
 * @param marginalVar per-asset input: asset to {@code dVaR / dw_i}
 * @param parametricVar per-asset input: the parametric VaR the components add up to (equal to {@code var} for the
 *     parametric method)
 * @param backtest the Kupiec test of the rolling historical VaR, when asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VarResponse(String method, double confidence, int horizonDays, String scaling, boolean includeMean,
    double var, double cvar, int observations, int samples, Double dailyMean, Double dailyVolatility, Double skewness,
    Double excessKurtosis, String distribution, Integer degreesOfFreedom, Integer paths, Long seed,
    Map<String, Double> componentVar, Map<String, Double> marginalVar, Double parametricVar, Backtest backtest) {

  /**
   * A Kupiec proportion-of-failures test of one-day historical VaR forecasts, each from the {@code window} returns
   * before the day it is compared with.
   *
   * @param window days per forecast
   * @param confidence {@code c} of the forecasts
   * @param observations days tested, {@code n - window}
   * @param exceptions days whose loss exceeded the forecast ({@code r_t < -VaR_t})
   * @param expectedExceptions {@code (1 - c) observations}
   * @param likelihoodRatio Kupiec's {@code LR}, chi-square with 1 degree of freedom under a correct VaR
   * @param pValue {@code P(chi2_1 > LR)}
   * @param zone the Basel traffic-light zone, {@code green}, {@code yellow} or {@code red}
   */
  public record Backtest(int window, double confidence, int observations, int exceptions, double expectedExceptions,
      double likelihoodRatio, double pValue, String zone) {}
}
