package io.quantflow.models.ml.labels;

/**
 * Whether acting on a primary model's side at one bar paid off. Immutable and thread-safe.
 *
 * @param index index of the labelled bar
 * @param t0Micros close time of the labelled bar, UTC epoch microseconds
 * @param t1Micros when the triple-barrier outcome settled, UTC epoch microseconds
 * @param side the primary model's side, +1 long or -1 short
 * @param ret realised return of the position taken on that side, decimal
 * @param label 1 if {@code ret > 0} (take the trade), else 0
 */
public record MetaLabel(int index, long t0Micros, long t1Micros, int side, double ret, int label)
    implements LabelWindow {}
