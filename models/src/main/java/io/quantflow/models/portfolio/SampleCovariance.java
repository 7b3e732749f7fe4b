package io.quantflow.models.portfolio;

/**
 * The unbiased sample covariance {@code S_ij = sum_t (r_it - mean_i)(r_jt - mean_j) / (T - 1)} of simple per-period
 * returns given as {@code double[asset][time]}. The result is per period (daily returns give a daily covariance); it
 * is not annualised. With fewer periods than assets it is singular: prefer {@link LedoitWolf} then.
 */
public final class SampleCovariance {
  private SampleCovariance() {}

  /**
   * The sample covariance of {@code returns} ({@code double[asset][time]}, at least 2 periods, all finite).
   *
   * @throws IllegalArgumentException if the panel is ragged, too short or holds NaN
   */
  public static Covariance estimate(double[][] returns) {
    int t = Returns.check(returns, 2);
    return new Covariance(Returns.crossProduct(Returns.demeaned(returns), t - 1));
  }
}
