package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trading halt of one symbol: its bars starting in {@code [fromMicros, toMicros)} are removed, and trading reopens
 * at the last price before the halt, gapped by {@code gapFraction}. Every bar from the reopening on is scaled by
 * {@code F = lastClose (1 - gapFraction) / reopenOpen}, so the first bar after the halt opens at
 * {@code lastClose (1 - gapFraction)} and the path carries on from there; what the price did during the halt is
 * lost. Without bars before the halt (or after it) there is nothing to reopen from (or at), and the halt only
 * removes bars.
 *
 * @param symbol the halted symbol
 * @param fromMicros start of the halt, inclusive, UTC epoch microseconds
 * @param toMicros end of the halt, exclusive, UTC epoch microseconds
 * @param gapFraction the reopening gap below the last price, below 1: 0 reopens at the last price, 0.05 five percent
 *     below, -0.05 five percent above
 */
public record Halt(String symbol, long fromMicros, long toMicros, double gapFraction) implements StressTransform {
  /** Checks the arguments. */
  public Halt {
    Checks.notBlank(symbol, "symbol");
    Checks.isTrue(fromMicros < toMicros, "Argument 'toMicros' (%d) must be after 'fromMicros' (%d)", toMicros,
        fromMicros);
    Checks.isTrue(Double.isFinite(gapFraction) && gapFraction < 1,
        "Argument 'gapFraction' must be finite and below 1 but was %s", gapFraction);
  }

  @Override
  public List<Bar> apply(List<Bar> bars) {
    if (bars.isEmpty() || !bars.get(0).symbol().equals(symbol)) {
      return bars;
    }
    int from = Bars.firstAtOrAfter(bars, fromMicros);
    int to = Bars.firstAtOrAfter(bars, toMicros);
    List<Bar> out = new ArrayList<>(bars.size() - (to - from));
    out.addAll(bars.subList(0, from));
    if (from == 0 || to == bars.size()) {
      out.addAll(bars.subList(to, bars.size()));
      return out;
    }
    double factor = bars.get(from - 1).close() * (1 - gapFraction) / bars.get(to).open();
    for (Bar b : bars.subList(to, bars.size())) {
      out.add(Bars.scalePrices(b, factor));
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "halt(%s, %s to %s, reopening gap %s)", symbol,
        StressTransform.iso(fromMicros), StressTransform.iso(toMicros), gapFraction);
  }
}
