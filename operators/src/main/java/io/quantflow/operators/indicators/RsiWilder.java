package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Relative strength index with Welles Wilder's smoothing, as TA-Lib computes it. The first value needs
 * {@code period + 1} closes: average gain and loss start as the simple means of the first {@code period} changes,
 * then {@code avg = (avg * (period - 1) + change) / period}. {@code RSI = 100 * avgGain / (avgGain + avgLoss)};
 * 100 when there are only gains, 0 when there are only losses, 50 when the price never moved (TA-Lib returns 0
 * there; a flat market is neutral, not oversold).
 */
public final class RsiWilder implements Indicator {
  private final int period;
  private double prev = Double.NaN;
  private double avgGain;
  private double avgLoss;
  private long changes;

  /** An RSI over {@code period} changes. */
  public RsiWilder(int period) {
    this.period = Checks.positive(period, "period");
  }

  @Override
  public double update(double x) {
    if (Double.isNaN(prev)) {
      prev = x;
      return Double.NaN;
    }
    double change = x - prev;
    prev = x;
    double gain = Math.max(change, 0);
    double loss = Math.max(-change, 0);
    changes++;
    if (changes <= period) {
      avgGain += gain / period;
      avgLoss += loss / period;
      if (changes < period) {
        return Double.NaN;
      }
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    double total = avgGain + avgLoss;
    return total == 0 ? 50.0 : 100.0 * avgGain / total;
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return 4;
  }

  @Override
  public void save(double[] buf, int offset) {
    buf[offset] = prev;
    buf[offset + 1] = avgGain;
    buf[offset + 2] = avgLoss;
    buf[offset + 3] = changes;
  }

  @Override
  public void load(double[] buf, int offset) {
    prev = buf[offset];
    avgGain = buf[offset + 1];
    avgLoss = buf[offset + 2];
    changes = (long) buf[offset + 3];
  }
}
