package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;

/**
 * Expected per-period simple returns {@code mu} for the optimisers: historical means, Grinold's signal-implied
 * alphas, and reverse-optimised equilibrium returns.
 */
public final class ExpectedReturns {
  private ExpectedReturns() {}

  /**
   * The arithmetic mean {@code mu_i = sum_t r_it / T} of each asset's simple per-period returns
   * ({@code double[asset][time]}); not annualised. A noisy estimate: prefer shrunk or signal-implied returns.
   */
  public static double[] historicalMean(double[][] returns) {
    Returns.check(returns, 1);
    return Returns.means(returns);
  }

  /**
   * Grinold's forecasting rule "alpha = IC x volatility x score": {@code mu_i = ic sigma_i z_i}, with {@code z_i} a
   * standardised score (mean 0, standard deviation 1 across assets), {@code sigma_i} the per-period volatility
   * (strictly the residual volatility; total volatility is the usual stand-in) and {@code ic} the information
   * coefficient (correlation of scores with subsequent returns, e.g. 0.05). The alphas are per period.
   *
   * @param scores {@code z_i}, finite
   * @param volatilities {@code sigma_i >= 0}, per period
   * @param ic the information coefficient in [-1, 1]
   */
  public static double[] fromSignals(double[] scores, double[] volatilities, double ic) {
    Checks.notNull(scores, "scores");
    Checks.notNull(volatilities, "volatilities");
    Checks.inRange(ic, -1, 1, "ic");
    Checks.isTrue(scores.length == volatilities.length,
        "Arguments 'scores' (%d) and 'volatilities' (%d) must have one entry per asset", scores.length,
        volatilities.length);
    double[] mu = new double[scores.length];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = ic * Checks.notNegative(volatilities[i], "volatilities[" + i + "]")
          * Checks.finite(scores[i], "scores[" + i + "]");
    }
    return mu;
  }

  /** {@link #fromSignals(double[], double[], double)} with {@code sigma_i = sqrt(S_ii)} of {@code covariance}. */
  public static double[] fromSignals(double[] scores, Covariance covariance, double ic) {
    Checks.notNull(covariance, "covariance");
    return fromSignals(scores, covariance.volatilities(), ic);
  }

  /** Standardises raw scores to {@code z_i = (x_i - mean) / sd} across assets (sd with divisor n); 0 if sd is 0. */
  public static double[] zScores(double[] raw) {
    Checks.notNull(raw, "raw");
    int n = raw.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += Checks.finite(raw[i], "raw[" + i + "]") / n;
    }
    double var = 0;
    for (double x : raw) {
      var += (x - mean) * (x - mean) / n;
    }
    double sd = Math.sqrt(var);
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = sd > 0 ? (raw[i] - mean) / sd : 0;
    }
    return z;
  }

  /**
   * Reverse optimisation (Sharpe; He and Litterman): the equilibrium excess returns {@code Pi = delta S w_mkt}
   * implied by market weights {@code w_mkt} and risk aversion {@code delta}, in the period of {@code S}.
   */
  public static double[] equilibrium(Covariance covariance, double[] marketWeights, double riskAversion) {
    Checks.notNull(covariance, "covariance");
    Checks.notNull(marketWeights, "marketWeights");
    Checks.positive(riskAversion, "riskAversion");
    Checks.isTrue(marketWeights.length == covariance.size(),
        "Argument 'marketWeights' must have %d entries (one per asset) but has %d", covariance.size(),
        marketWeights.length);
    double[] pi = Linalg.multiply(covariance.matrix(), marketWeights);
    for (int i = 0; i < pi.length; i++) {
      pi[i] *= riskAversion;
    }
    return pi;
  }
}
