package io.quantflow.models.ml.labels;

/**
 * The fixed-horizon forward return of one bar. Immutable and thread-safe.
 *
 * @param index index of the labelled bar {@code i}
 * @param t0Micros close time of bar {@code i}, UTC epoch microseconds
 * @param t1Micros close time of bar {@code i + h}, when the label becomes known
 * @param ret simple forward return {@code close[i + h] / close[i] - 1}, decimal
 * @param sign +1, -1, or 0 when {@code |ret|} is within the dead zone
 */
public record ForwardLabel(int index, long t0Micros, long t1Micros, double ret, int sign) implements LabelWindow {}
