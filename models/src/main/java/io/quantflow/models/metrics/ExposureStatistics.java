package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;

/**
 * Exposure and turnover of a portfolio over an equity curve {@code E_0 ... E_n} (the curve given to
 * {@link PerformanceMetrics#of}). Immutable and thread-safe. Conventions (see {@code docs/metrics.md}):
 *
 * <ul>
 *   <li>gross exposure is {@code long value - short value} (USD, not negative), net exposure
 *       {@code long value + short value} (USD, signed; short values are negative), both sampled at the equity
 *       points;
 *   <li>averages weight every point equally, over all {@code n + 1} points;
 *   <li>turnover is one-way: {@code tradedNotional} counts buys and sells, and half of it is what was turned over,
 *       so selling the whole book and buying a new one of the same size is a turnover of 1 (100 percent), not 2.
 *       It is annualised by {@code P / n} for {@code n} periods and {@code P} periods per year.
 * </ul>
 *
 * @param averageGrossExposure {@code mean(gross_i / E_i)}, a fraction of equity (1.5 = 150 percent gross)
 * @param averageNetExposure {@code mean(net_i / E_i)}, a signed fraction of equity (-0.2 = 20 percent net short)
 * @param timeInMarket share of points with {@code gross_i > 0}, a fraction in [0, 1]
 * @param annualTurnover {@code tradedNotional / mean(E) / 2 * (P / n)}, one-way, a fraction of mean equity per
 *     year (12.0 = the book turned over 12 times a year)
 */
public record ExposureStatistics(double averageGrossExposure, double averageNetExposure, double timeInMarket,
    double annualTurnover) {

  /**
   * Computes the statistics; the three arrays are aligned point by point.
   *
   * @param equity equity curve {@code E_0 ... E_n}, USD, all positive, at least 2 points
   * @param grossExposure gross exposure at each point, USD, not negative
   * @param netExposure net exposure at each point, USD, with {@code |net_i| <= gross_i}
   * @param tradedNotional sum of {@code |quantity * price|} over all fills in the period, USD (buys and sells)
   * @param periodsPerYear periods in a year, e.g. 252 for days
   */
  public static ExposureStatistics of(double[] equity, double[] grossExposure, double[] netExposure,
      double tradedNotional, double periodsPerYear) {
    Checks.notNull(equity, "equity");
    Checks.notNull(grossExposure, "grossExposure");
    Checks.notNull(netExposure, "netExposure");
    Checks.isTrue(equity.length >= 2, "Argument 'equity' needs at least 2 points but has %d", equity.length);
    Checks.isTrue(grossExposure.length == equity.length && netExposure.length == equity.length,
        "Arguments 'grossExposure' and 'netExposure' must have the length of 'equity' (%d) but have %d and %d",
        equity.length, grossExposure.length, netExposure.length);
    Checks.notNegative(tradedNotional, "tradedNotional");
    Checks.positive(periodsPerYear, "periodsPerYear");
    int points = equity.length;
    double equitySum = 0;
    double grossSum = 0;
    double netSum = 0;
    int inMarket = 0;
    for (int i = 0; i < points; i++) {
      Checks.positive(equity[i], "equity[" + i + "]");
      Checks.notNegative(grossExposure[i], "grossExposure[" + i + "]");
      Checks.finite(netExposure[i], "netExposure[" + i + "]");
      // Slack for rounding when long + short and long - short are computed separately.
      Checks.isTrue(Math.abs(netExposure[i]) <= grossExposure[i] * (1 + 1e-12) + 1e-9,
          "Argument 'netExposure[%d]' must not exceed gross exposure %s in absolute value but was %s", i,
          grossExposure[i], netExposure[i]);
      equitySum += equity[i];
      grossSum += grossExposure[i] / equity[i];
      netSum += netExposure[i] / equity[i];
      if (grossExposure[i] > 0) {
        inMarket++;
      }
    }
    int periods = points - 1;
    double meanEquity = equitySum / points;
    return new ExposureStatistics(grossSum / points, netSum / points, (double) inMarket / points,
        tradedNotional / meanEquity / 2 * (periodsPerYear / periods));
  }
}
