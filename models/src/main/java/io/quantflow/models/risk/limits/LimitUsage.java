package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of each limit a whole book uses, for real-time monitoring, and which limits it breaches. Only the limits
 * that are set appear. For position and sector limits the usage is that of the largest position or sector (ties by
 * name), and every position or sector above its limit is a breach. Immutable.
 *
 * @param usages one per limit that is set, in {@link LimitType} order
 * @param breaches every breach, in {@link LimitType} order then by subject
 * @param flatten true when the drawdown kill switch is on (see {@link RiskLimits#maxDrawdown})
 */
public record LimitUsage(List<Usage> usages, List<LimitBreach> breaches, boolean flatten) {

  /** Copies the lists. */
  public LimitUsage {
    usages = List.copyOf(Checks.notNull(usages, "usages"));
    breaches = List.copyOf(Checks.notNull(breaches, "breaches"));
  }

  /**
   * The usage of one limit.
   *
   * @param limit which limit
   * @param subject the largest position's symbol, the largest sector, or {@code "book"}; {@code "none"} when the
   *     book holds nothing
   * @param value the measure, in the limit's unit (see {@link LimitType})
   * @param threshold the limit, same unit
   */
  public record Usage(LimitType limit, String subject, double value, double threshold) {
    /** Checks the fields. */
    public Usage {
      Checks.notNull(limit, "limit");
      Checks.notBlank(subject, "subject");
      Checks.finite(value, "value");
      Checks.positive(threshold, "threshold");
    }

    /** {@code value / threshold}: 1.0 is at the limit, above 1 a breach. */
    public double usage() {
      return value / threshold;
    }
  }

  /**
   * The usage of {@code limits} by a book.
   *
   * @param limits the limits
   * @param positions market value per symbol, USD, negative = short
   * @param equity equity, USD, positive
   * @param peakEquity highest equity so far, USD, positive
   * @param sectorBySymbol sector per symbol held; needed only with a sector limit (may be null otherwise)
   */
  public static LimitUsage of(RiskLimits limits, Map<String, Double> positions, double equity, double peakEquity,
      Map<String, String> sectorBySymbol) {
    Checks.notNull(limits, "limits");
    Checks.positive(peakEquity, "peakEquity");
    Book book = Book.of(positions, equity, sectorBySymbol, limits.maxSectorWeight() != null, null);
    double e = book.equity;
    List<Usage> usages = new ArrayList<>();
    List<LimitBreach> breaches = new ArrayList<>();
    if (limits.maxPositionWeight() != null) {
      Map<String, Double> weights = new TreeMap<>();
      book.positions.forEach((symbol, v) -> weights.put(symbol, Math.abs(v) / e));
      largest(LimitType.POSITION_WEIGHT, weights, limits.maxPositionWeight(), usages, breaches);
    }
    if (limits.maxSectorWeight() != null) {
      Map<String, Double> weights = new TreeMap<>();
      book.positions.forEach((symbol, v) -> {
        if (v != 0) {
          weights.merge(book.sectorOf(symbol), Math.abs(v) / e, Double::sum);
        }
      });
      largest(LimitType.SECTOR_WEIGHT, weights, limits.maxSectorWeight(), usages, breaches);
    }
    if (limits.maxGrossExposure() != null) {
      book(LimitType.GROSS_EXPOSURE, book.otherGross(null) / e, limits.maxGrossExposure(), usages, breaches);
    }
    if (limits.maxNetExposure() != null) {
      book(LimitType.NET_EXPOSURE, Math.abs(book.otherNet(null)) / e, limits.maxNetExposure(), usages, breaches);
    }
    if (limits.maxConcentration() != null) {
      book(LimitType.CONCENTRATION, book.otherConcentration(null), limits.maxConcentration(), usages, breaches);
    }
    boolean kill = Book.killSwitch(limits, equity, peakEquity);
    if (limits.maxDrawdown() != null) {
      usages.add(new Usage(LimitType.DRAWDOWN, "book", Book.drawdown(equity, peakEquity), limits.maxDrawdown()));
      if (kill) {
        breaches.add(Book.drawdownBreach(equity, peakEquity, limits.maxDrawdown()));
      }
    }
    return new LimitUsage(usages, breaches, kill);
  }

  private static void largest(LimitType limit, Map<String, Double> values, double threshold, List<Usage> usages,
      List<LimitBreach> breaches) {
    String subject = "none";
    double max = 0;
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      if (entry.getValue() > max) {
        max = entry.getValue();
        subject = entry.getKey();
      }
      if (entry.getValue() > threshold + Book.EPS) {
        breaches.add(Book.breach(limit, entry.getKey(), entry.getValue(), threshold, false));
      }
    }
    usages.add(new Usage(limit, subject, max, threshold));
  }

  private static void book(LimitType limit, double value, double threshold, List<Usage> usages,
      List<LimitBreach> breaches) {
    usages.add(new Usage(limit, "book", value, threshold));
    if (value > threshold + Book.EPS) {
      breaches.add(Book.breach(limit, "book", value, threshold, false));
    }
  }
}
