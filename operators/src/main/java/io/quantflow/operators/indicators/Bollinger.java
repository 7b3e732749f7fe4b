package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.math.BigDecimal;
import java.util.List;

/**
 * Bollinger bands on closes (TA-Lib BBANDS with an SMA): {@code mid = SMA(N)}, {@code upper/lower = mid +/- k * sd}
 * with {@code sd} the <em>population</em> standard deviation (divisor {@code N}) of the last {@code N} closes, and
 * {@code %b = (close - lower) / (upper - lower)} (0.5 when the bands have zero width). Outputs {@code bb_mid_N_K},
 * {@code bb_upper_N_K}, {@code bb_lower_N_K}, {@code bb_pctb_N_K}, where {@code K} is written as given, without
 * trailing zeros ({@code 2}, {@code 2.5}). First values at the {@code N}-th close.
 */
public final class Bollinger implements BarIndicator {
  private final int period;
  private final double k;
  private final List<String> names;
  private final RollingWindow window;

  /** Bands over {@code period} closes, {@code k} standard deviations wide on each side. */
  public Bollinger(int period, double k) {
    this.period = Checks.positive(period, "period");
    this.k = Checks.positive(k, "k");
    String suffix = period + "_" + formatK(k);
    this.names = List.of("bb_mid_" + suffix, "bb_upper_" + suffix, "bb_lower_" + suffix, "bb_pctb_" + suffix);
    this.window = new RollingWindow(period);
  }

  /** {@code k} as it appears in output names: {@code 2.0 -> "2"}, {@code 2.5 -> "2.5"}. */
  public static String formatK(double k) {
    return BigDecimal.valueOf(k).stripTrailingZeros().toPlainString();
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double x = bar.close();
    window.push(x);
    if (!window.full()) {
      out[offset] = Double.NaN;
      out[offset + 1] = Double.NaN;
      out[offset + 2] = Double.NaN;
      out[offset + 3] = Double.NaN;
      return;
    }
    double mid = window.mean();
    double width = k * Math.sqrt(window.varPopulation());
    double upper = mid + width;
    double lower = mid - width;
    out[offset] = mid;
    out[offset + 1] = upper;
    out[offset + 2] = lower;
    out[offset + 3] = upper > lower ? (x - lower) / (upper - lower) : 0.5;
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
