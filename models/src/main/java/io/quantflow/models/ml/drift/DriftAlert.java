package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;

/**
 * A drift or decay threshold crossed by a live model, raised by {@link DriftMonitor}. Immutable and thread-safe.
 *
 * @param kind what crossed
 * @param model the model's name
 * @param subject the feature's name for feature alerts, else the model's name
 * @param value the statistic that crossed (PSI, KS p-value, rank IC, or hit rate as a decimal)
 * @param threshold the level it crossed
 * @param timestampMicros event time of the observation or outcome that triggered the check, UTC epoch microseconds
 * @param message what crossed what, and what to do about it
 */
public record DriftAlert(Kind kind, String model, String subject, double value, double threshold,
    long timestampMicros, String message) {

  /** Kinds of alert. */
  public enum Kind {
    /** A feature's PSI against the training window is significant. */
    FEATURE_PSI,
    /** A feature's KS test rejects "same distribution as the training window". */
    FEATURE_KS,
    /** The PSI of the model's predictions against their training distribution is significant. */
    PREDICTION_PSI,
    /** The rolling rank IC of resolved predictions fell below its floor. */
    IC_DECAY,
    /** The rolling hit rate of resolved predictions fell below its floor. */
    HIT_RATE_DECAY
  }

  /** Checks the fields. */
  public DriftAlert {
    Checks.notNull(kind, "kind");
    Checks.notBlank(model, "model");
    Checks.notBlank(subject, "subject");
    Checks.notBlank(message, "message");
  }
}
