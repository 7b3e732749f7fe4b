package io.quantflow.operators.indicators;

/**
 * RSI from exponential averages of gains and losses with {@code alpha = 2 / (period + 1)}, each seeded with the plain
 * mean of the first {@code period} changes (TA-Lib's EMA seeding); {@code RSI = 100 * avgGain / (avgGain + avgLoss)},
 * 50 when both are zero. The first value needs {@code period + 1} closes.
 */
public final class RsiEma implements Indicator {
  private final Ema gains;
  private final Ema losses;
  private double prev = Double.NaN;

  /** An RSI over {@code period} changes. */
  public RsiEma(int period) {
    this.gains = new Ema(period);
    this.losses = new Ema(period);
  }

  @Override
  public double update(double x) {
    if (Double.isNaN(prev)) {
      prev = x;
      return Double.NaN;
    }
    double change = x - prev;
    prev = x;
    double g = gains.update(Math.max(change, 0));
    double l = losses.update(Math.max(-change, 0));
    if (Double.isNaN(g)) {
      return Double.NaN;
    }
    double total = g + l;
    return total == 0 ? 50.0 : 100.0 * g / total;
  }

  @Override
  public int warmUp() {
    return gains.warmUp() + 1;
  }

  @Override
  public int stateSize() {
    return 2 * gains.stateSize() + 1;
  }

  @Override
  public void save(double[] buf, int offset) {
    gains.save(buf, offset);
    losses.save(buf, offset + gains.stateSize());
    buf[offset + 2 * gains.stateSize()] = prev;
  }

  @Override
  public void load(double[] buf, int offset) {
    gains.load(buf, offset);
    losses.load(buf, offset + gains.stateSize());
    prev = buf[offset + 2 * gains.stateSize()];
  }
}
