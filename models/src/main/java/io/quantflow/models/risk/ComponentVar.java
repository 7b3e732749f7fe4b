package io.quantflow.models.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Cholesky;
import io.quantflow.models.linalg.Linalg;
import io.quantflow.models.stats.StandardNormal;
import java.util.Arrays;

/**
 * The Euler allocation of the parametric (normal) VaR of a portfolio to its assets. With daily mean returns
 * {@code mu}, daily covariance {@code Sigma}, weights {@code w} (fractions of equity), {@code sigma_p = sqrt(w' Sigma
 * w)}, confidence {@code c}, {@code z_c = PhiInv(c)} and horizon {@code h} days:
 *
 * <pre>
 * VaR          = -h w'mu + sqrt(h) z_c sigma_p
 * marginal_i   = dVaR / dw_i = -h mu_i + sqrt(h) z_c (Sigma w)_i / sigma_p
 * component_i  = w_i marginal_i,         sum_i component_i = VaR   (VaR is homogeneous of degree 1 in w)
 * percent_i    = component_i / VaR,      sum_i percent_i = 1
 * </pre>
 *
 * <p>The {@code -h mu_i} terms appear only when the mean is included ({@link VarSpec#includeMean()}); otherwise
 * {@code mu = 0}. {@code VaR} equals {@link ValueAtRisk#parametric} of the same returns and spec. A negative
 * component is a hedge: that asset lowers the portfolio VaR. Immutable and thread-safe: the arrays are copied in and
 * out.
 *
 * @param confidence {@code c}, in (0, 1)
 * @param horizonDays {@code h}, trading days
 * @param includeMean whether {@code mu} entered
 * @param var the portfolio VaR, a loss fraction of portfolio value
 * @param portfolioVolatility {@code sigma_p}, daily
 * @param marginal {@code dVaR / dw_i} per asset, loss fraction per unit of weight
 * @param component {@code w_i marginal_i} per asset, loss fractions summing to {@code var}
 * @param percent {@code component_i / var} per asset, summing to 1; NaN when {@code var = 0}
 */
public record ComponentVar(double confidence, int horizonDays, boolean includeMean, double var,
    double portfolioVolatility, double[] marginal, double[] component, double[] percent) {

  /** Checks the fields and copies the arrays. */
  public ComponentVar {
    VarSpec.checkConfidence(confidence);
    Checks.positive(horizonDays, "horizonDays");
    Checks.notNull(marginal, "marginal");
    Checks.notNull(component, "component");
    Checks.notNull(percent, "percent");
    Checks.isTrue(component.length == marginal.length && percent.length == marginal.length,
        "Arguments 'marginal', 'component' and 'percent' must have the same length but have %d, %d and %d",
        marginal.length, component.length, percent.length);
    marginal = marginal.clone();
    component = component.clone();
    percent = percent.clone();
  }

  /**
   * The allocation with the sample mean and covariance ({@link PortfolioReturns#mean()},
   * {@link PortfolioReturns#covariance()}) of the daily asset returns; only the confidence, horizon and
   * {@code includeMean} of {@code spec} matter.
   *
   * @throws IllegalArgumentException with fewer than 2 days, a scaling other than square root of time or a zero
   *     portfolio variance
   */
  public static ComponentVar of(PortfolioReturns portfolio, VarSpec spec) {
    Checks.notNull(portfolio, "portfolio");
    Checks.notNull(spec, "spec");
    Checks.isTrue(portfolio.observations() >= 2,
        "Component VaR needs at least 2 days of returns to estimate a covariance but there are %d",
        portfolio.observations());
    double[] mu = spec.includeMean() ? portfolio.mean() : new double[portfolio.assets()];
    return of(mu, portfolio.covariance(), portfolio.weights(), spec);
  }

  /**
   * The allocation for a given daily mean vector (pass zeros, or set {@code includeMean} false, to leave the mean
   * out), daily covariance and weights.
   *
   * @throws IllegalArgumentException if the dimensions differ, an entry is not finite, the covariance is not
   *     symmetric positive semi-definite, the scaling is not square root of time, or {@code w' Sigma w = 0}
   */
  public static ComponentVar of(double[] mean, double[][] covariance, double[] weights, VarSpec spec) {
    ValueAtRisk.checkAssets(mean, covariance, weights);
    Checks.notNull(spec, "spec");
    Checks.isTrue(spec.scaling() == HorizonScaling.SQRT_TIME,
        "Component VaR is parametric: it scales the mean by h and the volatility by sqrt(h); use sqrt-time "
            + "scaling, not %s", spec.scaling().cliName());
    Cholesky.lower(covariance, "covariance"); // symmetry, finiteness and semi-definiteness
    int n = weights.length;
    double[] sigmaW = Linalg.multiply(covariance, weights);
    double variance = Linalg.dot(weights, sigmaW);
    Checks.isTrue(variance > 0,
        "Component VaR is undefined for a portfolio without variance (w' Sigma w = %s): check the weights", variance);
    double sigmaP = Math.sqrt(variance);
    double h = spec.horizonDays();
    double zScaled = Math.sqrt(h) * StandardNormal.inverseCdf(spec.confidence());
    boolean withMean = spec.includeMean();
    double[] marginal = new double[n];
    double[] component = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      marginal[i] = (withMean ? -h * mean[i] : 0) + zScaled * sigmaW[i] / sigmaP;
      component[i] = weights[i] * marginal[i];
      total += component[i];
    }
    double[] percent = new double[n];
    for (int i = 0; i < n; i++) {
      percent[i] = total != 0 ? component[i] / total : Double.NaN;
    }
    return new ComponentVar(spec.confidence(), spec.horizonDays(), withMean, total, sigmaP, marginal, component,
        percent);
  }

  /** A copy of the marginal VaR per asset. */
  @Override
  public double[] marginal() {
    return marginal.clone();
  }

  /** A copy of the component VaR per asset. */
  @Override
  public double[] component() {
    return component.clone();
  }

  /** A copy of the percentage contributions per asset (fractions, summing to 1). */
  @Override
  public double[] percent() {
    return percent.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComponentVar c && Double.compare(confidence, c.confidence) == 0 && horizonDays == c.horizonDays
        && includeMean == c.includeMean && Double.compare(var, c.var) == 0
        && Double.compare(portfolioVolatility, c.portfolioVolatility) == 0
        && Arrays.equals(marginal, c.marginal) && Arrays.equals(component, c.component)
        && Arrays.equals(percent, c.percent);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(marginal) + Arrays.hashCode(component)) + Double.hashCode(var);
  }

  @Override
  public String toString() {
    return "ComponentVar[confidence=" + confidence + ", horizonDays=" + horizonDays + ", var=" + var
        + ", component=" + Arrays.toString(component) + ", percent=" + Arrays.toString(percent) + "]";
  }
}
