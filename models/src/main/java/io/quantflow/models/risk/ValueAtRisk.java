package io.quantflow.models.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Cholesky;
import io.quantflow.models.metrics.SampleMoments;
import io.quantflow.models.metrics.TailRisk;
import io.quantflow.models.stats.StandardNormal;
import java.util.SplittableRandom;

/**
 * Value at risk and expected shortfall of a portfolio from daily simple returns, by four methods ({@link VarMethod}).
 * Both are positive loss fractions of portfolio value (0.05 = a loss of 5 percent) at confidence {@code c} over
 * {@code h} trading days, and {@code alpha = 1 - c} is the tail probability. With {@code z_c = PhiInv(c)} (2.326
 * for {@code c = 0.99}), {@code phi} the standard normal density, the daily portfolio mean {@code mu} (0 when the
 * spec excludes the mean) and sample standard deviation {@code sigma} (divisor {@code n - 1}):
 *
 * <ul>
 *   <li><b>parametric</b> (normal): {@code VaR = -mu h + sigma sqrt(h) z_c},
 *       {@code CVaR = -mu h + sigma sqrt(h) phi(z_c) / (1 - c)}.
 *   <li><b>Cornish-Fisher</b>: {@code VaR = -mu h - sigma sqrt(h) z_cf} with the lower-tail normal quantile
 *       {@code z = PhiInv(1 - c) = -z_c} (negative) and
 *       {@code z_cf = z + (z^2 - 1) S/6 + (z^3 - 3z) K/24 - (2z^3 - 5z) S^2/36}, {@code S} and {@code K} the sample
 *       skewness and excess kurtosis ({@link SampleMoments}, bias-corrected {@code G1} and {@code G2}). Negative
 *       skew and fat tails make {@code z_cf} more negative and VaR larger. {@code CVaR = -mu h - sigma sqrt(h) m_cf}
 *       with {@code m_cf} the average of the Cornish-Fisher quantile over the tail,
 *       {@code m_cf = (1/alpha) integral_0^alpha z_cf(PhiInv(u)) du = E[z_cf(Z) | Z < z]}, evaluated exactly from
 *       the truncated normal moments ({@link #cornishFisherTailMean}); this is not the modified expected shortfall
 *       of Boudt, Peterson and Croux (2008), and unlike it stays consistent with the VaR ({@code CVaR >= VaR} while
 *       the expansion is increasing). Over {@code h} days the cumulants of independent days add up, so {@code S}
 *       becomes {@code S / sqrt(h)} and {@code K} becomes {@code K / h}. The expansion is a valid (increasing)
 *       quantile function only for moderate moments: with {@code S = 0} exactly for {@code 0 <= K <= 8}, and skew
 *       narrows the range (Maillard, "A user's guide to the Cornish Fisher expansion", 2012).
 *   <li><b>historical</b>: {@link TailRisk}'s empirical quantile and tail mean of the daily portfolio returns, with
 *       the tail {@code k = max(1, ceil(n alpha))} worst returns; over {@code h} days either {@code sqrt(h)} times
 *       the one-day figures (default) or the same statistics of the {@code n - h + 1} overlapping compounded
 *       {@code h}-day returns ({@link HorizonScaling}). The mean is always the observed one.
 *   <li><b>Monte Carlo</b>: the asset returns are drawn as {@code mu + L e} with {@code L L' = Sigma} the Cholesky
 *       factor of the sample covariance and {@code e} standard normal, or for Student-t returns
 *       {@code e = sqrt((nu - 2)/nu) Z sqrt(nu / W)} with {@code Z} standard normal and {@code W} chi-square with
 *       {@code nu} degrees of freedom shared by all assets (so {@code Cov = Sigma}); {@code N} seeded paths; VaR
 *       and CVaR are {@link TailRisk} of the simulated portfolio returns {@code w' r}, over {@code h} days by the
 *       square-root-of-time rule (default) or by compounding {@code h} simulated days per path.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueAtRisk {
  private ValueAtRisk() {}

  /**
   * The estimate of {@code method}; see the class comment.
   *
   * @throws IllegalArgumentException if the returns are too few for the method or the spec does not apply to it
   */
  public static VarEstimate estimate(VarMethod method, PortfolioReturns portfolio, VarSpec spec) {
    Checks.notNull(method, "method");
    return switch (method) {
      case PARAMETRIC -> parametric(portfolio, spec);
      case CORNISH_FISHER -> cornishFisher(portfolio, spec);
      case HISTORICAL -> historical(portfolio, spec);
      case MONTE_CARLO -> monteCarlo(portfolio, spec);
    };
  }

  /** The estimate of {@code method} for one series of daily simple portfolio returns. */
  public static VarEstimate estimate(VarMethod method, double[] returns, VarSpec spec) {
    return estimate(method, PortfolioReturns.ofSeries(returns), spec);
  }

  /**
   * Parametric normal VaR and CVaR: {@code -mu h + sigma sqrt(h) z_c} and {@code -mu h + sigma sqrt(h) phi(z_c) /
   * (1 - c)} from the sample mean and standard deviation of the daily portfolio returns.
   *
   * @throws IllegalArgumentException with fewer than 2 days or a scaling other than square root of time
   */
  public static VarEstimate parametric(PortfolioReturns portfolio, VarSpec spec) {
    SampleMoments m = closedFormMoments(portfolio, spec, VarMethod.PARAMETRIC, 2);
    double mu = spec.includeMean() ? m.mean() * spec.horizonDays() : 0;
    double sigma = m.standardDeviation() * Math.sqrt(spec.horizonDays());
    return estimate(VarMethod.PARAMETRIC, spec, normalVar(mu, sigma, spec.confidence()),
        normalCvar(mu, sigma, spec.confidence()), m, 0, spec.includeMean(), m.mean(), m.standardDeviation());
  }

  /**
   * Cornish-Fisher VaR and CVaR: the normal quantile corrected for the sample skewness and excess kurtosis of the
   * daily portfolio returns, and its average over the tail; see the class comment.
   *
   * @throws IllegalArgumentException with fewer than 4 days, returns without variance or a scaling other than
   *     square root of time
   */
  public static VarEstimate cornishFisher(PortfolioReturns portfolio, VarSpec spec) {
    SampleMoments m = closedFormMoments(portfolio, spec, VarMethod.CORNISH_FISHER, 4);
    Checks.isTrue(m.standardDeviation() > 0,
        "Cornish-Fisher VaR needs returns with a positive variance: these %d returns are all equal",
        m.observations());
    int h = spec.horizonDays();
    double mu = spec.includeMean() ? m.mean() * h : 0;
    double sigma = m.standardDeviation() * Math.sqrt(h);
    double skew = m.skewness() / Math.sqrt(h);
    double kurt = m.excessKurtosis() / h;
    double z = -StandardNormal.inverseCdf(spec.confidence());
    double var = -mu - sigma * cornishFisherQuantile(z, skew, kurt);
    double cvar = -mu - sigma * cornishFisherTailMean(spec.confidence(), skew, kurt);
    return estimate(VarMethod.CORNISH_FISHER, spec, var, cvar, m, 0, spec.includeMean(), m.mean(),
        m.standardDeviation());
  }

  /**
   * Historical VaR and CVaR: {@link TailRisk} of the daily portfolio returns, times {@code sqrt(h)}
   * ({@link HorizonScaling#SQRT_TIME}), or of the {@code n - h + 1} overlapping compounded {@code h}-day returns
   * {@code (1 + r_t) ... (1 + r_{t+h-1}) - 1} ({@link HorizonScaling#COMPOUNDED}). {@code includeMean} is ignored.
   *
   * @throws IllegalArgumentException with compounding and fewer than {@code h} days
   */
  public static VarEstimate historical(PortfolioReturns portfolio, VarSpec spec) {
    Checks.notNull(portfolio, "portfolio");
    Checks.notNull(spec, "spec");
    double[] r = portfolio.portfolioReturns();
    SampleMoments m = SampleMoments.of(r);
    int h = spec.horizonDays();
    if (spec.scaling() == HorizonScaling.SQRT_TIME) {
      TailRisk t = TailRisk.of(r, spec.confidence());
      double scale = Math.sqrt(h);
      return estimate(VarMethod.HISTORICAL, spec, scale * t.valueAtRisk(), scale * t.conditionalValueAtRisk(), m,
          r.length, true, m.mean(), m.standardDeviation());
    }
    Checks.isTrue(r.length >= h,
        "Compounded historical VaR over %d days needs at least %d daily returns but there are %d: shorten the "
            + "horizon or use sqrt-time scaling", h, h, r.length);
    double[] windows = new double[r.length - h + 1];
    for (int s = 0; s < windows.length; s++) {
      double growth = 1;
      for (int t = s; t < s + h; t++) {
        growth *= 1 + r[t];
      }
      windows[s] = growth - 1;
    }
    TailRisk t = TailRisk.of(windows, spec.confidence());
    return estimate(VarMethod.HISTORICAL, spec, t.valueAtRisk(), t.conditionalValueAtRisk(), m, windows.length,
        true, m.mean(), m.standardDeviation());
  }

  /**
   * Monte Carlo VaR and CVaR with the sample mean and covariance of the asset returns; see the class comment.
   *
   * @throws IllegalArgumentException with fewer than 2 days
   */
  public static VarEstimate monteCarlo(PortfolioReturns portfolio, VarSpec spec) {
    Checks.notNull(portfolio, "portfolio");
    Checks.notNull(spec, "spec");
    Checks.isTrue(portfolio.observations() >= 2,
        "Monte Carlo VaR needs at least 2 days of returns to estimate a covariance but there are %d",
        portfolio.observations());
    SampleMoments m = SampleMoments.of(portfolio.portfolioReturns());
    return simulate(portfolio.mean(), portfolio.covariance(), portfolio.weights(), spec, m);
  }

  /**
   * Monte Carlo VaR and CVaR for a given daily mean vector {@code mean} and covariance {@code covariance} of the
   * asset returns (decimals; covariance in squared decimals per day) and the weights {@code weights}. The estimate
   * reports 0 observations and NaN sample skewness and kurtosis.
   *
   * @throws IllegalArgumentException if the dimensions differ, an entry is not finite or the covariance is not
   *     symmetric positive semi-definite
   */
  public static VarEstimate monteCarlo(double[] mean, double[][] covariance, double[] weights, VarSpec spec) {
    checkAssets(mean, covariance, weights);
    SampleMoments none = new SampleMoments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    return simulate(mean.clone(), covariance, weights.clone(), Checks.notNull(spec, "spec"), none);
  }

  /**
   * The normal VaR {@code -mean + sigma z_c} of a return with mean {@code mean} and standard deviation
   * {@code sigma} over one period, at confidence {@code c}.
   */
  public static double normalVar(double mean, double sigma, double confidence) {
    checkMoments(mean, sigma, confidence);
    return -mean + sigma * StandardNormal.inverseCdf(confidence);
  }

  /** The normal CVaR (expected shortfall) {@code -mean + sigma phi(z_c) / (1 - c)} over one period. */
  public static double normalCvar(double mean, double sigma, double confidence) {
    checkMoments(mean, sigma, confidence);
    return -mean + sigma * StandardNormal.density(StandardNormal.inverseCdf(confidence)) / (1 - confidence);
  }

  /**
   * The VaR of a return {@code mean + sigma sqrt((nu - 2)/nu) T} with {@code T} standard Student-t with {@code nu}
   * degrees of freedom, so that {@code sigma} is its standard deviation:
   * {@code VaR = -mean + sigma sqrt((nu - 2)/nu) t_c} with {@code t_c = F_nu^-1(c)} ({@link StudentT}).
   *
   * @param nu degrees of freedom, at least 3
   */
  public static double studentTVar(double mean, double sigma, int nu, double confidence) {
    checkMoments(mean, sigma, confidence);
    checkNu(nu);
    return -mean + sigma * Math.sqrt((nu - 2.0) / nu) * StudentT.inverseCdf(confidence, nu);
  }

  /**
   * The CVaR (expected shortfall) of the same Student-t return:
   * {@code CVaR = -mean + sigma sqrt((nu - 2)/nu) f_nu(t_c) (nu + t_c^2) / ((nu - 1)(1 - c))} with {@code f_nu}
   * the Student-t density ({@code E[T | T > t] = f_nu(t) (nu + t^2) / ((nu - 1) P(T > t))}).
   *
   * @param nu degrees of freedom, at least 3
   */
  public static double studentTCvar(double mean, double sigma, int nu, double confidence) {
    checkMoments(mean, sigma, confidence);
    checkNu(nu);
    double t = StudentT.inverseCdf(confidence, nu);
    double tailMean = StudentT.density(t, nu) * (nu + t * t) / ((nu - 1.0) * (1 - confidence));
    return -mean + sigma * Math.sqrt((nu - 2.0) / nu) * tailMean;
  }

  /**
   * The Cornish-Fisher quantile {@code z_cf = z + (z^2 - 1) S/6 + (z^3 - 3z) K/24 - (2z^3 - 5z) S^2/36} of a
   * standardised return with skewness {@code S} and excess kurtosis {@code K}, for the standard normal quantile
   * {@code z} (negative in the loss tail: {@code PhiInv(1 - c)}).
   */
  public static double cornishFisherQuantile(double z, double skewness, double excessKurtosis) {
    Checks.finite(z, "z");
    Checks.finite(skewness, "skewness");
    Checks.finite(excessKurtosis, "excessKurtosis");
    double z2 = z * z;
    double z3 = z2 * z;
    return z + (z2 - 1) * skewness / 6 + (z3 - 3 * z) * excessKurtosis / 24
        - (2 * z3 - 5 * z) * skewness * skewness / 36;
  }

  /**
   * The mean of the Cornish-Fisher quantile over the loss tail, {@code (1/alpha) integral_0^alpha z_cf(PhiInv(u)) du}
   * with {@code alpha = 1 - c}, a negative number: the standardised expected shortfall is its negative. Writing
   * {@code z_cf = a0 + a1 z + a2 z^2 + a3 z^3} with {@code a0 = -S/6}, {@code a1 = 1 - K/8 + 5 S^2/36},
   * {@code a2 = S/6}, {@code a3 = K/24 - S^2/18}, it is {@code (a0 J0 + a1 J1 + a2 J2 + a3 J3) / alpha} with the
   * truncated normal moments {@code J_k = integral_-inf^b x^k phi(x) dx} at {@code b = PhiInv(alpha)}:
   * {@code J0 = alpha}, {@code J1 = -phi(b)}, {@code J2 = alpha - b phi(b)}, {@code J3 = -(b^2 + 2) phi(b)}.
   * With {@code S = K = 0} it is {@code -phi(z_c) / (1 - c)}.
   */
  public static double cornishFisherTailMean(double confidence, double skewness, double excessKurtosis) {
    VarSpec.checkConfidence(confidence);
    Checks.finite(skewness, "skewness");
    Checks.finite(excessKurtosis, "excessKurtosis");
    double alpha = 1 - confidence;
    double b = -StandardNormal.inverseCdf(confidence);
    double phi = StandardNormal.density(b);
    double s2 = skewness * skewness;
    double a0 = -skewness / 6;
    double a1 = 1 - excessKurtosis / 8 + 5 * s2 / 36;
    double a2 = skewness / 6;
    double a3 = excessKurtosis / 24 - s2 / 18;
    return (a0 * alpha - a1 * phi + a2 * (alpha - b * phi) - a3 * (b * b + 2) * phi) / alpha;
  }

  private static SampleMoments closedFormMoments(PortfolioReturns portfolio, VarSpec spec, VarMethod method,
      int minimum) {
    Checks.notNull(portfolio, "portfolio");
    Checks.notNull(spec, "spec");
    Checks.isTrue(spec.scaling() == HorizonScaling.SQRT_TIME,
        "The %s method scales the mean by h and the volatility by sqrt(h): use sqrt-time scaling, not %s",
        method.cliName(), spec.scaling().cliName());
    Checks.isTrue(portfolio.observations() >= minimum, "The %s method needs at least %d daily returns but there are %d",
        method.cliName(), minimum, portfolio.observations());
    return SampleMoments.of(portfolio.portfolioReturns());
  }

  private static VarEstimate simulate(double[] mean, double[][] covariance, double[] weights, VarSpec spec,
      SampleMoments observed) {
    double[][] l = Cholesky.lower(covariance, "covariance");
    int assets = weights.length;
    // w'(mu + L e) = w'mu + (L'w)'e: only the portfolio return is needed, so the asset returns are not stored.
    double[] loading = new double[assets];
    double portfolioMean = 0;
    double portfolioVariance = 0;
    for (int i = 0; i < assets; i++) {
      portfolioMean += weights[i] * mean[i];
      for (int k = 0; k < assets; k++) {
        loading[k] += weights[i] * l[i][k];
        portfolioVariance += weights[i] * covariance[i][k] * weights[k];
      }
    }
    double drift = spec.includeMean() ? portfolioMean : 0;
    boolean studentT = spec.distribution() == ReturnDistribution.STUDENT_T;
    int nu = spec.degreesOfFreedom();
    int days = spec.scaling() == HorizonScaling.COMPOUNDED ? spec.horizonDays() : 1;
    SplittableRandom random = new SplittableRandom(spec.seed());
    double[] simulated = new double[spec.paths()];
    for (int p = 0; p < simulated.length; p++) {
      double growth = 1;
      double r = 0;
      for (int d = 0; d < days; d++) {
        double x = 0;
        for (int k = 0; k < assets; k++) {
          x += loading[k] * random.nextGaussian();
        }
        if (studentT) {
          // sqrt((nu - 2)/nu) sqrt(nu / W): a t draw scaled to unit variance.
          x *= Math.sqrt((nu - 2.0) / chiSquare(random, nu));
        }
        r = drift + x;
        growth *= 1 + r;
      }
      simulated[p] = days == 1 ? r : growth - 1;
    }
    TailRisk t = TailRisk.of(simulated, spec.confidence());
    double scale = days == 1 ? Math.sqrt(spec.horizonDays()) : 1;
    return estimate(VarMethod.MONTE_CARLO, spec, scale * t.valueAtRisk(), scale * t.conditionalValueAtRisk(),
        observed, simulated.length, spec.includeMean(), portfolioMean, Math.sqrt(Math.max(0, portfolioVariance)));
  }

  /**
   * A chi-square draw with {@code nu >= 3} degrees of freedom, {@code 2 G} with {@code G} gamma of shape
   * {@code nu / 2 >= 1}, by Marsaglia and Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
   * 2000.
   */
  private static double chiSquare(SplittableRandom random, int nu) {
    double d = nu / 2.0 - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return 2 * d * v;
      }
    }
  }

  private static VarEstimate estimate(VarMethod method, VarSpec spec, double var, double cvar, SampleMoments m,
      int samples, boolean includeMean, double dailyMean, double dailyVolatility) {
    return new VarEstimate(method, spec.confidence(), spec.horizonDays(), var, cvar, m.observations(), samples,
        spec.scaling(), includeMean, dailyMean, dailyVolatility, m.skewness(), m.excessKurtosis());
  }

  /**
   * Checks a given daily mean vector, covariance and weights: not null, one entry per asset, finite mean and weights
   * (the covariance itself is checked by its Cholesky factorisation).
   */
  static void checkAssets(double[] mean, double[][] covariance, double[] weights) {
    Checks.notNull(mean, "mean");
    Checks.notNull(covariance, "covariance");
    Checks.notNull(weights, "weights");
    Checks.isTrue(mean.length == weights.length && covariance.length == weights.length,
        "Arguments 'mean', 'covariance' and 'weights' must have one entry per asset but have %d, %d and %d",
        mean.length, covariance.length, weights.length);
    for (int i = 0; i < weights.length; i++) {
      Checks.finite(mean[i], "mean[" + i + "]");
      Checks.finite(weights[i], "weights[" + i + "]");
    }
  }

  private static void checkMoments(double mean, double sigma, double confidence) {
    Checks.finite(mean, "mean");
    Checks.notNegative(sigma, "sigma");
    VarSpec.checkConfidence(confidence);
  }

  private static void checkNu(int nu) {
    Checks.isTrue(nu >= 3, "Argument 'nu' must be at least 3 (finite variance) but was %s", nu);
  }
}
