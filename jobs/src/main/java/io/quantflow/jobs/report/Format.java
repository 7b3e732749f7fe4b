package io.quantflow.jobs.report;

import io.quantflow.domain.calendar.ExchangeCalendar;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fixed text formats of the report: numbers through {@link Locale#ROOT}, dates in New York time, HTML escaping.
 * Never prints a negative zero ("-0.00%"): a value that rounds to zero prints as zero.
 */
final class Format {
  /** Month abbreviations, independent of the JDK's locale data. */
  static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  /** Shown for NaN and missing values. */
  static final String NA = "n/a";

  private Format() {}

  /** {@code value} with {@code decimals} decimals and no grouping, e.g. {@code fixed(-1.005, 1)} is "-1.0". */
  static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return NA;
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return isNegativeZero(s) ? s.substring(1) : s;
  }

  /** {@code value} with {@code decimals} decimals and thousands grouped by commas, e.g. "1,234,567.89". */
  static String grouped(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return fixed(value, decimals);
    }
    String s = String.format(Locale.ROOT, "%,." + decimals + "f", value);
    return isNegativeZero(s) ? s.substring(1) : s;
  }

  /** A decimal fraction as a percentage, e.g. {@code percent(0.12345, 2)} is "12.35%". */
  static String percent(double fraction, int decimals) {
    return Double.isNaN(fraction) ? NA : fixed(fraction * 100, decimals) + "%";
  }

  /** Like {@link #percent} with an explicit sign for gains, e.g. "+1.2%". */
  static String signedPercent(double fraction, int decimals) {
    String s = percent(fraction, decimals);
    return fraction > 0 && !s.equals(fixed(0, decimals) + "%") ? "+" + s : s;
  }

  /** A USD amount with grouping and cents, e.g. {@code usd(-1234.5)} is "-$1,234.50". */
  static String usd(double amount) {
    if (!Double.isFinite(amount)) {
      return fixed(amount, 2);
    }
    String s = grouped(Math.abs(amount), 2);
    return (amount < 0 && !s.equals("0.00") ? "-$" : "$") + s;
  }

  /** A share count: whole numbers grouped ("1,200"), fractional ones with up to 4 decimals ("0.5"). */
  static String quantity(double shares) {
    if (shares == Math.rint(shares) && Math.abs(shares) < 1e15) {
      return grouped(shares, 0);
    }
    return trimZeros(grouped(shares, 4));
  }

  /** A price in USD per share: 2 decimals, 4 below one dollar. */
  static String price(double usdPerShare) {
    return grouped(usdPerShare, Math.abs(usdPerShare) < 1 ? 4 : 2);
  }

  /** {@code s} without trailing zeros after the decimal point ("1.2500" is "1.25", "3.000" is "3"). */
  static String trimZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  /** An SVG coordinate with one decimal and no trailing ".0". */
  static String coord(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
  }

  /** The New York local date and time of a UTC epoch microsecond instant. */
  static ZonedDateTime newYork(long micros) {
    Instant instant =
        Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    return instant.atZone(ExchangeCalendar.NEW_YORK);
  }

  /** New York date, ISO: "2024-03-28". */
  static String date(long micros) {
    ZonedDateTime t = newYork(micros);
    return String.format(Locale.ROOT, "%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
  }

  /** New York date and minute: "2024-03-28 15:59". */
  static String dateTime(long micros) {
    ZonedDateTime t = newYork(micros);
    return date(micros) + String.format(Locale.ROOT, " %02d:%02d", t.getHour(), t.getMinute());
  }

  /** Escapes text for HTML element content and double- or single-quoted attribute values. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A metric value as the metrics table and cards show it, chosen by the words of its key (split at {@code _},
   * case-insensitive):
   *
   * <ul>
   *   <li>null and NaN: "n/a"; strings and booleans as they are;
   *   <li>last word {@code return(s)}, {@code drawdown}, {@code rate}, {@code exposure} or {@code cagr}, or any word
   *       {@code volatility}: decimals as percentages with 2 decimals (0.1234 is "12.34%");
   *   <li>any word {@code sharpe}, {@code sortino}, {@code calmar}, {@code ratio} or {@code beta}, or last word
   *       {@code factor}: 2 decimals;
   *   <li>last word {@code equity}, {@code usd}, {@code cash}, {@code notional}, {@code commission(s)}, or any word
   *       {@code pnl}: USD with cents ("$1,234.50");
   *   <li>other whole numbers grouped ("98,280"), other numbers with up to 4 decimals (1000 and more: 2, grouped).
   * </ul>
   */
  static String metric(String key, Object value) {
    if (value == null) {
      return NA;
    }
    if (value instanceof String || value instanceof Boolean) {
      return value.toString();
    }
    Number number = (Number) value;
    List<String> words = List.of(key.toLowerCase(Locale.ROOT).split("[_\\s.-]+"));
    String last = words.isEmpty() ? "" : words.get(words.size() - 1);
    boolean percent = Set.of("return", "returns", "drawdown", "rate", "exposure", "cagr").contains(last)
        || words.contains("volatility");
    boolean ratio = words.stream().anyMatch(Set.of("sharpe", "sortino", "calmar", "ratio", "beta")::contains)
        || last.equals("factor");
    boolean usd = Set.of("equity", "usd", "cash", "notional", "commission", "commissions").contains(last)
        || words.contains("pnl");
    boolean integral = number instanceof Integer || number instanceof Long || number instanceof Short
        || number instanceof Byte || number instanceof java.math.BigInteger;
    if (integral && !percent && !ratio && !usd) {
      return String.format(Locale.ROOT, "%,d", number);
    }
    double v = number.doubleValue();
    if (percent) {
      return percent(v, 2);
    }
    if (ratio) {
      return fixed(v, 2);
    }
    if (usd) {
      return usd(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return grouped(v, 0);
    }
    return Math.abs(v) >= 1000 ? grouped(v, 2) : trimZeros(fixed(v, 4));
  }

  private static boolean isNegativeZero(String s) {
    if (!s.startsWith("-")) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '0' && c != '.' && c != ',') {
        return false;
      }
    }
    return true;
  }
}
