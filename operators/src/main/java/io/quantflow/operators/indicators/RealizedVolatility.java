package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Close-to-close realised volatility: the sample standard deviation (divisor {@code period - 1}) of the last
 * {@code period} one-bar log returns {@code ln(x_t / x_{t-1})}. Per bar, not annualised (multiply by the square root
 * of bars per year to annualise). The first value needs {@code period + 1} inputs.
 */
public final class RealizedVolatility implements Indicator {
  private final int period;
  private final RingBuffer window;
  private double prev = Double.NaN;
  private double sum;
  private double sumSq;

  /** Realised volatility over {@code period} returns; {@code period} must be at least 2. */
  public RealizedVolatility(int period) {
    Checks.isTrue(period >= 2, "Argument 'period' must be at least 2 but was %d", period);
    this.period = period;
    this.window = new RingBuffer(period);
  }

  @Override
  public double update(double x) {
    if (Double.isNaN(prev)) {
      prev = x;
      return Double.NaN;
    }
    double r = Math.log(x / prev);
    prev = x;
    double out = window.push(r);
    if (!Double.isNaN(out)) {
      sum -= out;
      sumSq -= out * out;
    }
    sum += r;
    sumSq += r * r;
    if (!window.full()) {
      return Double.NaN;
    }
    // Running sums drift by rounding; clamp the tiny negative variance of a flat series to zero.
    double var = (sumSq - sum * sum / period) / (period - 1);
    return Math.sqrt(Math.max(var, 0));
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return window.stateSize() + 3;
  }

  @Override
  public void save(double[] buf, int offset) {
    window.save(buf, offset);
    int o = offset + window.stateSize();
    buf[o] = prev;
    buf[o + 1] = sum;
    buf[o + 2] = sumSq;
  }

  @Override
  public void load(double[] buf, int offset) {
    window.load(buf, offset);
    int o = offset + window.stateSize();
    prev = buf[o];
    sum = buf[o + 1];
    sumSq = buf[o + 2];
  }
}
