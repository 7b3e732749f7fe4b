package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;
import java.util.Arrays;

/**
 * Rolling series of an equity curve {@code E_0 ... E_n} for charts. Every result has one value per equity point,
 * so it can be drawn against the same timestamps. Returns are simple, {@code r_i = E_i / E_{i-1} - 1} ending at
 * point {@code i}; a rolling value at point {@code i} uses the {@code window} returns
 * {@code r_{i-window+1} ... r_i} and is NaN for {@code i < window}. Standard deviations are sample estimators
 * (divisor {@code window - 1}), annualised by {@code sqrt(P)} as in {@link PerformanceMetrics}.
 */
public final class RollingStatistics {
  private RollingStatistics() {}

  /**
   * Rolling annualised Sharpe ratio {@code (mean(r) - rf / P) / stdev(r) * sqrt(P)} over the last {@code window}
   * returns; NaN before the window is full and where the window's volatility is zero.
   *
   * @param equity equity curve, USD, all positive
   * @param window returns per window, at least 2
   * @param periodsPerYear periods in a year, e.g. 252 for days
   * @param riskFreeRate annual risk-free rate as a decimal (0.02 is 2 percent)
   */
  public static double[] sharpe(double[] equity, int window, double periodsPerYear, double riskFreeRate) {
    Checks.finite(riskFreeRate, "riskFreeRate");
    double rfPeriod = riskFreeRate / Checks.positive(periodsPerYear, "periodsPerYear");
    double sqrtP = Math.sqrt(periodsPerYear);
    double[][] meanSd = rollingMeanSd(equity, window);
    double[] out = meanSd[1];
    for (int i = 0; i < out.length; i++) {
      out[i] = out[i] > 0 ? (meanSd[0][i] - rfPeriod) / out[i] * sqrtP : Double.NaN;
    }
    return out;
  }

  /**
   * Rolling annualised volatility {@code stdev(r) * sqrt(P)} over the last {@code window} returns, a decimal
   * (0.2 = 20 percent a year); NaN before the window is full.
   *
   * @param equity equity curve, USD, all positive
   * @param window returns per window, at least 2
   * @param periodsPerYear periods in a year, e.g. 252 for days
   */
  public static double[] volatility(double[] equity, int window, double periodsPerYear) {
    double sqrtP = Math.sqrt(Checks.positive(periodsPerYear, "periodsPerYear"));
    double[] out = rollingMeanSd(equity, window)[1];
    for (int i = 0; i < out.length; i++) {
      out[i] *= sqrtP;
    }
    return out;
  }

  /**
   * Underwater curve {@code E_i / max_{j <= i} E_j - 1}: 0 at a new high, negative below it (-0.05 is 5 percent
   * under the running peak). Its minimum is minus {@link PerformanceMetrics#maxDrawdown}.
   *
   * @param equity equity curve, USD, all positive, at least 1 point
   */
  public static double[] drawdown(double[] equity) {
    checkEquity(equity, 1);
    double[] out = new double[equity.length];
    double peak = equity[0];
    for (int i = 0; i < equity.length; i++) {
      peak = Math.max(peak, equity[i]);
      out[i] = equity[i] / peak - 1;
    }
    return out;
  }

  /** Rolling mean and sample standard deviation of the returns, aligned to points, NaN before the window. */
  private static double[][] rollingMeanSd(double[] equity, int window) {
    Checks.isTrue(window >= 2, "Argument 'window' must be at least 2 but was %s", window);
    checkEquity(equity, 1);
    int points = equity.length;
    double[] r = new double[points];
    for (int i = 1; i < points; i++) {
      r[i] = equity[i] / equity[i - 1] - 1;
    }
    double[] mean = new double[points];
    double[] sd = new double[points];
    Arrays.fill(mean, Double.NaN);
    Arrays.fill(sd, Double.NaN);
    // Welford's update plus its inverse for the return leaving the window: O(1) per point without the
    // cancellation of running sums of r and r^2. An exact two-pass resync every window bounds the drift, and a
    // window of identical returns (a flat stretch) gets exactly zero deviation, so its Sharpe is NaN, not noise.
    double m = 0;
    double m2 = 0;
    int sameRun = 0;
    for (int i = 1; i < points; i++) {
      sameRun = i > 1 && r[i] == r[i - 1] ? sameRun + 1 : 1;
      if (i > window && i % window == 0) {
        m = 0;
        for (int j = i - window + 1; j <= i; j++) {
          m += r[j];
        }
        m /= window;
        m2 = 0;
        for (int j = i - window + 1; j <= i; j++) {
          m2 += (r[j] - m) * (r[j] - m);
        }
      } else {
        if (i > window) {
          double y = r[i - window];
          double dy = y - m;
          m -= dy / (window - 1);
          m2 -= dy * (y - m);
        }
        double dx = r[i] - m;
        m += dx / Math.min(i, window);
        m2 += dx * (r[i] - m);
      }
      if (i >= window) {
        mean[i] = sameRun >= window ? r[i] : m;
        sd[i] = sameRun >= window ? 0 : Math.sqrt(Math.max(0, m2) / (window - 1));
      }
    }
    return new double[][] {mean, sd};
  }

  private static void checkEquity(double[] equity, int minPoints) {
    Checks.notNull(equity, "equity");
    Checks.isTrue(equity.length >= minPoints, "Argument 'equity' needs at least %d points but has %d", minPoints,
        equity.length);
    for (int i = 0; i < equity.length; i++) {
      Checks.positive(equity[i], "equity[" + i + "]");
    }
  }
}
