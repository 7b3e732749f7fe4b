package io.quantflow.models.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.portfolio.SampleCovariance;
import java.util.Arrays;

/**
 * Daily simple returns of the assets of a portfolio, {@code assetReturns[asset][day]} (decimals, 0.01 = 1 percent),
 * and the portfolio weights as fractions of equity (negative = short; they need not sum to 1). The portfolio return
 * of day {@code t} is {@code r_p,t = sum_i w_i r_i,t}: the weights are held constant, i.e. rebalanced daily. A
 * single series is one asset with weight 1. Immutable and thread-safe: the arrays are copied in and out.
 *
 * @param assetReturns one row per asset, all of the same length (at least 1 day), finite
 * @param weights one finite weight per asset
 */
public record PortfolioReturns(double[][] assetReturns, double[] weights) {

  /** Checks the fields and copies the arrays. */
  public PortfolioReturns {
    Checks.notNull(assetReturns, "assetReturns");
    Checks.notNull(weights, "weights");
    Checks.isTrue(assetReturns.length > 0, "Argument 'assetReturns' must hold at least one asset but is empty");
    Checks.isTrue(weights.length == assetReturns.length,
        "Argument 'weights' must hold one weight per asset (%d assets) but has %d", assetReturns.length,
        weights.length);
    double[][] rows = new double[assetReturns.length][];
    for (int i = 0; i < assetReturns.length; i++) {
      Checks.notNull(assetReturns[i], "assetReturns[" + i + "]");
      Checks.isTrue(assetReturns[i].length == assetReturns[0].length,
          "Argument 'assetReturns' must have the same number of days for every asset but asset %d has %d and "
              + "asset 0 has %d: align the series on common dates first", i, assetReturns[i].length,
          assetReturns[0].length);
      Checks.finite(weights[i], "weights[" + i + "]");
      for (int t = 0; t < assetReturns[i].length; t++) {
        Checks.finite(assetReturns[i][t], "assetReturns[" + i + "][" + t + "]");
      }
      rows[i] = assetReturns[i].clone();
    }
    Checks.isTrue(rows[0].length > 0, "Argument 'assetReturns' must hold at least one day of returns");
    assetReturns = rows;
    weights = weights.clone();
  }

  /**
   * A portfolio of one series of daily simple returns with weight 1.
   *
   * @throws IllegalArgumentException if {@code returns} is empty or a return is not finite
   */
  public static PortfolioReturns ofSeries(double[] returns) {
    Checks.notNull(returns, "returns");
    for (int t = 0; t < returns.length; t++) {
      Checks.finite(returns[t], "returns[" + t + "]");
    }
    return new PortfolioReturns(new double[][] {returns}, new double[] {1});
  }

  /** A copy of the returns panel, {@code [asset][day]}. */
  @Override
  public double[][] assetReturns() {
    double[][] copy = new double[assetReturns.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = assetReturns[i].clone();
    }
    return copy;
  }

  /** A copy of the weights. */
  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The number of assets. */
  public int assets() {
    return assetReturns.length;
  }

  /** The number of days {@code n}. */
  public int observations() {
    return assetReturns[0].length;
  }

  /** The daily portfolio returns {@code r_p,t = sum_i w_i r_i,t}, a new array. */
  public double[] portfolioReturns() {
    double[] r = new double[observations()];
    for (int i = 0; i < assetReturns.length; i++) {
      for (int t = 0; t < r.length; t++) {
        r[t] += weights[i] * assetReturns[i][t];
      }
    }
    return r;
  }

  /** The sample mean daily return of each asset, {@code mu_i = sum_t r_i,t / n}. */
  public double[] mean() {
    double[] mu = new double[assets()];
    for (int i = 0; i < mu.length; i++) {
      double s = 0;
      for (double r : assetReturns[i]) {
        s += r;
      }
      mu[i] = s / observations();
    }
    return mu;
  }

  /**
   * The sample covariance of the daily asset returns, {@code Sigma_ij = sum_t (r_i,t - mu_i)(r_j,t - mu_j) / (n - 1)}
   * ({@link SampleCovariance}).
   *
   * @throws IllegalArgumentException with fewer than 2 days
   */
  public double[][] covariance() {
    int n = observations();
    Checks.isTrue(n >= 2, "A sample covariance needs at least 2 days of returns but there are %d", n);
    return SampleCovariance.estimate(assetReturns).matrix();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortfolioReturns p && Arrays.deepEquals(assetReturns, p.assetReturns)
        && Arrays.equals(weights, p.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(assetReturns) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "PortfolioReturns[assets=" + assets() + ", observations=" + observations() + ", weights="
        + Arrays.toString(weights) + "]";
  }
}
