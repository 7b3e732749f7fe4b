package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.util.List;

/** Adapts a scalar {@link Indicator} to a {@link BarIndicator} by feeding it each bar's close. */
final class OnClose implements BarIndicator {
  private final List<String> names;
  private final Indicator kernel;

  OnClose(String name, Indicator kernel) {
    this.names = List.of(Checks.notBlank(name, "name"));
    this.kernel = Checks.notNull(kernel, "kernel");
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    out[offset] = kernel.update(bar.close());
  }

  @Override
  public int warmUp() {
    return kernel.warmUp();
  }

  @Override
  public int stateSize() {
    return kernel.stateSize();
  }

  @Override
  public void save(double[] buf, int offset) {
    kernel.save(buf, offset);
  }

  @Override
  public void load(double[] buf, int offset) {
    kernel.load(buf, offset);
  }
}
