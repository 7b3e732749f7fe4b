package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A gap down that persists: every price (open, high, low, close, VWAP) of every bar starting at or after
 * {@code atMicros} is multiplied by {@code 1 - fraction}; earlier bars and volumes are unchanged. Applied to every
 * symbol at once it is an index gap: the first bar at or after {@code atMicros} opens {@code fraction} below where it
 * did, and the path carries on from there.
 *
 * @param symbols the symbols hit; empty for every symbol
 * @param atMicros the instant of the gap, UTC epoch microseconds
 * @param fraction the size of the gap, in (0, 1): 0.1 takes 10 percent off every later price
 */
public record GapDown(List<String> symbols, long atMicros, double fraction) implements StressTransform {
  /** Checks the arguments and copies the symbols. */
  public GapDown {
    symbols = Bars.symbols(symbols);
    Checks.isTrue(fraction > 0 && fraction < 1, "Argument 'fraction' must be in (0, 1) but was %s", fraction);
  }

  @Override
  public List<Bar> apply(List<Bar> bars) {
    if (bars.isEmpty() || !symbols.isEmpty() && !symbols.contains(bars.get(0).symbol())) {
      return bars;
    }
    double factor = 1 - fraction;
    List<Bar> out = new ArrayList<>(bars.size());
    for (Bar b : bars) {
      out.add(b.timestampMicros() >= atMicros ? Bars.scalePrices(b, factor) : b);
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "gapDown(%s, %s, %s)", StressTransform.symbols(symbols),
        StressTransform.iso(atMicros), fraction);
  }
}
