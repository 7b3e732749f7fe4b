package io.quantflow.models.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.stats.StandardNormal;

/**
 * Kupiec's proportion-of-failures test of a VaR backtest (Kupiec, "Techniques for verifying the accuracy of risk
 * measurement models", Journal of Derivatives 3(2), 1995). With {@code T} days, {@code x} exceptions (days whose loss
 * exceeded the VaR) and the expected exception rate {@code p = 1 - c}, the likelihood ratio
 *
 * <pre>
 * LR = -2 ln[(1 - p)^(T - x) p^x] + 2 ln[(1 - x/T)^(T - x) (x/T)^x]
 * </pre>
 *
 * (with {@code 0 ln 0 = 0}, so {@code x = 0} gives {@code -2 T ln(1 - p)} and {@code x = T} gives
 * {@code -2 T ln p}) is chi-square with 1 degree of freedom under a correct VaR; the p-value is its survival
 * function {@code P(chi2_1 > LR) = erfc(sqrt(LR / 2)) = 2 Phi(-sqrt(LR))}. Too many and too few exceptions both
 * reject. Immutable and thread-safe.
 *
 * @param observations {@code T}, at least 1
 * @param exceptions {@code x}, in [0, T]
 * @param expectedRate {@code p = 1 - c}
 * @param likelihoodRatio {@code LR >= 0}
 * @param pValue {@code P(chi2_1 > LR)}, in [0, 1]
 */
public record KupiecTest(int observations, int exceptions, double expectedRate, double likelihoodRatio,
    double pValue) {

  /** Checks the fields. */
  public KupiecTest {
    Checks.positive(observations, "observations");
    Checks.isTrue(exceptions >= 0 && exceptions <= observations,
        "Argument 'exceptions' must be in [0, observations = %d] but was %s", observations, exceptions);
    Checks.isTrue(expectedRate > 0 && expectedRate < 1, "Argument 'expectedRate' must be in (0, 1) but was %s",
        expectedRate);
    Checks.notNegative(likelihoodRatio, "likelihoodRatio");
    Checks.inRange(pValue, 0, 1, "pValue");
  }

  /**
   * The test of {@code exceptions} in {@code observations} days for a VaR at {@code confidence}.
   *
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1) or the counts are out of range
   */
  public static KupiecTest of(int observations, int exceptions, double confidence) {
    VarSpec.checkConfidence(confidence);
    Checks.positive(observations, "observations");
    Checks.isTrue(exceptions >= 0 && exceptions <= observations,
        "Argument 'exceptions' must be in [0, observations = %d] but was %s", observations, exceptions);
    double p = 1 - confidence;
    int t = observations;
    int x = exceptions;
    double observed = (double) x / t;
    double nullLog = xLogY(t - x, 1 - p) + xLogY(x, p);
    double altLog = xLogY(t - x, 1 - observed) + xLogY(x, observed);
    // The maximum likelihood is never below the null's; clamp the rounding when observed = p.
    double lr = Math.max(0, -2 * nullLog + 2 * altLog);
    double pValue = 2 * StandardNormal.cdf(-Math.sqrt(lr));
    return new KupiecTest(t, x, p, lr, Math.min(1, pValue));
  }

  /** The observed exception rate {@code x / T}. */
  public double observedRate() {
    return (double) exceptions / observations;
  }

  /** Whether the test rejects a correct VaR at significance {@code level}, e.g. 0.05: {@code pValue < level}. */
  public boolean rejects(double level) {
    Checks.isTrue(level > 0 && level < 1, "Argument 'level' must be in (0, 1) but was %s", level);
    return pValue < level;
  }

  /** The Basel traffic-light zone of these counts ({@link BaselZone#of(int, int, double)}). */
  public BaselZone zone() {
    return BaselZone.of(observations, exceptions, 1 - expectedRate);
  }

  /** {@code k ln(y)} with {@code 0 ln 0 = 0}. */
  private static double xLogY(int k, double y) {
    return k == 0 ? 0 : k * Math.log(y);
  }
}
