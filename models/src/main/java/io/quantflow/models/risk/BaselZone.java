package io.quantflow.models.risk;

import io.quantflow.domain.Checks;

/**
 * The Basel traffic-light zone of a VaR backtest (Basel Committee, "Supervisory framework for the use of
 * backtesting in conjunction with the internal models approach", 1996). With {@code x} exceptions in {@code T} days
 * and the binomial probability {@code P(X <= x)} for {@code X ~ Binomial(T, 1 - c)} under a correct VaR, the zone is
 * green while {@code P(X <= x) < 0.95}, yellow while it is below 0.9999 and red from there. For 250 days at 99
 * percent: green 0-4, yellow 5-9, red 10 or more exceptions.
 */
public enum BaselZone {
  /** The exceptions are consistent with a correct VaR. */
  GREEN,
  /** Possibly too many exceptions; Basel adds 0.4 to 0.85 to the capital multiplier. */
  YELLOW,
  /** Almost certainly too many exceptions; the model is to be reviewed. */
  RED;

  private static final double GREEN_LIMIT = 0.95;
  private static final double YELLOW_LIMIT = 0.9999;

  /**
   * The zone of {@code exceptions} in the standard 250-day backtest of a 99 percent VaR: green 0-4, yellow 5-9,
   * red 10+.
   */
  public static BaselZone of(int exceptions) {
    Checks.isTrue(exceptions >= 0 && exceptions <= 250,
        "Argument 'exceptions' must be in [0, 250] but was %s", exceptions);
    return exceptions <= 4 ? GREEN : exceptions <= 9 ? YELLOW : RED;
  }

  /**
   * The zone of {@code exceptions} in {@code observations} days for a VaR at {@code confidence}, by the binomial
   * rule of the class comment.
   */
  public static BaselZone of(int observations, int exceptions, double confidence) {
    Checks.positive(observations, "observations");
    Checks.isTrue(exceptions >= 0 && exceptions <= observations,
        "Argument 'exceptions' must be in [0, observations = %d] but was %s", observations, exceptions);
    VarSpec.checkConfidence(confidence);
    double cumulative = binomialCdf(exceptions, observations, 1 - confidence);
    return cumulative < GREEN_LIMIT ? GREEN : cumulative < YELLOW_LIMIT ? YELLOW : RED;
  }

  /** {@code P(X <= x)} for {@code X ~ Binomial(n, p)}, summing the probabilities in log space. */
  static double binomialCdf(int x, int n, double p) {
    double logRatio = Math.log(p) - Math.log1p(-p);
    double logPmf = n * Math.log1p(-p);
    double sum = Math.exp(logPmf);
    for (int k = 0; k < x; k++) {
      logPmf += Math.log((double) (n - k) / (k + 1)) + logRatio;
      sum += Math.exp(logPmf);
    }
    return Math.min(1, sum);
  }
}
