package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;

/**
 * Sample moments of a return series, the one implementation behind {@link PerformanceMetrics} and the parametric and
 * Cornish-Fisher VaR ({@code docs/metrics.md}): central moments {@code m_k = sum((r_i - mean)^k) / n},
 *
 * <pre>
 * standardDeviation = sqrt(sum((r_i - mean)^2) / (n - 1))
 * skewness          = sqrt(n (n - 1)) / (n - 2) * m3 / m2^1.5                             (G1, Excel SKEW)
 * excessKurtosis    = (n - 1) / ((n - 2)(n - 3)) * ((n + 1)(m4 / m2^2 - 3) + 6)           (G2, Excel KURT)
 * </pre>
 *
 * <p>These are the bias-corrected sample estimators, not the population ({@code m3 / m2^1.5}, {@code m4 / m2^2 - 3})
 * ones; the two differ by a few percent below about 100 observations. Immutable and thread-safe.
 *
 * @param observations {@code n}
 * @param mean arithmetic mean of the returns; NaN for {@code n = 0}
 * @param standardDeviation sample standard deviation; NaN for {@code n < 2}
 * @param skewness {@code G1}, 0 for a symmetric distribution; NaN for {@code n < 3} or zero variance
 * @param excessKurtosis {@code G2}, 0 for a normal distribution; NaN for {@code n < 4} or zero variance
 */
public record SampleMoments(int observations, double mean, double standardDeviation, double skewness,
    double excessKurtosis) {

  /**
   * The moments of {@code returns} (simple returns, decimals; not modified).
   *
   * @throws IllegalArgumentException if a return is not finite
   */
  public static SampleMoments of(double[] returns) {
    Checks.notNull(returns, "returns");
    int n = returns.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Checks.finite(returns[i], "returns[" + i + "]");
    }
    if (n == 0) {
      return new SampleMoments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    for (double r : returns) {
      double d = r - mean;
      double d2 = d * d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
    double m2 = s2 / n;
    double sd = n >= 2 ? Math.sqrt(s2 / (n - 1)) : Double.NaN;
    double skew = n >= 3 && m2 > 0 ? Math.sqrt((double) n * (n - 1)) / (n - 2) * (s3 / n) / Math.pow(m2, 1.5)
        : Double.NaN;
    double kurt = n >= 4 && m2 > 0
        ? (n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1.0) * ((s4 / n) / (m2 * m2) - 3) + 6)
        : Double.NaN;
    return new SampleMoments(n, mean, sd, skew, kurt);
  }
}
