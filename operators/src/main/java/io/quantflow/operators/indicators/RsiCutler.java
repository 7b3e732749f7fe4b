package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Cutler's RSI: plain (simple moving) averages of the gains and losses of the last {@code period} one-bar changes,
 * {@code RSI = 100 * avgGain / (avgGain + avgLoss)}; 100 with only gains, 0 with only losses, 50 when the price did
 * not move over the window (the convention of {@link RsiWilder}). The first value needs {@code period + 1} closes.
 * The window sums are exact zero when the window holds no gain (or no loss), so a flat window gives exactly 50.
 */
public final class RsiCutler implements Indicator {
  private final int period;
  private final RingBuffer gains;
  private final RingBuffer losses;
  private double prev = Double.NaN;
  private double gainSum;
  private double lossSum;
  private int gainCount;
  private int lossCount;

  /** An RSI over {@code period} changes. */
  public RsiCutler(int period) {
    this.period = Checks.positive(period, "period");
    this.gains = new RingBuffer(period);
    this.losses = new RingBuffer(period);
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
    double gainOut = gains.push(gain);
    double lossOut = losses.push(loss);
    gainSum += gain - (Double.isNaN(gainOut) ? 0 : gainOut);
    lossSum += loss - (Double.isNaN(lossOut) ? 0 : lossOut);
    gainCount += (gain > 0 ? 1 : 0) - (gainOut > 0 ? 1 : 0);
    lossCount += (loss > 0 ? 1 : 0) - (lossOut > 0 ? 1 : 0);
    if (gainCount == 0) {
      gainSum = 0;
    }
    if (lossCount == 0) {
      lossSum = 0;
    }
    if (!gains.full()) {
      return Double.NaN;
    }
    double total = gainSum + lossSum;
    return total == 0 ? 50.0 : 100.0 * gainSum / total;
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return 2 * gains.stateSize() + 5;
  }

  @Override
  public void save(double[] buf, int offset) {
    gains.save(buf, offset);
    losses.save(buf, offset + gains.stateSize());
    int o = offset + 2 * gains.stateSize();
    buf[o] = prev;
    buf[o + 1] = gainSum;
    buf[o + 2] = lossSum;
    buf[o + 3] = gainCount;
    buf[o + 4] = lossCount;
  }

  @Override
  public void load(double[] buf, int offset) {
    gains.load(buf, offset);
    losses.load(buf, offset + gains.stateSize());
    int o = offset + 2 * gains.stateSize();
    prev = buf[o];
    gainSum = buf[o + 1];
    lossSum = buf[o + 2];
    gainCount = (int) buf[o + 3];
    lossCount = (int) buf[o + 4];
  }
}
