package io.quantflow.jobs.optimize;

import io.quantflow.domain.Checks;
import io.quantflow.domain.calendar.ExchangeCalendar;
import java.time.LocalDate;
import java.util.List;

/**
 * Session arithmetic on the NYSE calendar for windows: a window of sessions {@code first..last} is the time from
 * New York midnight starting {@code first} to New York midnight after {@code last}, so it holds the whole trading
 * day (extended hours included) and the next window starts exactly where it ends.
 */
final class Sessions {
  static final ExchangeCalendar CALENDAR = ExchangeCalendar.nyse();

  private Sessions() {}

  /** The NYSE sessions from {@code from} to {@code to}, both inclusive. */
  static List<LocalDate> between(LocalDate from, LocalDate to) {
    return CALENDAR.tradingDays(from, to);
  }

  /** New York midnight at the start of {@code date}, UTC epoch microseconds. */
  static long startOfDayMicros(LocalDate date) {
    return date.atStartOfDay(ExchangeCalendar.NEW_YORK).toEpochSecond() * 1_000_000L;
  }

  /** The session {@code sessions} sessions before {@code session} (itself for 0). */
  static LocalDate back(LocalDate session, int sessions) {
    Checks.isTrue(sessions >= 0, "Argument 'sessions' must not be negative but was %s", sessions);
    LocalDate d = session;
    for (int left = sessions; left > 0; ) {
      d = d.minusDays(1);
      if (CALENDAR.isTradingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * The window trading the sessions {@code first..last}, with {@code warmupDays} sessions before {@code first} for
   * feature warm-up.
   */
  static TrialEvaluator.Window window(LocalDate first, LocalDate last, int warmupDays) {
    return new TrialEvaluator.Window(startOfDayMicros(back(first, warmupDays)), startOfDayMicros(first),
        startOfDayMicros(last.plusDays(1)));
  }
}
