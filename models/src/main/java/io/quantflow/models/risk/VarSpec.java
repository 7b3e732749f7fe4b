package io.quantflow.models.risk;

import io.quantflow.domain.Checks;

/**
 * The settings of a value at risk estimate. Build one with {@link #of} and the {@code with...} methods. Immutable
 * and thread-safe.
 *
 * @param confidence {@code c}, in (0, 1), e.g. 0.99; the tail probability is {@code 1 - c}
 * @param horizonDays {@code h}, the horizon in trading days (daily returns in, {@code h}-day loss out), at least 1
 * @param scaling how the historical and Monte Carlo methods reach {@code h} days; the parametric and
 *     Cornish-Fisher methods accept only {@link HorizonScaling#SQRT_TIME}
 * @param includeMean whether the parametric, Cornish-Fisher and Monte Carlo methods use the sample mean (true)
 *     or a zero mean (false); the historical method always uses the returns as observed
 * @param distribution Monte Carlo: normal or Student-t simulated returns
 * @param degreesOfFreedom Monte Carlo with {@link ReturnDistribution#STUDENT_T}: {@code nu}, at least 3 (finite
 *     variance needs {@code nu > 2}); ignored and 0 for {@link ReturnDistribution#NORMAL}
 * @param paths Monte Carlo: the number of simulated portfolio returns {@code N}, at least 1
 * @param seed Monte Carlo: the seed of the {@link java.util.SplittableRandom}; the same seed gives the same estimate
 */
public record VarSpec(double confidence, int horizonDays, HorizonScaling scaling, boolean includeMean,
    ReturnDistribution distribution, int degreesOfFreedom, int paths, long seed) {
  /** The default number of Monte Carlo paths. */
  public static final int DEFAULT_PATHS = 100_000;
  /** The default Monte Carlo seed. */
  public static final long DEFAULT_SEED = 1L;

  /** Checks the fields. */
  public VarSpec {
    checkConfidence(confidence);
    Checks.positive(horizonDays, "horizonDays");
    Checks.notNull(scaling, "scaling");
    Checks.notNull(distribution, "distribution");
    Checks.positive(paths, "paths");
    if (distribution == ReturnDistribution.STUDENT_T) {
      Checks.isTrue(degreesOfFreedom >= 3,
          "Argument 'degreesOfFreedom' must be at least 3 for Student-t returns (finite variance) but was %s",
          degreesOfFreedom);
    } else {
      Checks.isTrue(degreesOfFreedom == 0,
          "Argument 'degreesOfFreedom' must be 0 for normal returns but was %s: use withStudentT(nu)",
          degreesOfFreedom);
    }
  }

  /**
   * Confidence {@code c} and horizon {@code h} days, with the defaults: square-root-of-time scaling, the sample
   * mean included, normal Monte Carlo returns, {@value #DEFAULT_PATHS} paths and seed {@value #DEFAULT_SEED}.
   */
  public static VarSpec of(double confidence, int horizonDays) {
    return new VarSpec(confidence, horizonDays, HorizonScaling.SQRT_TIME, true, ReturnDistribution.NORMAL, 0,
        DEFAULT_PATHS, DEFAULT_SEED);
  }

  /** This spec with another confidence {@code c} in (0, 1). */
  public VarSpec withConfidence(double c) {
    return new VarSpec(c, horizonDays, scaling, includeMean, distribution, degreesOfFreedom, paths, seed);
  }

  /** This spec with another horizon of {@code h >= 1} days. */
  public VarSpec withHorizonDays(int h) {
    return new VarSpec(confidence, h, scaling, includeMean, distribution, degreesOfFreedom, paths, seed);
  }

  /** This spec with another horizon scaling. */
  public VarSpec withScaling(HorizonScaling newScaling) {
    return new VarSpec(confidence, horizonDays, newScaling, includeMean, distribution, degreesOfFreedom, paths,
        seed);
  }

  /** This spec with the mean included (true) or set to zero (false). */
  public VarSpec withMean(boolean include) {
    return new VarSpec(confidence, horizonDays, scaling, include, distribution, degreesOfFreedom, paths, seed);
  }

  /** This spec with normal Monte Carlo returns. */
  public VarSpec withNormal() {
    return new VarSpec(confidence, horizonDays, scaling, includeMean, ReturnDistribution.NORMAL, 0, paths, seed);
  }

  /** This spec with Student-t Monte Carlo returns of {@code nu >= 3} degrees of freedom. */
  public VarSpec withStudentT(int nu) {
    return new VarSpec(confidence, horizonDays, scaling, includeMean, ReturnDistribution.STUDENT_T, nu, paths,
        seed);
  }

  /** This spec with {@code n} Monte Carlo paths. */
  public VarSpec withPaths(int n) {
    return new VarSpec(confidence, horizonDays, scaling, includeMean, distribution, degreesOfFreedom, n, seed);
  }

  /** This spec with another Monte Carlo seed. */
  public VarSpec withSeed(long newSeed) {
    return new VarSpec(confidence, horizonDays, scaling, includeMean, distribution, degreesOfFreedom, paths,
        newSeed);
  }

  /** Checks that {@code confidence} lies in the open interval (0, 1), with the message {@code TailRisk} gives. */
  static double checkConfidence(double confidence) {
    Checks.isTrue(confidence > 0 && confidence < 1, "Argument 'confidence' must be in (0, 1) but was %s",
        confidence);
    return confidence;
  }
}
