package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/** Simple moving average of the last {@code period} inputs; first value at the {@code period}-th input. */
public final class Sma implements Indicator {
  private final int period;
  private final RingBuffer window;
  private double sum;

  /** An SMA over {@code period} inputs. */
  public Sma(int period) {
    this.period = Checks.positive(period, "period");
    this.window = new RingBuffer(period);
  }

  @Override
  public double update(double x) {
    double out = window.push(x);
    sum += x - (Double.isNaN(out) ? 0 : out);
    return window.full() ? sum / period : Double.NaN;
  }

  @Override
  public int warmUp() {
    return period;
  }

  @Override
  public int stateSize() {
    return window.stateSize() + 1;
  }

  @Override
  public void save(double[] buf, int offset) {
    window.save(buf, offset);
    buf[offset + window.stateSize()] = sum;
  }

  @Override
  public void load(double[] buf, int offset) {
    window.load(buf, offset);
    sum = buf[offset + window.stateSize()];
  }
}
