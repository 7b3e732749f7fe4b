package io.quantflow.models.risk.hedge;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Cholesky;
import io.quantflow.models.linalg.Linalg;
import java.util.Arrays;

/**
 * Minimum-variance hedge ratios of a portfolio against one or more hedge instruments. With simple period returns
 * {@code r_p} of the portfolio and {@code r_1 ... r_m} of the hedge instruments over the same {@code n} periods, the
 * ratios {@code h} minimise {@code Var(r_p - sum_j h_j r_j)}, so they solve the normal equations
 *
 * <pre>
 * Cov(H) h = Cov(H, r_p)        (m x m sample covariance of the hedges, m covariances with the portfolio)
 * </pre>
 *
 * With one hedge {@code h = cov(r_p, r_1) / var(r_1)}, the OLS beta. Sign convention: {@code h_j} is the USD of
 * instrument {@code j} to <em>sell</em> per USD of portfolio, so a portfolio of {@code P} USD is hedged by holding
 * {@code -h_j P} USD of instrument {@code j}. Variances are sample variances of period returns (divisor
 * {@code n - 1}, not annualised). Immutable and thread-safe; the arrays are copied in and out.
 *
 * @param ratios {@code h}, one per hedge instrument, in the order given
 * @param unhedgedVariance {@code Var(r_p)}, per period
 * @param hedgedVariance {@code Var(r_p - sum_j h_j r_j)}, per period
 * @param varianceReduction {@code 1 - hedgedVariance / unhedgedVariance} (the R^2 of the regression), a fraction
 *     in [0, 1]; NaN when the portfolio returns have zero variance
 */
public record MinimumVarianceHedge(double[] ratios, double unhedgedVariance, double hedgedVariance,
    double varianceReduction) {

  /** Checks the fields and copies the ratios. */
  public MinimumVarianceHedge {
    Checks.notNull(ratios, "ratios");
    ratios = ratios.clone();
    for (int j = 0; j < ratios.length; j++) {
      Checks.finite(ratios[j], "ratios[" + j + "]");
    }
    Checks.notNegative(unhedgedVariance, "unhedgedVariance");
    Checks.notNegative(hedgedVariance, "hedgedVariance");
  }

  /** The hedge ratios {@code h} (a copy). */
  @Override
  public double[] ratios() {
    return ratios.clone();
  }

  /**
   * Fits the minimum-variance hedge ratios.
   *
   * @param portfolioReturns {@code r_p}, simple period returns (decimals)
   * @param hedgeReturns {@code hedgeReturns[j]} is the return series {@code r_j} of hedge instrument {@code j}, each
   *     of the same length as {@code portfolioReturns}; at least one instrument
   * @throws IllegalArgumentException if the lengths differ, a return is not finite, there are fewer than
   *     {@code m + 2} periods, or the hedge returns are collinear (their covariance matrix is singular)
   */
  public static MinimumVarianceHedge fit(double[] portfolioReturns, double[][] hedgeReturns) {
    Checks.notNull(portfolioReturns, "portfolioReturns");
    Checks.notNull(hedgeReturns, "hedgeReturns");
    int m = hedgeReturns.length;
    int n = portfolioReturns.length;
    Checks.isTrue(m >= 1, "Argument 'hedgeReturns' needs at least one hedge instrument");
    for (int j = 0; j < m; j++) {
      Checks.notNull(hedgeReturns[j], "hedgeReturns[" + j + "]");
      Checks.isTrue(hedgeReturns[j].length == n,
          "hedgeReturns[%d] has %d returns but portfolioReturns has %d; align the series on the same periods", j,
          hedgeReturns[j].length, n);
    }
    Checks.isTrue(n >= m + 2, "%d hedge instruments need at least %d periods but got %d", m, m + 2, n);
    double[] p = centred(portfolioReturns, "portfolioReturns");
    double[][] x = new double[m][];
    for (int j = 0; j < m; j++) {
      x[j] = centred(hedgeReturns[j], "hedgeReturns[" + j + "]");
    }
    double[][] cov = new double[m][m];
    double[] c = new double[m];
    for (int j = 0; j < m; j++) {
      c[j] = Linalg.dot(x[j], p) / (n - 1);
      for (int k = 0; k <= j; k++) {
        cov[j][k] = Linalg.dot(x[j], x[k]) / (n - 1);
        cov[k][j] = cov[j][k];
      }
    }
    int singular = Cholesky.singularPivot(cov);
    // A pivot this small relative to the largest variance means a hedge is a combination of the others.
    Checks.isTrue(singular < 0, "The hedge returns are collinear or constant (their covariance matrix is singular at "
        + "instrument %d); drop the redundant hedge instrument", singular);
    double[] h = Cholesky.solve(cov, c, "hedge covariance");
    double[] residual = p.clone();
    for (int j = 0; j < m; j++) {
      for (int t = 0; t < n; t++) {
        residual[t] -= h[j] * x[j][t];
      }
    }
    double unhedged = Linalg.dot(p, p) / (n - 1);
    // The residual of centred series is centred, so its variance is its mean square.
    double hedged = Linalg.dot(residual, residual) / (n - 1);
    double reduction = unhedged > 0 ? 1 - hedged / unhedged : Double.NaN;
    return new MinimumVarianceHedge(h, unhedged, hedged, reduction);
  }

  /** Fits a single hedge instrument: {@code h = cov(r_p, r_1) / var(r_1)}. */
  public static MinimumVarianceHedge fit(double[] portfolioReturns, double[] hedgeReturns) {
    return fit(portfolioReturns, new double[][] {Checks.notNull(hedgeReturns, "hedgeReturns")});
  }

  private static double[] centred(double[] r, String name) {
    double mean = 0;
    for (int t = 0; t < r.length; t++) {
      mean += Checks.finite(r[t], name + "[" + t + "]");
    }
    mean /= r.length;
    double[] out = new double[r.length];
    for (int t = 0; t < r.length; t++) {
      out[t] = r[t] - mean;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinimumVarianceHedge other && Arrays.equals(ratios, other.ratios)
        && Double.compare(unhedgedVariance, other.unhedgedVariance) == 0
        && Double.compare(hedgedVariance, other.hedgedVariance) == 0
        && Double.compare(varianceReduction, other.varianceReduction) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ratios) + Double.hashCode(unhedgedVariance) * 17 + Double.hashCode(hedgedVariance);
  }

  @Override
  public String toString() {
    return "MinimumVarianceHedge[ratios=" + Arrays.toString(ratios) + ", unhedgedVariance=" + unhedgedVariance
        + ", hedgedVariance=" + hedgedVariance + ", varianceReduction=" + varianceReduction + "]";
  }
}
