package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.util.List;

/**
 * Average true range with Wilder's smoothing, as TA-Lib computes it ({@code atr_N}, price units). The true range of
 * a bar is {@code max(high - low, |high - prevClose|, |low - prevClose|)}; the first bar has none (TA-Lib skips it).
 * The first ATR, at bar {@code N + 1}, is the mean of the true ranges of bars {@code 2..N+1}; after that
 * {@code atr = (atr * (N - 1) + tr) / N}.
 */
public final class Atr implements BarIndicator {
  private final int period;
  private final List<String> names;
  private double prevClose = Double.NaN;
  private double atr;
  private long ranges;

  /** An ATR over {@code period} true ranges. */
  public Atr(int period) {
    this.period = Checks.positive(period, "period");
    this.names = List.of("atr_" + period);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double pc = prevClose;
    prevClose = bar.close();
    if (Double.isNaN(pc)) {
      out[offset] = Double.NaN;
      return;
    }
    double tr = Math.max(bar.high() - bar.low(), Math.max(Math.abs(bar.high() - pc), Math.abs(bar.low() - pc)));
    ranges++;
    if (ranges < period) {
      atr += tr;
      out[offset] = Double.NaN;
      return;
    }
    atr = ranges == period ? (atr + tr) / period : (atr * (period - 1) + tr) / period;
    out[offset] = atr;
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return 3;
  }

  @Override
  public void save(double[] buf, int offset) {
    buf[offset] = prevClose;
    buf[offset + 1] = atr;
    buf[offset + 2] = ranges;
  }

  @Override
  public void load(double[] buf, int offset) {
    prevClose = buf[offset];
    atr = buf[offset + 1];
    ranges = (long) buf[offset + 2];
  }
}
