package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Least-squares slope of the last {@code period} inputs against their bar index (TA-Lib LINEARREG_SLOPE): in price
 * units per bar when fed closes (not log closes, not annualised). With index {@code i = 0 .. n-1} oldest first,
 * {@code slope = (n * sum(i * x) - sum(i) * sum(x)) / (n * sum(i^2) - sum(i)^2)}. The first value appears at the
 * {@code period}-th input; {@code period} must be at least 2. O(1) per input: sums are updated as the window slides,
 * kept relative to a recent value and recomputed from the window every {@code period} inputs.
 */
public final class Slope implements Indicator {
  private final int period;
  private final double sumI;
  private final double denominator;
  private final RingBuffer window;
  private double shift = Double.NaN;
  private double sum;
  private double weighted;
  private int sinceRecompute;

  /** A slope over {@code period} inputs, at least 2. */
  public Slope(int period) {
    Checks.isTrue(period >= 2, "Argument 'period' must be at least 2 but was %d", period);
    this.period = period;
    double n = period;
    this.sumI = n * (n - 1) / 2;
    this.denominator = n * ((n - 1) * n * (2 * n - 1) / 6) - sumI * sumI;
    this.window = new RingBuffer(period);
  }

  @Override
  public double update(double x) {
    if (Double.isNaN(shift)) {
      shift = x;
    }
    boolean wasFull = window.full();
    int before = window.size();
    double out = window.push(x);
    double d = x - shift;
    if (++sinceRecompute >= period) {
      sinceRecompute = 0;
      shift = x;
      sum = 0;
      weighted = 0;
      for (int i = 0; i < window.size(); i++) {
        double e = window.get(i) - shift;
        sum += e;
        weighted += i * e;
      }
    } else if (wasFull) {
      double o = out - shift;
      weighted += (period - 1) * d - (sum - o);
      sum += d - o;
    } else {
      weighted += before * d;
      sum += d;
    }
    return window.full() ? (period * weighted - sumI * sum) / denominator : Double.NaN;
  }

  @Override
  public int warmUp() {
    return period;
  }

  @Override
  public int stateSize() {
    return window.stateSize() + 4;
  }

  @Override
  public void save(double[] buf, int offset) {
    window.save(buf, offset);
    int o = offset + window.stateSize();
    buf[o] = shift;
    buf[o + 1] = sum;
    buf[o + 2] = weighted;
    buf[o + 3] = sinceRecompute;
  }

  @Override
  public void load(double[] buf, int offset) {
    window.load(buf, offset);
    int o = offset + window.stateSize();
    shift = buf[o];
    sum = buf[o + 1];
    weighted = buf[o + 2];
    sinceRecompute = (int) buf[o + 3];
  }
}
