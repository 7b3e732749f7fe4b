package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * How a model validates the rule signals ({@link ModelGate}).
 *
 * <p>Classifier scores are probabilities of an up move: a LONG signal passes when the score is at least
 * {@code longThreshold}, a SHORT one when it is at most {@code shortThreshold}. Regressor scores are predicted
 * forward returns (decimals): a LONG passes when the score is at least {@code minReturn}, a SHORT when it is at most
 * {@code -minReturn}. A signal that does not pass becomes FLAT (the position is closed or not opened); FLAT signals
 * always pass. Regime models do not gate.
 *
 * @param longThreshold lowest probability that confirms a LONG, in [0, 1] (default 0.5)
 * @param shortThreshold highest probability that confirms a SHORT, in [0, 1] (default 0.5)
 * @param minReturn smallest predicted return, in absolute value, that confirms a regressor's direction (default 0)
 * @param enabled false to score and record predictions without changing any signal
 */
public record GateConfig(Double longThreshold, Double shortThreshold, Double minReturn, Boolean enabled)
    implements Serializable {

  /** Defaults: a classifier must lean the signal's way (above or below one half). */
  public static final GateConfig DEFAULT = new GateConfig(null, null, null, null);

  /** Fills defaults and checks the ranges. */
  public GateConfig {
    longThreshold = Checks.inRange(longThreshold == null ? 0.5 : longThreshold, 0, 1, "longThreshold");
    shortThreshold = Checks.inRange(shortThreshold == null ? 0.5 : shortThreshold, 0, 1, "shortThreshold");
    minReturn = Checks.notNegative(minReturn == null ? 0.0 : minReturn, "minReturn");
    enabled = enabled == null || enabled;
  }
}
