package io.quantflow.operators.indicators;

/**
 * Rolling sum, mean and variance of the last {@code size} values in O(1) amortised per value. The sums are kept as
 * deviations from a shift (a recent value), which avoids the cancellation of {@code sum(x^2) - sum(x)^2 / n} on
 * price levels, and they are recomputed exactly from the window every {@code size} values, so rounding does not
 * drift over long series.
 */
final class RollingWindow {
  private final int size;
  private final RingBuffer window;
  private double shift = Double.NaN;
  private double sum;
  private double sumSq;
  private int sinceRecompute;

  RollingWindow(int size) {
    this.size = size;
    this.window = new RingBuffer(size);
  }

  void push(double x) {
    if (Double.isNaN(shift)) {
      shift = x;
    }
    double out = window.push(x);
    if (++sinceRecompute >= size) {
      sinceRecompute = 0;
      shift = x;
      sum = 0;
      sumSq = 0;
      for (int i = 0; i < window.size(); i++) {
        double d = window.get(i) - shift;
        sum += d;
        sumSq += d * d;
      }
      return;
    }
    double d = x - shift;
    sum += d;
    sumSq += d * d;
    if (!Double.isNaN(out)) {
      double e = out - shift;
      sum -= e;
      sumSq -= e * e;
    }
  }

  boolean full() {
    return window.full();
  }

  double mean() {
    return shift + sum / size;
  }

  double sum() {
    return shift * size + sum;
  }

  /** Population variance (divisor n), clamped at zero. */
  double varPopulation() {
    return Math.max((sumSq - sum * sum / size) / size, 0);
  }

  /** Sample variance (divisor n - 1), clamped at zero. */
  double varSample() {
    return Math.max((sumSq - sum * sum / size) / (size - 1), 0);
  }

  int stateSize() {
    return window.stateSize() + 4;
  }

  void save(double[] buf, int off) {
    window.save(buf, off);
    int o = off + window.stateSize();
    buf[o] = shift;
    buf[o + 1] = sum;
    buf[o + 2] = sumSq;
    buf[o + 3] = sinceRecompute;
  }

  void load(double[] buf, int off) {
    window.load(buf, off);
    int o = off + window.stateSize();
    shift = buf[o];
    sum = buf[o + 1];
    sumSq = buf[o + 2];
    sinceRecompute = (int) buf[o + 3];
  }
}
