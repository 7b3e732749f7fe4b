package io.quantflow.domain.calendar;

import io.quantflow.domain.Checks;
import java.time.LocalDate;

/**
 * One trading session of one day: {@code [openMicros, closeMicros)} in UTC epoch microseconds. This class is
 * immutable and thread-safe.
 *
 * @param date trading day in the exchange's time zone
 * @param openMicros first instant of the session, UTC epoch microseconds (inclusive)
 * @param closeMicros end of the session, UTC epoch microseconds (exclusive)
 * @param earlyClose whether the exchange closes early on this day
 */
public record Session(LocalDate date, long openMicros, long closeMicros, boolean earlyClose) {

  /** Checks that the session is not empty. */
  public Session {
    Checks.notNull(date, "date");
    Checks.isTrue(openMicros < closeMicros, "Session %s must open (%d) before it closes (%d)", date, openMicros,
        closeMicros);
  }

  /** Whether {@code tsMicros} lies in {@code [openMicros, closeMicros)}. */
  public boolean contains(long tsMicros) {
    return tsMicros >= openMicros && tsMicros < closeMicros;
  }
}
