package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.drift.DriftThresholds;
import java.io.Serializable;

/**
 * How the model step watches its model for drift and decay ({@link DriftTracker}), per symbol, against the
 * training-window reference stored in the artefact. YAML key {@code model.drift}; every field is optional.
 *
 * @param enabled false to skip the checks (default true; artefacts without a reference are never checked)
 * @param window recent scored rows per symbol whose feature and score distributions are tested (default 1950, five
 *     sessions of 1-minute rows: intraday features are autocorrelated, so a window of one session differs from a
 *     multi-day training window most of the time, and drift worth acting on shows over days)
 * @param performanceWindow recent resolved predictions per symbol for the rolling IC and hit rate (default 1950)
 * @param checkEvery rows (and, separately, resolved predictions) between two checks (default 390, once a session of
 *     1-minute rows)
 * @param psi PSI above which a feature or the score distribution has shifted significantly (default 0.25)
 * @param ksPValue KS p-value below which a feature's window no longer looks like training (default 0.001: the
 *     window is re-tested every {@code checkEvery} rows, so a stricter level than the textbook 0.01 keeps false
 *     alerts rare)
 * @param icFloor rolling rank IC below which the model has decayed (default 0.0)
 * @param hitRateFloor rolling hit rate below which the model has decayed, a decimal (default 0.5)
 */
public record DriftConfig(Boolean enabled, Integer window, Integer performanceWindow, Integer checkEvery, Double psi,
    Double ksPValue, Double icFloor, Double hitRateFloor) implements Serializable {

  /** All defaults. */
  public static final DriftConfig DEFAULT = new DriftConfig(null, null, null, null, null, null, null, null);

  /** Fills defaults and checks the ranges. */
  public DriftConfig {
    enabled = enabled == null || enabled;
    window = Checks.positive(window == null ? 1950 : window, "window");
    performanceWindow = Checks.positive(performanceWindow == null ? 1950 : performanceWindow,
        "performanceWindow");
    checkEvery = Checks.positive(checkEvery == null ? 390 : checkEvery, "checkEvery");
    psi = Checks.positive(psi == null ? 0.25 : psi, "psi");
    ksPValue = Checks.inRange(ksPValue == null ? 0.001 : ksPValue, 1e-12, 0.5, "ksPValue");
    icFloor = Checks.inRange(icFloor == null ? 0.0 : icFloor, -1, 0.95, "icFloor");
    hitRateFloor = Checks.inRange(hitRateFloor == null ? 0.5 : hitRateFloor, 0, 0.97, "hitRateFloor");
  }

  /**
   * The raise and clear levels: each alert clears a little past its raise level (PSI below 0.10, KS p above 0.05,
   * IC 0.05 above its floor, hit rate 3 points above), so that a statistic hovering at the line raises once.
   */
  public DriftThresholds thresholds() {
    return new DriftThresholds(Math.min(0.10, psi), psi, ksPValue, Math.max(0.05, ksPValue), icFloor, icFloor + 0.05,
        hitRateFloor, hitRateFloor + 0.03, 50);
  }
}
