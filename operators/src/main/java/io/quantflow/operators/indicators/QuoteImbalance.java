package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import java.util.List;

/**
 * Quote imbalance of the bar ({@code quote_imbalance}): the mean over the bar's quotes of
 * {@code (bidSize - askSize) / (bidSize + askSize)}, in [-1, 1]; positive when more size waits at the bid. With
 * {@code period > 1} ({@code quote_imbalance_<period>}) the simple mean of the last {@code period} quoted bars. NaN
 * for bars built without quotes.
 */
public final class QuoteImbalance implements BarIndicator {
  private final List<String> names;
  private final Sma mean;

  /** The imbalance averaged over {@code period} quoted bars (1 = the bar's own). */
  public QuoteImbalance(int period) {
    this.mean = new Sma(period);
    this.names = List.of(period == 1 ? "quote_imbalance" : "quote_imbalance_" + period);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double x = bar.imbalance();
    out[offset] = Double.isNaN(x) ? Double.NaN : mean.update(x);
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
