package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.List;

/** Bar arithmetic shared by the transforms. */
final class Bars {
  private Bars() {}

  /** {@code bar} with new prices (VWAP NaN stays unknown); volume and trade count kept. */
  static Bar withPrices(Bar bar, double open, double high, double low, double close, double vwap) {
    return new Bar(bar.symbol(), bar.timeframe(), bar.timestampMicros(), open, high, low, close, bar.volume(),
        bar.tradeCount(), vwap);
  }

  /** {@code bar} with every price times {@code factor} (positive). */
  static Bar scalePrices(Bar bar, double factor) {
    return withPrices(bar, bar.open() * factor, bar.high() * factor, bar.low() * factor, bar.close() * factor,
        bar.vwap() * factor);
  }

  /** {@code bar} with volume and known trade count times {@code factor} (the count rounded to a whole number). */
  static Bar scaleVolume(Bar bar, double factor) {
    long count = bar.tradeCount() == Bar.UNKNOWN_TRADE_COUNT ? Bar.UNKNOWN_TRADE_COUNT
        : Math.round(bar.tradeCount() * factor);
    return new Bar(bar.symbol(), bar.timeframe(), bar.timestampMicros(), bar.open(), bar.high(), bar.low(),
        bar.close(), bar.volume() * factor, count, bar.vwap());
  }

  /** The index of the first bar at or after {@code micros}, or {@code bars.size()} if none. */
  static int firstAtOrAfter(List<Bar> bars, long micros) {
    int lo = 0;
    int hi = bars.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bars.get(mid).timestampMicros() < micros) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A copy of a symbol list, each checked; empty means every symbol. */
  static List<String> symbols(List<String> symbols) {
    Checks.notNull(symbols, "symbols");
    for (String s : symbols) {
      Checks.notBlank(s, "symbols[]");
    }
    return List.copyOf(symbols);
  }
}
