package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;

/**
 * Statistics of a strategy relative to a benchmark, from two equity curves sampled at the same instants. Immutable
 * and thread-safe. Conventions (see {@code docs/metrics.md}):
 *
 * <ul>
 *   <li>period returns are simple: {@code r_p,t = S_t / S_{t-1} - 1} for the strategy and {@code r_b,t} likewise
 *       for the benchmark, {@code n} periods and {@code P} periods per year;
 *   <li>variances and covariances are sample estimators (divisor {@code n - 1});
 *   <li>the annual risk-free rate {@code rf} is deducted per period as {@code rf / P};
 *   <li>alpha, tracking error and information ratio are annualised arithmetically (means times {@code P}, standard
 *       deviations times {@code sqrt(P)}); total returns are not annualised.
 * </ul>
 *
 * @param beta {@code cov(r_p, r_b) / var(r_b)}; NaN when the benchmark returns have zero variance
 * @param alpha annualised Jensen's alpha {@code (mean(r_p - rf / P) - beta * mean(r_b - rf / P)) * P}, a decimal
 *     (0.02 = 2 percent a year); NaN when beta is NaN
 * @param correlation Pearson correlation of {@code r_p} and {@code r_b}; NaN when either has zero variance
 * @param trackingError annualised tracking error {@code stdev(r_p - r_b) * sqrt(P)}, a decimal
 * @param informationRatio {@code mean(r_p - r_b) * P / trackingError}; NaN when the tracking error is zero
 * @param benchmarkTotalReturn {@code B_n / B_0 - 1}
 * @param excessTotalReturn {@code (S_n / S_0 - 1) - (B_n / B_0 - 1)}, the arithmetic difference of total returns
 * @param periods number of returns {@code n}
 * @param periodsPerYear {@code P}
 * @param riskFreeRate annual risk-free rate used, a decimal
 */
public record BenchmarkMetrics(double beta, double alpha, double correlation, double trackingError,
    double informationRatio, double benchmarkTotalReturn, double excessTotalReturn, int periods,
    double periodsPerYear, double riskFreeRate) {

  /**
   * Computes the statistics of a strategy against a benchmark.
   *
   * @param strategyEquity strategy equity curve {@code S_0 ... S_n}, USD, all positive, at least 3 points
   * @param benchmarkEquity benchmark value at the same instants {@code B_0 ... B_n} (any positive unit, e.g. an
   *     index level or the equity of a buy-and-hold portfolio), same length
   * @param periodsPerYear periods in a year, e.g. 252 for days
   * @param riskFreeRate annual risk-free rate as a decimal (0.02 is 2 percent)
   */
  public static BenchmarkMetrics of(double[] strategyEquity, double[] benchmarkEquity, double periodsPerYear,
      double riskFreeRate) {
    Checks.notNull(strategyEquity, "strategyEquity");
    Checks.notNull(benchmarkEquity, "benchmarkEquity");
    Checks.isTrue(strategyEquity.length == benchmarkEquity.length,
        "Arguments 'strategyEquity' and 'benchmarkEquity' must have the same length but have %d and %d",
        strategyEquity.length, benchmarkEquity.length);
    Checks.isTrue(strategyEquity.length >= 3, "Argument 'strategyEquity' needs at least 3 points but has %d",
        strategyEquity.length);
    Checks.positive(periodsPerYear, "periodsPerYear");
    Checks.finite(riskFreeRate, "riskFreeRate");
    int n = strategyEquity.length - 1;
    double[] rp = returns(strategyEquity, "strategyEquity");
    double[] rb = returns(benchmarkEquity, "benchmarkEquity");
    double meanP = mean(rp);
    double meanB = mean(rb);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    double meanDiff = meanP - meanB;
    double sdd = 0;
    for (int i = 0; i < n; i++) {
      double dp = rp[i] - meanP;
      double db = rb[i] - meanB;
      sxy += dp * db;
      sxx += dp * dp;
      syy += db * db;
      double dd = (rp[i] - rb[i]) - meanDiff;
      sdd += dd * dd;
    }
    // The common divisor n - 1 cancels in beta and correlation.
    double beta = syy > 0 ? sxy / syy : Double.NaN;
    double correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    double rfPeriod = riskFreeRate / periodsPerYear;
    double alpha = ((meanP - rfPeriod) - beta * (meanB - rfPeriod)) * periodsPerYear;
    double trackingError = Math.sqrt(sdd / (n - 1)) * Math.sqrt(periodsPerYear);
    double informationRatio = trackingError > 0 ? meanDiff * periodsPerYear / trackingError : Double.NaN;
    double strategyTotal = strategyEquity[n] / strategyEquity[0] - 1;
    double benchmarkTotal = benchmarkEquity[n] / benchmarkEquity[0] - 1;
    return new BenchmarkMetrics(beta, alpha, correlation, trackingError, informationRatio, benchmarkTotal,
        strategyTotal - benchmarkTotal, n, periodsPerYear, riskFreeRate);
  }

  private static double[] returns(double[] equity, String name) {
    double[] r = new double[equity.length - 1];
    for (int i = 0; i < equity.length; i++) {
      Checks.positive(equity[i], name + "[" + i + "]");
      if (i > 0) {
        r[i - 1] = equity[i] / equity[i - 1] - 1;
      }
    }
    return r;
  }

  private static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }
}
