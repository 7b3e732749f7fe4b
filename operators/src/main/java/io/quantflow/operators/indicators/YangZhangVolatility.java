package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.util.List;

/**
 * Yang-Zhang (2000) realised volatility over the last {@code N} bars ({@code rvol_N_yz}): per bar, not annualised,
 * in units of log return. With {@code o = ln(O_t / C_{t-1})} (gap), {@code c = ln(C_t / O_t)} (open to close) and
 * {@code rs = ln(H/C) ln(H/O) + ln(L/C) ln(L/O)} (Rogers-Satchell) over the same {@code N} bars:
 * {@code sigma^2 = var(o) + k var(c) + (1 - k) mean(rs)}, sample variances (divisor {@code N - 1}) and
 * {@code k = 0.34 / (1.34 + (N + 1) / (N - 1))}. The first bar has no gap, so the first value is at bar
 * {@code N + 1}; {@code N} must be at least 2.
 */
public final class YangZhangVolatility implements BarIndicator {
  private final int period;
  private final double k;
  private final List<String> names;
  private final RollingWindow gaps;
  private final RollingWindow bodies;
  private final RollingWindow rs;
  private double prevClose = Double.NaN;

  /** A Yang-Zhang volatility over {@code period} bars, at least 2. */
  public YangZhangVolatility(int period) {
    Checks.isTrue(period >= 2, "Argument 'period' must be at least 2 but was %d", period);
    this.period = period;
    this.k = 0.34 / (1.34 + (period + 1.0) / (period - 1.0));
    this.names = List.of("rvol_" + period + "_yz");
    this.gaps = new RollingWindow(period);
    this.bodies = new RollingWindow(period);
    this.rs = new RollingWindow(period);
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
    double o = bar.open();
    double h = bar.high();
    double l = bar.low();
    double c = bar.close();
    gaps.push(Math.log(o / pc));
    bodies.push(Math.log(c / o));
    rs.push(Math.log(h / c) * Math.log(h / o) + Math.log(l / c) * Math.log(l / o));
    if (!gaps.full()) {
      out[offset] = Double.NaN;
      return;
    }
    double var = gaps.varSample() + k * bodies.varSample() + (1 - k) * rs.mean();
    out[offset] = Math.sqrt(Math.max(var, 0));
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return 3 * gaps.stateSize() + 1;
  }

  @Override
  public void save(double[] buf, int offset) {
    int s = gaps.stateSize();
    gaps.save(buf, offset);
    bodies.save(buf, offset + s);
    rs.save(buf, offset + 2 * s);
    buf[offset + 3 * s] = prevClose;
  }

  @Override
  public void load(double[] buf, int offset) {
    int s = gaps.stateSize();
    gaps.load(buf, offset);
    bodies.load(buf, offset + s);
    rs.load(buf, offset + 2 * s);
    prevClose = buf[offset + 3 * s];
  }
}
