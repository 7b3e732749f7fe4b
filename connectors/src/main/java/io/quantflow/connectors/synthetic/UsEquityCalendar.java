package io.quantflow.connectors.synthetic;

import io.quantflow.domain.Checks;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The US equity (NYSE/Nasdaq) trading calendar, computed by rule: weekdays minus the full-day exchange holidays,
 * with the regular session 09:30-16:00 America/New_York converted to UTC through {@code java.time}, so daylight
 * saving time is handled (the open is 14:30Z in winter and 13:30Z in summer).
 *
 * <p>Holidays, as in force since 1998: New Year's Day, Martin Luther King Jr. Day (third Monday of January),
 * Washington's Birthday (third Monday of February), Good Friday (from the Gregorian Easter computus), Memorial Day
 * (last Monday of May), Juneteenth (from 2022), Independence Day, Labor Day (first Monday of September),
 * Thanksgiving (fourth Thursday of November) and Christmas. A holiday on a Sunday is observed on the Monday, one on
 * a Saturday on the Friday, except New Year's Day: NYSE Rule 7.2 keeps the market open on the last Friday of the
 * year, so a Saturday New Year's Day is not observed at all (the market was open on 2021-12-31).
 *
 * <p>Not modelled: early closes at 13:00 (the day after Thanksgiving, Christmas Eve, July 3), which are treated as
 * full sessions; and one-off closures that follow no rule (national days of mourning such as 2018-12-05 and
 * 2025-01-09, Hurricane Sandy 2012-10-29/30, 2001-09-11 to 09-14).
 *
 * <p>All methods are static and thread-safe.
 */
public final class UsEquityCalendar {
  /** The exchange time zone. */
  public static final ZoneId ZONE = ZoneId.of("America/New_York");
  /** Start of the regular session, exchange local time. */
  public static final LocalTime OPEN = LocalTime.of(9, 30);
  /** End of the regular session, exchange local time. */
  public static final LocalTime CLOSE = LocalTime.of(16, 0);
  /** Length of a regular session in minutes (09:30-16:00). */
  public static final int SESSION_MINUTES = 390;

  // Holidays are asked for once per date; a year's list is cheap but there is no need to rebuild it 250 times.
  private static final Map<Integer, Set<LocalDate>> HOLIDAYS = new ConcurrentHashMap<>();

  private UsEquityCalendar() {}

  /** The observed full-day holidays of {@code year} that fall on weekdays, in date order. */
  public static List<LocalDate> holidays(int year) {
    List<LocalDate> out = new ArrayList<>();
    LocalDate newYear = LocalDate.of(year, 1, 1);
    if (newYear.getDayOfWeek() == DayOfWeek.SUNDAY) {
      out.add(newYear.plusDays(1));
    } else if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
      out.add(newYear); // on a Saturday it is not observed (Rule 7.2), see the class comment
    }
    if (year >= 1998) {
      out.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
    }
    out.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
    out.add(easterSunday(year).minusDays(2));
    out.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
    if (year >= 2022) {
      out.add(observed(LocalDate.of(year, Month.JUNE, 19)));
    }
    out.add(observed(LocalDate.of(year, Month.JULY, 4)));
    out.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
    out.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
    out.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
    out.sort(null);
    return List.copyOf(out);
  }

  /** Whether {@code date} is an observed full-day exchange holiday. */
  public static boolean isHoliday(LocalDate date) {
    Checks.notNull(date, "date");
    return HOLIDAYS.computeIfAbsent(date.getYear(), y -> Set.copyOf(holidays(y))).contains(date);
  }

  /** Whether the exchange holds a regular session on {@code date}: a weekday that is not a holiday. */
  public static boolean isTradingDay(LocalDate date) {
    Checks.notNull(date, "date");
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !isHoliday(date);
  }

  /** The first trading day on or after {@code date}. */
  public static LocalDate nextTradingDay(LocalDate date) {
    LocalDate d = Checks.notNull(date, "date");
    while (!isTradingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** The first {@code count} trading days on or after {@code start}, in order. */
  public static List<LocalDate> tradingDays(LocalDate start, int count) {
    Checks.notNull(start, "start");
    Checks.positive(count, "count");
    List<LocalDate> out = new ArrayList<>(count);
    for (LocalDate d = nextTradingDay(start); out.size() < count; d = nextTradingDay(d.plusDays(1))) {
      out.add(d);
    }
    return List.copyOf(out);
  }

  /**
   * The session open of {@code date} (09:30 New York) as UTC epoch microseconds.
   *
   * @throws IllegalArgumentException if {@code date} is not a trading day
   */
  public static long sessionOpenMicros(LocalDate date) {
    return micros(checkTradingDay(date), OPEN);
  }

  /**
   * The session close of {@code date} (16:00 New York) as UTC epoch microseconds; the session is the half-open
   * interval {@code [open, close)}.
   *
   * @throws IllegalArgumentException if {@code date} is not a trading day
   */
  public static long sessionCloseMicros(LocalDate date) {
    return micros(checkTradingDay(date), CLOSE);
  }

  /** Easter Sunday of {@code year} in the Gregorian calendar (the anonymous Meeus/Jones/Butcher computus). */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  private static LocalDate checkTradingDay(LocalDate date) {
    Checks.notNull(date, "date");
    Checks.isTrue(isTradingDay(date), "%s (%s) is not a US equity trading day: it is a weekend or an exchange holiday",
        date, date.getDayOfWeek());
    return date;
  }

  private static long micros(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, ZONE).toEpochSecond() * 1_000_000L;
  }

  private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
  }

  /** Saturday holidays are observed on Friday, Sunday holidays on Monday. */
  private static LocalDate observed(LocalDate date) {
    return switch (date.getDayOfWeek()) {
      case SATURDAY -> date.minusDays(1);
      case SUNDAY -> date.plusDays(1);
      default -> date;
    };
  }
}
