package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import java.util.List;

/**
 * Quoted bid-ask spread of the bar ({@code spread_bps}): the mean over the bar's two-sided quotes of
 * {@code (ask - bid) / mid * 10,000}, in basis points of the mid price. With {@code period > 1}
 * ({@code spread_bps_<period>}) the simple mean of the last {@code period} bars that had quotes. NaN for bars
 * built without quotes (for example bars read from the store); warm after {@code period} quoted bars.
 */
public final class QuotedSpread implements BarIndicator {
  private final List<String> names;
  private final Sma mean;

  /** The spread averaged over {@code period} quoted bars (1 = the bar's own). */
  public QuotedSpread(int period) {
    this.mean = new Sma(period);
    this.names = List.of(period == 1 ? "spread_bps" : "spread_bps_" + period);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double s = bar.spreadBps();
    out[offset] = Double.isNaN(s) ? Double.NaN : mean.update(s);
  }

  @Override
  public int warmUp() {
    return mean.warmUp();
  }

  @Override
  public int stateSize() {
    return mean.stateSize();
  }

  @Override
  public void save(double[] buf, int offset) {
    mean.save(buf, offset);
  }

  @Override
  public void load(double[] buf, int offset) {
    mean.load(buf, offset);
  }
}
