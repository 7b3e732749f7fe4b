package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.util.List;

/**
 * Relative volume ({@code volratio_N}): the bar's volume divided by the mean volume of the {@code N} bars before it
 * (the current bar excluded); NaN when that mean is zero. The first value is at bar {@code N + 1}.
 */
public final class VolumeRatio implements BarIndicator {
  private final int period;
  private final List<String> names;
  private final RollingWindow previous;

  /** A volume ratio against the previous {@code period} bars. */
  public VolumeRatio(int period) {
    this.period = Checks.positive(period, "period");
    this.names = List.of("volratio_" + period);
    this.previous = new RollingWindow(period);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double mean = previous.full() ? previous.mean() : Double.NaN;
    out[offset] = mean > 0 ? bar.volume() / mean : Double.NaN;
    previous.push(bar.volume());
  }

  @Override
  public int warmUp() {
    return period + 1;
  }

  @Override
  public int stateSize() {
    return previous.stateSize();
  }

  @Override
  public void save(double[] buf, int offset) {
    previous.save(buf, offset);
  }

  @Override
  public void load(double[] buf, int offset) {
    previous.load(buf, offset);
  }
}
