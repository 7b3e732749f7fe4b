package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scales liquidity: every bar's volume (shares) is multiplied by {@code factor}, and its trade count, when known,
 * too (rounded to a whole number). Prices are unchanged. {@code factor 0.1} models a market with a tenth of the
 * volume.
 *
 * @param factor the multiplier, positive
 */
public record VolumeMultiplier(double factor) implements StressTransform {
  /** Checks the argument. */
  public VolumeMultiplier {
    Checks.positive(factor, "factor");
  }

  @Override
  public List<Bar> apply(List<Bar> bars) {
    List<Bar> out = new ArrayList<>(bars.size());
    for (Bar b : bars) {
      out.add(Bars.scaleVolume(b, factor));
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "volumeMultiplier(%s)", factor);
  }
}
