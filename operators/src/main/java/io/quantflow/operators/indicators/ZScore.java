package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Z-score of the latest input within the last {@code period} inputs (the latest included):
 * {@code (x - mean) / s} with {@code s} the sample standard deviation (divisor {@code period - 1}); 0 when the window
 * is flat. The first value appears at the {@code period}-th input; {@code period} must be at least 2.
 */
public final class ZScore implements Indicator {
  private final int period;
  private final RollingWindow window;

  /** A z-score over {@code period} inputs, at least 2. */
  public ZScore(int period) {
    Checks.isTrue(period >= 2, "Argument 'period' must be at least 2 but was %d", period);
    this.period = period;
    this.window = new RollingWindow(period);
  }

  @Override
  public double update(double x) {
    window.push(x);
    if (!window.full()) {
      return Double.NaN;
    }
    double sd = Math.sqrt(window.varSample());
    return sd == 0 ? 0.0 : (x - window.mean()) / sd;
  }

  @Override
  public int warmUp() {
    return period;
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
