package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.List;
import java.util.Locale;

/**
 * A delisting: the symbol has no bars starting at or after {@code atMicros}. The backtest then keeps a position in
 * it at its last close (it cannot trade out); combine with a {@link GapDown} of the symbol just before
 * {@code atMicros} to value the position at a recovery price.
 *
 * @param symbol the delisted symbol
 * @param atMicros the first instant without bars, UTC epoch microseconds
 */
public record Delist(String symbol, long atMicros) implements StressTransform {
  /** Checks the argument. */
  public Delist {
    Checks.notBlank(symbol, "symbol");
  }

  @Override
  public List<Bar> apply(List<Bar> bars) {
    if (bars.isEmpty() || !bars.get(0).symbol().equals(symbol)) {
      return bars;
    }
    return List.copyOf(bars.subList(0, Bars.firstAtOrAfter(bars, atMicros)));
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "delist(%s, %s)", symbol, StressTransform.iso(atMicros));
  }
}
