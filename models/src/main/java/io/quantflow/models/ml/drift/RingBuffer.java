package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * The last {@code capacity} values of a stream, oldest first. A Flink POJO: public fields and a no-arg
 * constructor (which leaves the buffer unusable until {@link #values} is set; use {@link #RingBuffer(int)}).
 */
public final class RingBuffer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Storage; its length is the capacity. */
  public double[] values;
  /** Index in {@link #values} of the slot the next value goes into. */
  public int head;
  /** Number of values held, at most the capacity. */
  public int count;

  /** For serializers only. */
  public RingBuffer() {}

  /** An empty buffer holding at most {@code capacity} values. */
  public RingBuffer(int capacity) {
    this.values = new double[Checks.positive(capacity, "capacity")];
  }

  /** Appends {@code x}; returns the value it evicted, or NaN if the buffer was not full. */
  public double add(double x) {
    double evicted = count == values.length ? values[head] : Double.NaN;
    values[head] = x;
    head = (head + 1) % values.length;
    count = Math.min(count + 1, values.length);
    return evicted;
  }

  /** The {@code i}-th value held, 0 the oldest. */
  public double get(int i) {
    Checks.isTrue(i >= 0 && i < count, "Argument 'i' must be in [0, %d) but was %d", count, i);
    return values[(head - count + i + values.length) % values.length];
  }

  /** The values held, oldest first, as a new array. */
  public double[] toArray() {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = values[(head - count + i + values.length) % values.length];
    }
    return out;
  }

  /** Number of values held. */
  public int size() {
    return count;
  }

  /** Whether the buffer holds {@code capacity} values. */
  public boolean isFull() {
    return count == values.length;
  }
}
