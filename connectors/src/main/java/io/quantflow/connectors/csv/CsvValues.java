package io.quantflow.connectors.csv;

import java.util.Locale;

/**
 * Allocation-free parsers for the values of a CSV bar row, working on a range of a {@code char[]} (see
 * {@link CsvRecordReader#chars()}). Failures throw {@link BadValue}, whose message is the row-problem reason.
 */
final class CsvValues {
  private CsvValues() {}

  /** The unit of an epoch timestamp, inferred from its magnitude, or ISO for a date-time text. */
  enum TimeUnit {
    ISO, SECONDS, MILLISECONDS, MICROSECONDS, NANOSECONDS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A value that cannot be used; the message says why. Carries no stack trace: bad rows may be numerous. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
      1e20, 1e21, 1e22};

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  static int trimStart(char[] b, int s, int e) {
    while (s < e && (b[s] == ' ' || b[s] == '\t')) {
      s++;
    }
    return s;
  }

  static int trimEnd(char[] b, int s, int e) {
    while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
      e--;
    }
    return e;
  }

  /**
   * Parses a decimal number ({@code 171.14}, {@code -3}, {@code 1.5e6}); {@code nan}, {@code inf} and
   * {@code infinity} (any case, optionally signed) give NaN and infinities, which the caller rejects or accepts.
   * The range must be trimmed and not empty.
   *
   * @throws BadValue if the text is not a number
   */
  static double parseDouble(char[] b, int s, int e, String column) throws BadValue {
    // Fast path (Clinger): up to 15 significant digits and 22 fraction digits are exact as doubles, so one
    // division gives the correctly rounded result, the same as Double.parseDouble.
    int i = s;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int fractionDigits = 0;
    int digits = 0;
    boolean dot = false;
    boolean fast = true;
    for (; i < e; i++) {
      char c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (mantissa != 0 || c != '0') {
          significant++;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (dot) {
          fractionDigits++;
        }
        if (significant > 15 || fractionDigits > 22) {
          fast = false;
          break;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        fast = false;
        break;
      }
    }
    if (fast && digits > 0) {
      double v = mantissa / POW10[fractionDigits];
      return negative ? -v : v;
    }
    return parseDoubleSlow(new String(b, s, e - s), column);
  }

  private static double parseDoubleSlow(String text, String column) throws BadValue {
    boolean plain = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        plain = false;
        break;
      }
    }
    if (plain) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        // reported below
      }
    } else {
      String word = text.toLowerCase(Locale.ROOT);
      boolean negative = word.startsWith("-");
      if (negative || word.startsWith("+")) {
        word = word.substring(1);
      }
      if (word.equals("nan")) {
        return Double.NaN;
      }
      if (word.equals("inf") || word.equals("infinity")) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
    }
    throw new BadValue(column + " '" + text + "' is not a number");
  }

  /**
   * Parses a timestamp to UTC epoch microseconds. Accepted: ISO-8601 date-times with an offset
   * ({@code 2019-02-11T14:30:00Z}, {@code 2019-02-11 09:30:00.5-05:00}, {@code +0530}, {@code +05}; seconds
   * optional, up to 9 fraction digits), a bare date ({@code 2019-02-11}, midnight UTC: the label of a daily bar), and
   * integers since the UNIX epoch whose unit follows from their magnitude: below 1e11 seconds, below 1e14
   * milliseconds, below 1e17 microseconds, else nanoseconds. The range must be trimmed and not empty.
   *
   * @param units receives the unit at index 0
   * @throws BadValue if the text is not such a timestamp, has no offset, or is finer than a microsecond
   */
  static long parseTimestamp(char[] b, int s, int e, TimeUnit[] units) throws BadValue {
    int i = s;
    if (b[i] == '-' || b[i] == '+') {
      i++;
    }
    boolean allDigits = i < e;
    for (int k = i; k < e; k++) {
      if (b[k] < '0' || b[k] > '9') {
        allDigits = false;
        break;
      }
    }
    return allDigits ? parseEpoch(b, s, e, units) : parseIso(b, s, e, units);
  }

  private static long parseEpoch(char[] b, int s, int e, TimeUnit[] units) throws BadValue {
    int i = s;
    boolean negative = b[i] == '-';
    if (b[i] == '-' || b[i] == '+') {
      i++;
    }
    long v = 0;
    for (; i < e; i++) {
      int d = b[i] - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new BadValue("timestamp '" + new String(b, s, e - s) + "' is too large for an epoch number");
      }
      v = v * 10 + d;
    }
    long signed = negative ? -v : v;
    if (v < 100_000_000_000L) {
      units[0] = TimeUnit.SECONDS;
      return signed * MICROS_PER_SECOND;
    } else if (v < 100_000_000_000_000L) {
      units[0] = TimeUnit.MILLISECONDS;
      return signed * 1_000L;
    } else if (v < 100_000_000_000_000_000L) {
      units[0] = TimeUnit.MICROSECONDS;
      return signed;
    }
    units[0] = TimeUnit.NANOSECONDS;
    if (v % 1_000L != 0) {
      throw new BadValue("timestamp '" + new String(b, s, e - s) + "' (epoch nanoseconds) is not a whole number of "
          + "microseconds; bars start on whole seconds");
    }
    return signed / 1_000L;
  }

  private static long parseIso(char[] b, int s, int e, TimeUnit[] units) throws BadValue {
    units[0] = TimeUnit.ISO;
    int len = e - s;
    if (len < 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      throw notATimestamp(b, s, e);
    }
    int year = digits(b, s, 4, s, e);
    int month = digits(b, s + 5, 2, s, e);
    int day = digits(b, s + 8, 2, s, e);
    if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      throw new BadValue("timestamp '" + new String(b, s, len) + "' is not a valid date");
    }
    long epochDay = epochDay(year, month, day);
    if (len == 10) {
      return epochDay * SECONDS_PER_DAY * MICROS_PER_SECOND;
    }
    char sep = b[s + 10];
    if ((sep != 'T' && sep != 't' && sep != ' ') || len < 16 || b[s + 13] != ':') {
      throw notATimestamp(b, s, e);
    }
    int hour = digits(b, s + 11, 2, s, e);
    int minute = digits(b, s + 14, 2, s, e);
    int second = 0;
    long nanos = 0;
    int p = s + 16;
    if (p < e && b[p] == ':') {
      if (p + 3 > e) {
        throw notATimestamp(b, s, e);
      }
      second = digits(b, p + 1, 2, s, e);
      p += 3;
      if (p < e && (b[p] == '.' || b[p] == ',')) {
        p++;
        int n = 0;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
          if (++n > 9) {
            throw notATimestamp(b, s, e);
          }
          nanos = nanos * 10 + (b[p] - '0');
          p++;
        }
        if (n == 0) {
          throw notATimestamp(b, s, e);
        }
        for (int k = n; k < 9; k++) {
          nanos *= 10;
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw new BadValue("timestamp '" + new String(b, s, len) + "' is not a valid time of day");
    }
    int offsetSeconds;
    if (p == e) {
      throw new BadValue("timestamp '" + new String(b, s, len) + "' has no UTC offset; add Z or +hh:mm "
          + "(e.g. 2019-02-11T09:30:00-05:00 for New York time)");
    } else if ((b[p] == 'Z' || b[p] == 'z') && p + 1 == e) {
      offsetSeconds = 0;
    } else if (b[p] == '+' || b[p] == '-') {
      int sign = b[p] == '-' ? -1 : 1;
      int rest = e - p - 1;
      int oh;
      int om = 0;
      if (rest == 2) {
        oh = digits(b, p + 1, 2, s, e);
      } else if (rest == 4) {
        oh = digits(b, p + 1, 2, s, e);
        om = digits(b, p + 3, 2, s, e);
      } else if (rest == 5 && b[p + 3] == ':') {
        oh = digits(b, p + 1, 2, s, e);
        om = digits(b, p + 4, 2, s, e);
      } else {
        throw notATimestamp(b, s, e);
      }
      if (oh > 18 || om > 59) {
        throw new BadValue("timestamp '" + new String(b, s, len) + "' has an invalid UTC offset");
      }
      offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
      throw notATimestamp(b, s, e);
    }
    if (nanos % 1_000L != 0) {
      throw new BadValue("timestamp '" + new String(b, s, len) + "' is finer than a microsecond; bars start on "
          + "whole seconds");
    }
    long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * MICROS_PER_SECOND + nanos / 1_000L;
  }

  private static int digits(char[] b, int at, int n, int s, int e) throws BadValue {
    if (at + n > e) {
      throw notATimestamp(b, s, e);
    }
    int v = 0;
    for (int k = at; k < at + n; k++) {
      char c = b[k];
      if (c < '0' || c > '9') {
        throw notATimestamp(b, s, e);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static BadValue notATimestamp(char[] b, int s, int e) {
    return new BadValue("timestamp '" + new String(b, s, e - s) + "' is neither ISO-8601 with a UTC offset "
        + "(e.g. 2019-02-11T14:30:00Z) nor an epoch number");
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
