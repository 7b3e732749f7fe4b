package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Exponential moving average with {@code k = 2 / (period + 1)}, seeded with the SMA of the first {@code period}
 * inputs (TA-Lib's convention): the first value appears at the {@code period}-th input and equals that SMA; after
 * that {@code ema = ema + k * (x - ema)}.
 */
public final class Ema implements Indicator {
  private final int period;
  private final double k;
  private double value;
  private double seedSum;
  private long count;

  /** An EMA over {@code period} inputs. */
  public Ema(int period) {
    this.period = Checks.positive(period, "period");
    this.k = 2.0 / (period + 1);
  }

  @Override
  public double update(double x) {
    count++;
    if (count < period) {
      seedSum += x;
      return Double.NaN;
    }
    value = count == period ? (seedSum + x) / period : value + k * (x - value);
    return value;
  }

  @Override
  public int warmUp() {
    return period;
  }

  @Override
  public int stateSize() {
    return 3;
  }

  @Override
  public void save(double[] buf, int offset) {
    buf[offset] = value;
    buf[offset + 1] = seedSum;
    buf[offset + 2] = count;
  }

  @Override
  public void load(double[] buf, int offset) {
    value = buf[offset];
    seedSum = buf[offset + 1];
    count = (long) buf[offset + 2];
  }
}
