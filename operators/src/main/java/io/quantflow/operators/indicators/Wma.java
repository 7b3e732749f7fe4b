package io.quantflow.operators.indicators;

import io.quantflow.domain.Checks;

/**
 * Linearly weighted moving average (TA-Lib WMA): the last {@code period} inputs weighted {@code 1, 2, .., period},
 * oldest first, divided by {@code period * (period + 1) / 2}. The first value appears at the {@code period}-th input.
 * O(1) per input: the weighted sum drops the plain sum of the window and adds {@code period} times the new value;
 * sums are kept relative to a recent value and recomputed from the window every {@code period} inputs.
 */
public final class Wma implements Indicator {
  private final int period;
  private final double weightTotal;
  private final RingBuffer window;
  private double shift = Double.NaN;
  private double sum;
  private double weighted;
  private int sinceRecompute;

  /** A WMA over {@code period} inputs. */
  public Wma(int period) {
    this.period = Checks.positive(period, "period");
    this.weightTotal = period * (period + 1) / 2.0;
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
        weighted += (i + 1) * e;
      }
    } else if (wasFull) {
      weighted += period * d - sum;
      sum += d - (out - shift);
    } else {
      weighted += (before + 1) * d;
      sum += d;
    }
    return window.full() ? shift + weighted / weightTotal : Double.NaN;
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
