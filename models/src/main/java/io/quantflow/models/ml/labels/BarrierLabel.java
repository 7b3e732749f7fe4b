package io.quantflow.models.ml.labels;

/**
 * The triple-barrier outcome of one bar, seen from the side of the position. Immutable and thread-safe.
 *
 * @param index index of the labelled (entry) bar {@code i}
 * @param t0Micros close time of bar {@code i}, UTC epoch microseconds
 * @param t1Micros close time of the bar in which the first barrier was touched (the vertical barrier: bar
 *     {@code i + h}), when the label becomes known
 * @param side +1 long or -1 short; returns are multiplied by it
 * @param ret realised return of the position, decimal: the barrier's return when touched through high/low, else
 *     {@code side * (close[t1 bar] / close[i] - 1)}
 * @param label +1 profit-take, -1 stop-loss; at the vertical barrier 0 or the sign of {@code ret}, as configured
 * @param barrier which barrier was touched first
 */
public record BarrierLabel(int index, long t0Micros, long t1Micros, int side, double ret, int label,
    Barrier barrier) implements LabelWindow {

  /** The barrier that ends a triple-barrier label. */
  public enum Barrier {
    /** The upper (for a short: lower) horizontal barrier: the profit-take. */
    PROFIT_TAKE,
    /** The lower (for a short: upper) horizontal barrier: the stop-loss. */
    STOP_LOSS,
    /** The horizon of {@code h} bars ran out first. */
    VERTICAL
  }
}
