package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;

/**
 * Where drift and decay become alerts, and where an alert clears. Each alert has a raise level and a clear level
 * further on the healthy side (hysteresis): an alert is raised when its statistic crosses the raise level and is
 * not raised again for the same kind and subject until the statistic has come back past the clear level, so a
 * value hovering around one threshold raises one alert, not one per check. The band between the two levels only
 * stops flapping if it is wider than the check-to-check noise of the statistic: for a rolling IC over {@code n}
 * outcomes that noise is about {@code 1 / sqrt(n)} (0.06 at 250), for a hit rate {@code 0.5 / sqrt(n)} (0.03 at
 * 250). The KS alert tests overlapping windows again at every check, so an unshifted feature still crosses a
 * per-check level of 0.01 now and then; lower {@code ksPValue} when many features are monitored. Immutable and
 * thread-safe.
 *
 * @param psiModerate PSI at or above which a shift is moderate; a PSI alert clears below it (default 0.10)
 * @param psiSignificant PSI above which a shift is significant and raises an alert (default 0.25)
 * @param ksPValue KS p-value below which a feature alert is raised (default 0.01)
 * @param ksClearPValue KS p-value above which that alert clears (default 0.05)
 * @param icFloor rolling rank IC below which a decay alert is raised (default 0.0: no edge left)
 * @param icClear rolling rank IC above which that alert clears (default 0.05)
 * @param hitRateFloor rolling hit rate (0.5 is 50 percent) below which a decay alert is raised (default 0.50)
 * @param hitRateClear rolling hit rate above which that alert clears (default 0.53)
 * @param minObservations resolved predictions needed before IC and hit rate are checked, at least 2 (default 50)
 */
public record DriftThresholds(double psiModerate, double psiSignificant, double ksPValue, double ksClearPValue,
    double icFloor, double icClear, double hitRateFloor, double hitRateClear, int minObservations) {

  /** The defaults listed above. */
  public static final DriftThresholds DEFAULT = new DriftThresholds(0.10, 0.25, 0.01, 0.05, 0.0, 0.05, 0.50, 0.53,
      50);

  /** How large a PSI is. */
  public enum PsiLevel {
    /** Below {@code psiModerate}. */
    STABLE,
    /** From {@code psiModerate} up to {@code psiSignificant}. */
    MODERATE,
    /** Above {@code psiSignificant}. */
    SIGNIFICANT
  }

  /** Checks that each clear level is on the healthy side of its raise level. */
  public DriftThresholds {
    Checks.positive(psiModerate, "psiModerate");
    Checks.isTrue(psiSignificant >= psiModerate && Double.isFinite(psiSignificant),
        "Argument 'psiSignificant' must be finite and at least psiModerate = %s but was %s", psiModerate,
        psiSignificant);
    Checks.isTrue(ksPValue > 0 && ksPValue <= ksClearPValue && ksClearPValue < 1,
        "Arguments must satisfy 0 < ksPValue <= ksClearPValue < 1 but were %s and %s", ksPValue, ksClearPValue);
    Checks.inRange(icFloor, -1, 1, "icFloor");
    Checks.isTrue(icClear >= icFloor && icClear <= 1,
        "Argument 'icClear' must be in [icFloor = %s, 1] but was %s", icFloor, icClear);
    Checks.inRange(hitRateFloor, 0, 1, "hitRateFloor");
    Checks.isTrue(hitRateClear >= hitRateFloor && hitRateClear <= 1,
        "Argument 'hitRateClear' must be in [hitRateFloor = %s, 1] but was %s", hitRateFloor, hitRateClear);
    Checks.isTrue(minObservations >= 2, "Argument 'minObservations' must be at least 2 but was %d",
        minObservations);
  }

  /** The level of {@code psi}; NaN counts as stable (nothing to compare). */
  public PsiLevel psiLevel(double psi) {
    return psi > psiSignificant ? PsiLevel.SIGNIFICANT : psi >= psiModerate ? PsiLevel.MODERATE : PsiLevel.STABLE;
  }
}
