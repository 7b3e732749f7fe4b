package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A checked book (USD values, equity, sectors) and the limit measures of all positions but one. */
final class Book {
  /** A value within this of its limit counts as within it, so a resized order is not refused for rounding. */
  static final double EPS = 1e-12;

  final SortedMap<String, Double> positions;
  final double equity;
  private final Map<String, String> sectorBySymbol;

  private Book(SortedMap<String, Double> positions, double equity, Map<String, String> sectorBySymbol) {
    this.positions = positions;
    this.equity = equity;
    this.sectorBySymbol = sectorBySymbol;
  }

  /**
   * Checks the inputs; with {@code needSectors} every symbol held, and {@code extraSymbol} when not null, needs a
   * sector.
   */
  static Book of(Map<String, Double> positions, double equity, Map<String, String> sectorBySymbol,
      boolean needSectors, String extraSymbol) {
    Checks.notNull(positions, "positions");
    Checks.positive(equity, "equity");
    TreeMap<String, Double> copy = new TreeMap<>();
    positions.forEach((symbol, v) -> {
      Checks.notBlank(symbol, "positions key");
      copy.put(symbol, Checks.finite(Checks.notNull(v, "positions[" + symbol + "]"), "positions[" + symbol + "]"));
    });
    if (needSectors) {
      Checks.notNull(sectorBySymbol, "sectorBySymbol");
      copy.forEach((symbol, v) -> {
        if (v != 0) {
          requireSector(sectorBySymbol, symbol);
        }
      });
      if (extraSymbol != null) {
        requireSector(sectorBySymbol, extraSymbol);
      }
    }
    return new Book(Collections.unmodifiableSortedMap(copy), equity, sectorBySymbol);
  }

  private static void requireSector(Map<String, String> sectorBySymbol, String symbol) {
    String sector = sectorBySymbol.get(symbol);
    Checks.isTrue(sector != null && !sector.isBlank(), "Symbol %s has no sector but a sector limit is set; add it "
        + "to sectorBySymbol", symbol);
  }

  double value(String symbol) {
    return positions.getOrDefault(symbol, 0.0);
  }

  String sectorOf(String symbol) {
    return sectorBySymbol.get(symbol);
  }

  /** {@code sum |v_j|} over the symbols other than {@code symbol} (all of them for null), USD. */
  double otherGross(String symbol) {
    double s = 0;
    for (Map.Entry<String, Double> e : positions.entrySet()) {
      if (!e.getKey().equals(symbol)) {
        s += Math.abs(e.getValue());
      }
    }
    return s;
  }

  /** {@code sum |v_j|} over the other symbols of {@code symbol}'s sector, USD. */
  double otherSector(String symbol) {
    String sector = sectorOf(symbol);
    double s = 0;
    for (Map.Entry<String, Double> e : positions.entrySet()) {
      if (!e.getKey().equals(symbol) && e.getValue() != 0 && sector.equals(sectorOf(e.getKey()))) {
        s += Math.abs(e.getValue());
      }
    }
    return s;
  }

  /** {@code sum v_j} over the symbols other than {@code symbol} (all of them for null), USD. */
  double otherNet(String symbol) {
    double s = 0;
    for (Map.Entry<String, Double> e : positions.entrySet()) {
      if (!e.getKey().equals(symbol)) {
        s += e.getValue();
      }
    }
    return s;
  }

  /** {@code sum (v_j / E)^2} over the symbols other than {@code symbol} (all of them for null). */
  double otherConcentration(String symbol) {
    double s = 0;
    for (Map.Entry<String, Double> e : positions.entrySet()) {
      if (!e.getKey().equals(symbol)) {
        double w = e.getValue() / equity;
        s += w * w;
      }
    }
    return s;
  }

  /** {@code max(0, 1 - E / peak)}. */
  static double drawdown(double equity, double peakEquity) {
    return Math.max(0, 1 - equity / peakEquity);
  }

  /** The kill switch: equity below {@code (1 - maxDrawdown) x peak}. */
  static boolean killSwitch(RiskLimits limits, double equity, double peakEquity) {
    return limits.maxDrawdown() != null && equity < (1 - limits.maxDrawdown()) * peakEquity;
  }

  static LimitBreach drawdownBreach(double equity, double peakEquity, double maxDrawdown) {
    return new LimitBreach(LimitType.DRAWDOWN, "book", drawdown(equity, peakEquity), maxDrawdown,
        String.format(Locale.ROOT, "equity %.2f is %.2f%% below its peak %.2f, beyond the maximum drawdown %.2f%%: "
            + "flatten; only risk-reducing orders are accepted", equity, 100 * drawdown(equity, peakEquity),
            peakEquity, 100 * maxDrawdown));
  }

  /** A breach with a message; {@code afterOrder} says "would be" rather than "is". */
  static LimitBreach breach(LimitType limit, String subject, double value, double threshold, boolean afterOrder) {
    String verb = afterOrder ? "would be" : "is";
    String what = switch (limit) {
      case POSITION_WEIGHT -> "position " + subject;
      case SECTOR_WEIGHT -> "sector " + subject;
      case GROSS_EXPOSURE -> "gross exposure";
      case NET_EXPOSURE -> "net exposure";
      case CONCENTRATION -> "concentration sum (v_i / E)^2";
      case DRAWDOWN -> "drawdown";
    };
    String message = limit == LimitType.CONCENTRATION
        ? String.format(Locale.ROOT, "%s %s %.4f, above the limit %.4f", what, verb, value, threshold)
        : String.format(Locale.ROOT, "%s %s %.2f%% of equity, above the limit %.2f%%", what, verb, 100 * value,
            100 * threshold);
    return new LimitBreach(limit, subject, value, threshold, message);
  }
}
