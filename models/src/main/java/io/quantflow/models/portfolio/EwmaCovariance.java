package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;

/**
 * The exponentially weighted (RiskMetrics) covariance of simple per-period returns {@code double[asset][time]}, the
 * most recent period last. Period {@code k = 0..T-1} gets the weight
 * {@code w_k = (1 - lambda) lambda^(T-1-k) / (1 - lambda^T)} (the weights sum to 1), and
 * {@code S_ij = sum_k w_k (r_ik - m_i)(r_jk - m_j)}. This is the RiskMetrics recursion
 * {@code S_t = lambda S_(t-1) + (1 - lambda) r_t r_t'} started from {@code S_0 = 0}, divided by
 * {@code 1 - lambda^T} so that a short window is not biased towards zero. With {@code demean = false} (RiskMetrics,
 * the default) {@code m = 0}; with {@code demean = true} {@code m_i = sum_k w_k r_ik}, the weighted mean, and no
 * small-sample correction is applied. The result is per period (not annualised). Immutable and thread-safe.
 *
 * @param decay {@code lambda} in (0, 1): RiskMetrics uses 0.94 for daily returns
 * @param demean whether to subtract the weighted mean
 */
public record EwmaCovariance(double decay, boolean demean) {
  /** The RiskMetrics daily decay. */
  public static final double RISK_METRICS_DECAY = 0.94;

  /** Checks the decay. */
  public EwmaCovariance {
    Checks.isTrue(decay > 0 && decay < 1, "Argument 'decay' must be in (0, 1) but was %s", decay);
  }

  /** RiskMetrics: {@code lambda = 0.94}, mean zero. */
  public static EwmaCovariance riskMetrics() {
    return new EwmaCovariance(RISK_METRICS_DECAY, false);
  }

  /**
   * The decay whose weights halve every {@code halfLife} periods: {@code lambda = 2^(-1 / halfLife)}
   * ({@code halfLife} 11.2 periods gives about 0.94).
   */
  public static EwmaCovariance ofHalfLife(double halfLife, boolean demean) {
    Checks.positive(halfLife, "halfLife");
    return new EwmaCovariance(Math.pow(2, -1 / halfLife), demean);
  }

  /** The half-life {@code -ln 2 / ln lambda} of the decay, in periods. */
  public double halfLife() {
    return -Math.log(2) / Math.log(decay);
  }

  /** The weights {@code w_0 .. w_(T-1)} of the periods, oldest first; they sum to 1. */
  public double[] weights(int periods) {
    Checks.positive(periods, "periods");
    double[] w = new double[periods];
    double norm = 1 - Math.pow(decay, periods);
    for (int k = 0; k < periods; k++) {
      w[k] = (1 - decay) * Math.pow(decay, periods - 1 - k) / norm;
    }
    return w;
  }

  /**
   * The covariance of {@code returns} ({@code double[asset][time]}, at least 1 period, 2 when demeaning; all finite).
   */
  public Covariance estimate(double[][] returns) {
    int t = Returns.check(returns, demean ? 2 : 1);
    int n = returns.length;
    double[] w = weights(t);
    double[][] x = new double[n][t];
    for (int i = 0; i < n; i++) {
      double m = demean ? Linalg.dot(w, returns[i]) : 0;
      for (int k = 0; k < t; k++) {
        x[i][k] = returns[i][k] - m;
      }
    }
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = 0;
        for (int k = 0; k < t; k++) {
          v += w[k] * x[i][k] * x[j][k];
        }
        s[i][j] = v;
        s[j][i] = v;
      }
    }
    return new Covariance(s);
  }
}
