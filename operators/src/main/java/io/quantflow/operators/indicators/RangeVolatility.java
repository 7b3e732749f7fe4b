package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.util.List;

/**
 * Range-based realised volatility over the last {@code N} bars: per bar, not annualised (multiply by the square root
 * of bars per year), in units of log return. Two estimators, each {@code sqrt} of a mean over the window (clamped at
 * zero):
 *
 * <ul>
 *   <li>{@link Method#PARKINSON} ({@code rvol_N_parkinson}): {@code sigma^2 = mean(ln(H/L)^2) / (4 ln 2)};
 *   <li>{@link Method#GARMAN_KLASS} ({@code rvol_N_gk}):
 *       {@code sigma^2 = mean(0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2)}.
 * </ul>
 *
 * First value at the {@code N}-th bar.
 */
public final class RangeVolatility implements BarIndicator {
  private static final double LN2 = Math.log(2);

  /** The estimator. */
  public enum Method {
    /** Parkinson (1980), high-low range only. */
    PARKINSON("parkinson"),
    /** Garman-Klass (1980), high-low range and open-close. */
    GARMAN_KLASS("gk");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    /** The label in output names: {@code parkinson} or {@code gk}. */
    public String label() {
      return label;
    }
  }

  private final int period;
  private final Method method;
  private final List<String> names;
  private final RollingWindow window;

  /** A range volatility over {@code period} bars. */
  public RangeVolatility(int period, Method method) {
    this.period = Checks.positive(period, "period");
    this.method = Checks.notNull(method, "method");
    this.names = List.of("rvol_" + period + "_" + method.label());
    this.window = new RollingWindow(period);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double hl = Math.log(bar.high() / bar.low());
    double term;
    if (method == Method.PARKINSON) {
      term = hl * hl / (4 * LN2);
    } else {
      double co = Math.log(bar.close() / bar.open());
      term = 0.5 * hl * hl - (2 * LN2 - 1) * co * co;
    }
    window.push(term);
    out[offset] = window.full() ? Math.sqrt(Math.max(window.mean(), 0)) : Double.NaN;
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
