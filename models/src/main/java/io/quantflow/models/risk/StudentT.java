package io.quantflow.models.risk;

import io.quantflow.domain.Checks;
import smile.stat.distribution.TDistribution;

/**
 * The standard Student-t distribution with an integer number of degrees of freedom {@code nu >= 1}: density,
 * cumulative distribution and its inverse, to about 1e-13 relative for tail probabilities above 1e-6.
 *
 * <p>The distribution function uses the closed forms of Abramowitz and Stegun (1964), 26.7.3 and 26.7.4, for
 * {@code A(t) = P(|T| <= t)} with {@code theta = atan(t / sqrt(nu))} and {@code c = cos(theta)}:
 *
 * <pre>
 * nu odd:  A = (2 / pi) (theta + sin(theta) (c + 2/3 c^3 + ... + (2 4 ... (nu-3)) / (1 3 ... (nu-2)) c^(nu-2)))
 * nu even: A = sin(theta) (1 + 1/2 c^2 + 1 3 / (2 4) c^4 + ... + (1 3 ... (nu-3)) / (2 4 ... (nu-2)) c^(nu-2))
 * </pre>
 *
 * and {@code F(t) = (1 + sign(t) A(|t|)) / 2}. The density is
 * {@code f(t) = Gamma((nu + 1)/2) / (sqrt(nu pi) Gamma(nu/2)) (1 + t^2/nu)^(-(nu + 1)/2)}. The inverse starts from
 * Smile's {@link TDistribution#quantile} (accurate to about 1e-8) and refines it by Newton steps on the upper tail
 * {@code 1 - F}. Stateless and thread-safe.
 */
public final class StudentT {
  private static final int MAX_NEWTON_STEPS = 20;

  private StudentT() {}

  /** The density {@code f_nu(t)}. */
  public static double density(double t, int nu) {
    checkNu(nu);
    // Gamma((nu + 1)/2) / Gamma(nu/2) by the recursion r(nu + 2) = r(nu) (nu + 1) / nu.
    double ratio = nu % 2 == 1 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
    for (int k = nu % 2 == 1 ? 1 : 2; k < nu; k += 2) {
      ratio *= (k + 1.0) / k;
    }
    return ratio / Math.sqrt(nu * Math.PI) * Math.exp(-(nu + 1) / 2.0 * Math.log1p(t * t / nu));
  }

  /** The distribution function {@code F_nu(t) = P(T <= t)}; 0 and 1 at the infinities, NaN for NaN. */
  public static double cdf(double t, int nu) {
    checkNu(nu);
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    return t >= 0 ? 0.5 + 0.5 * absoluteMass(t, nu) : 0.5 * (1 - absoluteMass(-t, nu));
  }

  /**
   * The quantile {@code t} with {@code F_nu(t) = p}; negative infinity for 0, positive infinity for 1.
   *
   * @param p a probability in [0, 1]
   */
  public static double inverseCdf(double p, int nu) {
    checkNu(nu);
    Checks.inRange(p, 0, 1, "p");
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (p == 0.5) {
      return 0;
    }
    // The upper tail 1 - p is exact for p >= 0.5.
    return p > 0.5 ? upperQuantile(1 - p, nu) : -upperQuantile(p, nu);
  }

  /** The {@code t > 0} with {@code 1 - F(t) = tail}, for {@code 0 < tail < 0.5}. */
  private static double upperQuantile(double tail, int nu) {
    double t = new TDistribution(nu).quantile(1 - tail);
    for (int i = 0; i < MAX_NEWTON_STEPS; i++) {
      double step = (0.5 * (1 - absoluteMass(t, nu)) - tail) / density(t, nu);
      t += step;
      if (Math.abs(step) <= 1e-15 * t) {
        break;
      }
    }
    return t;
  }

  /** {@code A(t) = P(|T| <= t)} for {@code t >= 0}. */
  private static double absoluteMass(double t, int nu) {
    if (t == Double.POSITIVE_INFINITY) {
      return 1;
    }
    double theta = Math.atan(t / Math.sqrt(nu));
    double sin = Math.sin(theta);
    double cos = Math.cos(theta);
    double cos2 = cos * cos;
    if (nu % 2 == 1) {
      double sum = 0;
      if (nu > 1) {
        double term = cos;
        sum = cos;
        for (int k = 3; k <= nu - 2; k += 2) {
          term *= cos2 * (k - 1) / k;
          sum += term;
        }
      }
      return 2 / Math.PI * (theta + sin * sum);
    }
    double term = 1;
    double sum = 1;
    for (int k = 2; k <= nu - 2; k += 2) {
      term *= cos2 * (k - 1) / k;
      sum += term;
    }
    return sin * sum;
  }

  private static void checkNu(int nu) {
    Checks.positive(nu, "nu");
  }
}
