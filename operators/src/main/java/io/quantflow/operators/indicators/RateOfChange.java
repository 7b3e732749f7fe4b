package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Rate of change in percent (TA-Lib ROC): {@code 100 * (x_t / x_{t-period} - 1)}. The first value needs
 * {@code period + 1} inputs.
 */
public final class RateOfChange implements Indicator {
  private final int period;
  private final RingBuffer window;

  /** A ROC over {@code period} inputs back. */
  public RateOfChange(int period) {
    this.period = Checks.positive(period, "period");
    this.window = new RingBuffer(period);
  }

  @Override
  public double update(double x) {
    double old = window.push(x);
    return Double.isNaN(old) ? Double.NaN : 100.0 * (x / old - 1);
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return window.stateSize();
  }

  @Override
  public void save(double[] buf, int offset) {
    window.save(buf, offset);
  }

  @Override
  public void load(double[] buf, int offset) {
    window.load(buf, offset);
  }
}
