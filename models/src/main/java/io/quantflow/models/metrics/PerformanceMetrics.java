package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;

/**
 * Performance statistics of an equity curve sampled at a fixed bar frequency. Immutable and thread-safe.
 * Conventions (see {@code docs/metrics.md}):
 *
 * <ul>
 *   <li>period returns are simple: {@code r_t = E_t / E_{t-1} - 1};
 *   <li>annualised return is geometric: {@code (E_n / E_0)^(P / n) - 1} for {@code n} periods and {@code P} periods
 *       per year;
 *   <li>annualised volatility is the sample standard deviation (divisor {@code n - 1}) of {@code r_t} times
 *       {@code sqrt(P)};
 *   <li>Sharpe is {@code (mean(r) - rf / P) / stdev(r) * sqrt(P)} with annual risk-free rate {@code rf};
 *   <li>Sortino is {@code (mean(r) - rf / P) / DD * sqrt(P)} with downside deviation
 *       {@code DD = sqrt(mean(min(0, r_t - rf / P)^2))} over all periods;
 *   <li>maximum drawdown is {@code max_t (1 - E_t / max_{s <= t} E_s)}, a positive fraction;
 *   <li>Calmar is annualised return / maximum drawdown;
 *   <li>skewness and excess kurtosis are the bias-corrected sample estimators of {@code r_t} (Excel's {@code SKEW}
 *       and {@code KURT}, {@code G1} and {@code G2} of Joanes and Gill 1998): with central moments
 *       {@code m_k = sum((r_t - mean)^k) / n}, {@code G1 = sqrt(n (n - 1)) / (n - 2) * m_3 / m_2^1.5} and
 *       {@code G2 = (n - 1) / ((n - 2)(n - 3)) * ((n + 1)(m_4 / m_2^2 - 3) + 6)}; a normal distribution has 0
 *       for both.
 * </ul>
 *
 * @param totalReturn {@code E_n / E_0 - 1}
 * @param annualizedReturn geometric annualised return
 * @param annualizedVolatility annualised volatility of period returns; NaN with a single period
 * @param sharpe annualised Sharpe ratio, NaN if volatility is zero
 * @param sortino annualised Sortino ratio, NaN if there is no downside
 * @param maxDrawdown maximum drawdown, a fraction in [0, 1]
 * @param maxDrawdownPeriods longest time under water, in periods
 * @param periods number of returns
 * @param periodsPerYear {@code P}
 * @param riskFreeRate annual risk-free rate used
 * @param calmar {@code annualizedReturn / maxDrawdown}; NaN when the maximum drawdown is 0
 * @param skewness bias-corrected sample skewness {@code G1} of period returns; NaN with fewer than 3 periods or
 *     zero variance
 * @param excessKurtosis bias-corrected sample excess kurtosis {@code G2} of period returns; NaN with fewer than 4
 *     periods or zero variance
 * @param bestPeriod largest period return, a fraction (0.05 = 5 percent)
 * @param worstPeriod smallest period return, a fraction (negative for a loss)
 */
public record PerformanceMetrics(double totalReturn, double annualizedReturn, double annualizedVolatility,
    double sharpe, double sortino, double maxDrawdown, int maxDrawdownPeriods, int periods, double periodsPerYear,
    double riskFreeRate, double calmar, double skewness, double excessKurtosis, double bestPeriod,
    double worstPeriod) {

  /** Regular-session minutes in a US equity trading year: 252 days x 390 minutes. */
  public static final double MINUTES_PER_YEAR = 252.0 * 390.0;

  /**
   * Computes the statistics of {@code equity} (one value per period, all positive, USD).
   *
   * @param equity equity curve {@code E_0 ... E_n}, at least 2 points
   * @param periodsPerYear periods in a year, e.g. {@link #MINUTES_PER_YEAR} for 1m bars, 252 for days
   * @param riskFreeRate annual risk-free rate as a decimal (0.02 is 2 percent)
   */
  public static PerformanceMetrics of(double[] equity, double periodsPerYear, double riskFreeRate) {
    Checks.notNull(equity, "equity");
    Checks.isTrue(equity.length >= 2, "Argument 'equity' needs at least 2 points but has %d", equity.length);
    Checks.positive(periodsPerYear, "periodsPerYear");
    Checks.finite(riskFreeRate, "riskFreeRate");
    int n = equity.length - 1;
    double rfPeriod = riskFreeRate / periodsPerYear;
    double best = Double.NEGATIVE_INFINITY;
    double worst = Double.POSITIVE_INFINITY;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      Checks.positive(equity[i], "equity[" + i + "]");
      r[i] = equity[i + 1] / equity[i] - 1;
      best = Math.max(best, r[i]);
      worst = Math.min(worst, r[i]);
    }
    Checks.finite(equity[n], "equity[" + n + "]");
    SampleMoments moments = SampleMoments.of(r);
    double mean = moments.mean();
    double downside = 0;
    for (double x : r) {
      double d = Math.min(0, x - rfPeriod);
      downside += d * d;
    }
    double sd = moments.standardDeviation();
    double dd = Math.sqrt(downside / n);
    double total = equity[n] / equity[0] - 1;
    double annual = Math.pow(equity[n] / equity[0], periodsPerYear / n) - 1;

    double peak = equity[0];
    double maxDd = 0;
    int underwater = 0;
    int longest = 0;
    for (double e : equity) {
      if (e >= peak) {
        peak = e;
        underwater = 0;
      } else {
        underwater++;
        longest = Math.max(longest, underwater);
        maxDd = Math.max(maxDd, 1 - e / peak);
      }
    }
    double sqrtP = Math.sqrt(periodsPerYear);
    return new PerformanceMetrics(total, annual, sd * sqrtP, sd > 0 ? (mean - rfPeriod) / sd * sqrtP : Double.NaN,
        dd > 0 ? (mean - rfPeriod) / dd * sqrtP : Double.NaN, maxDd, longest, n, periodsPerYear, riskFreeRate,
        maxDd > 0 ? annual / maxDd : Double.NaN, moments.skewness(), moments.excessKurtosis(), best, worst);
  }
}
