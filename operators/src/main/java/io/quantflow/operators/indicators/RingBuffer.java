package io.quantflow.operators.indicators;

/** A fixed-size window of the last {@code size} doubles, for O(1) rolling sums. */
final class RingBuffer {
  private final double[] values;
  private int next;
  private long count;

  RingBuffer(int size) {
    values = new double[size];
  }

  /** Adds {@code x}; returns the value that fell out of the window, or NaN while the window is not yet full. */
  double push(double x) {
    double out = count >= values.length ? values[next] : Double.NaN;
    values[next] = x;
    next = (next + 1) % values.length;
    count++;
    return out;
  }

  boolean full() {
    return count >= values.length;
  }

  /** The {@code i}-th oldest value in the window, {@code 0 <= i < min(count, size)}. */
  double get(int i) {
    int start = count >= values.length ? next : 0;
    return values[(start + i) % values.length];
  }

  /** Number of values currently in the window. */
  int size() {
    return (int) Math.min(count, values.length);
  }

  long count() {
    return count;
  }

  int stateSize() {
    return values.length + 2;
  }

  void save(double[] buf, int off) {
    System.arraycopy(values, 0, buf, off, values.length);
    buf[off + values.length] = next;
    buf[off + values.length + 1] = count;
  }

  void load(double[] buf, int off) {
    System.arraycopy(buf, off, values, 0, values.length);
    next = (int) buf[off + values.length];
    count = (long) buf[off + values.length + 1];
  }
}
