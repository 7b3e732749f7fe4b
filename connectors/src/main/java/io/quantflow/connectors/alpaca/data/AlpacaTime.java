package io.quantflow.connectors.alpaca.data;

import io.quantflow.domain.Checks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Alpaca's timestamps: RFC-3339 strings with any UTC offset and 0 to 9 fractional digits
 * ({@code 2021-02-22T15:51:44.208Z}, {@code 2022-04-19T13:45:04.981350886-04:00}), converted to the domain's UTC
 * epoch microseconds. Digits below the microsecond are truncated towards the past.
 */
public final class AlpacaTime {
  private AlpacaTime() {}

  /**
   * UTC epoch microseconds of an RFC-3339 timestamp.
   *
   * @throws IllegalArgumentException quoting the text when it is not RFC-3339 with an offset
   */
  public static long parseMicros(String text) {
    Checks.notNull(text, "text");
    try {
      return toMicros(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Timestamp '" + text + "' is not RFC-3339 with an offset (expected e.g. "
          + "2021-02-22T15:51:44.208Z)", e);
    }
  }

  /** UTC epoch microseconds of an instant (nanoseconds truncated towards the past). */
  public static long toMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /** The instant of UTC epoch microseconds. */
  public static Instant ofMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** RFC-3339 text of UTC epoch microseconds, as Alpaca's REST API accepts it ({@code 2024-01-02T14:30:00Z}). */
  public static String format(long micros) {
    return ofMicros(micros).toString();
  }
}
