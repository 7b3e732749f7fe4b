package io.quantflow.models.signals;

import io.quantflow.domain.Checks;

/**
 * One score of one signal for one symbol, known at {@code timestampMicros}. The score is any real number whose
 * sign and order carry the view, e.g. {@code direction.sign() * strength} of a {@link io.quantflow.domain.Signal}
 * or a raw feature value; larger means more bullish. Immutable and thread-safe.
 *
 * @param signal name of the signal, e.g. {@code ema_cross_20_50}
 * @param symbol ticker
 * @param timestampMicros when the score became known (the close of the bar that produced it), UTC epoch micros;
 *     must equal a bar timestamp of the symbol's price series for a forward return to be found
 * @param score finite score
 */
public record SignalObservation(String signal, String symbol, long timestampMicros, double score) {

  /** Checks the fields. */
  public SignalObservation {
    Checks.notBlank(signal, "signal");
    Checks.notBlank(symbol, "symbol");
    Checks.finite(score, "score");
  }
}
