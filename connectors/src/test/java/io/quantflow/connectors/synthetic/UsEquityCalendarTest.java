package io.quantflow.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UsEquityCalendarTest {
  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static long micros(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000L;
  }

  private static long tradingDaysIn(int year) {
    return Stream.iterate(LocalDate.of(year, 1, 1), x -> x.getYear() == year, x -> x.plusDays(1))
        .filter(UsEquityCalendar::isTradingDay).count();
  }

  @Test
  void knowsTheNyseHolidaysOf2024() {
    assertThat(UsEquityCalendar.holidays(2024)).containsExactly(
        d("2024-01-01"), d("2024-01-15"), d("2024-02-19"), d("2024-03-29"), d("2024-05-27"), d("2024-06-19"),
        d("2024-07-04"), d("2024-09-02"), d("2024-11-28"), d("2024-12-25"));
    assertThat(UsEquityCalendar.isTradingDay(d("2024-01-15"))).as("MLK Day").isFalse();
    assertThat(UsEquityCalendar.isTradingDay(d("2024-03-29"))).as("Good Friday").isFalse();
    assertThat(UsEquityCalendar.isTradingDay(d("2024-03-28"))).isTrue();
    assertThat(UsEquityCalendar.isTradingDay(d("2024-01-13"))).as("Saturday").isFalse();
  }

  @Test
  void observesWeekendHolidaysOnTheNearestWeekdayExceptASaturdayNewYear() {
    // 2021: July 4 on a Sunday, Christmas on a Saturday; Juneteenth not yet a market holiday.
    assertThat(UsEquityCalendar.holidays(2021)).containsExactly(
        d("2021-01-01"), d("2021-01-18"), d("2021-02-15"), d("2021-04-02"), d("2021-05-31"), d("2021-07-05"),
        d("2021-09-06"), d("2021-11-25"), d("2021-12-24"));
    // 2022: New Year's Day on a Saturday (not observed; 2021-12-31 traded), Juneteenth and Christmas on Sundays.
    assertThat(UsEquityCalendar.holidays(2022)).containsExactly(
        d("2022-01-17"), d("2022-02-21"), d("2022-04-15"), d("2022-05-30"), d("2022-06-20"), d("2022-07-04"),
        d("2022-09-05"), d("2022-11-24"), d("2022-12-26"));
    assertThat(UsEquityCalendar.isTradingDay(d("2021-12-31"))).isTrue();
    assertThat(UsEquityCalendar.holidays(2023)).startsWith(d("2023-01-02"));
    assertThat(UsEquityCalendar.holidays(2026)).contains(d("2026-07-03"), d("2026-04-03"));
  }

  @Test
  void countsTradingDaysPerYear() {
    assertThat(tradingDaysIn(2021)).isEqualTo(252);
    assertThat(tradingDaysIn(2022)).isEqualTo(251);
    assertThat(tradingDaysIn(2023)).isEqualTo(250);
    assertThat(tradingDaysIn(2024)).isEqualTo(252);
  }

  @Test
  void computesEaster() {
    assertThat(UsEquityCalendar.easterSunday(2024)).isEqualTo(d("2024-03-31"));
    assertThat(UsEquityCalendar.easterSunday(2025)).isEqualTo(d("2025-04-20"));
    assertThat(UsEquityCalendar.easterSunday(2019)).isEqualTo(d("2019-04-21"));
    assertThat(UsEquityCalendar.easterSunday(2000)).isEqualTo(d("2000-04-23"));
    assertThat(UsEquityCalendar.easterSunday(2008)).isEqualTo(d("2008-03-23"));
    assertThat(UsEquityCalendar.easterSunday(2038)).isEqualTo(d("2038-04-25"));
  }

  @Test
  void convertsTheSessionToUtcAcrossDaylightSavingTime() {
    assertThat(UsEquityCalendar.sessionOpenMicros(d("2024-03-08"))).isEqualTo(micros("2024-03-08T14:30:00Z"));
    assertThat(UsEquityCalendar.sessionCloseMicros(d("2024-03-08"))).isEqualTo(micros("2024-03-08T21:00:00Z"));
    assertThat(UsEquityCalendar.sessionOpenMicros(d("2024-03-11"))).isEqualTo(micros("2024-03-11T13:30:00Z"));
    assertThat(UsEquityCalendar.sessionCloseMicros(d("2024-03-11"))).isEqualTo(micros("2024-03-11T20:00:00Z"));
    assertThat(UsEquityCalendar.sessionOpenMicros(d("2024-11-01"))).isEqualTo(micros("2024-11-01T13:30:00Z"));
    assertThat(UsEquityCalendar.sessionOpenMicros(d("2024-11-04"))).isEqualTo(micros("2024-11-04T14:30:00Z"));
    assertThatThrownBy(() -> UsEquityCalendar.sessionOpenMicros(d("2024-07-04")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2024-07-04 (THURSDAY) is not a US equity trading day");
  }

  @Test
  void listsTradingDaysFromAnyStart() {
    assertThat(UsEquityCalendar.tradingDays(d("2024-01-13"), 4))
        .containsExactly(d("2024-01-16"), d("2024-01-17"), d("2024-01-18"), d("2024-01-19"));
    List<LocalDate> year = UsEquityCalendar.tradingDays(d("2024-01-01"), 252);
    assertThat(year.get(0)).isEqualTo(d("2024-01-02"));
    assertThat(year.get(251)).isEqualTo(d("2024-12-31"));
    assertThat(UsEquityCalendar.nextTradingDay(d("2024-12-31"))).isEqualTo(d("2024-12-31"));
    assertThatThrownBy(() -> UsEquityCalendar.tradingDays(d("2024-01-01"), 0))
        .hasMessage("Argument 'count' must be positive but was 0");
  }
}
