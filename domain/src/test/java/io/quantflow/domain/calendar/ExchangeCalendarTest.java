package io.quantflow.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeCalendarTest {
  private final ExchangeCalendar cal = ExchangeCalendar.nyse();

  private static long micros(String isoUtc) {
    return Instant.parse(isoUtc).getEpochSecond() * 1_000_000L;
  }

  @Test
  void knownEarlyCloses() {
    for (String d : new String[] {"2019-11-29", "2024-07-03", "2024-12-24", "2019-07-03", "2002-07-05",
        "2018-12-24"}) {
      LocalDate date = LocalDate.parse(d);
      assertThat(cal.isTradingDay(date)).as(d).isTrue();
      assertThat(cal.isEarlyClose(date)).as(d).isTrue();
      Session s = cal.session(date);
      assertThat(s.earlyClose()).isTrue();
      assertThat(Instant.ofEpochSecond(s.closeMicros() / 1_000_000L).atZone(ExchangeCalendar.NEW_YORK)
          .toLocalTime()).as(d).isEqualTo(LocalTime.of(13, 0));
    }
    assertThat(cal.session(LocalDate.parse("2024-11-29")).closeMicros()).isEqualTo(micros("2024-11-29T18:00:00Z"));
    assertThat(cal.extendedSession(LocalDate.parse("2024-11-29")).closeMicros())
        .isEqualTo(micros("2024-11-29T22:00:00Z"));
  }

  @Test
  void knownClosuresAndOpenDays() {
    for (String d : new String[] {"2025-01-09", "2001-09-11", "2001-09-14", "2004-06-11", "2007-01-02",
        "2012-10-29", "2012-10-30", "2018-12-05", "2024-03-29", "2022-06-20", "2026-07-03", "2021-12-24",
        "2024-01-01", "2023-01-02", "2024-06-19"}) {
      assertThat(cal.isTradingDay(LocalDate.parse(d))).as(d).isFalse();
    }
    // New Year's Day 2022 was a Saturday and is not observed on Friday 2021-12-31
    for (String d : new String[] {"2021-12-31", "2024-07-05", "2024-12-26", "2021-06-18", "2002-07-03",
        "2015-07-02", "2024-11-27"}) {
      LocalDate date = LocalDate.parse(d);
      assertThat(cal.isTradingDay(date)).as(d).isTrue();
      assertThat(cal.isEarlyClose(date)).as(d).isFalse();
    }
    assertThat(cal.isTradingDay(LocalDate.parse("2024-03-09"))).isFalse(); // Saturday
  }

  @Test
  void sessionsFollowDaylightSavingTime() {
    Session fri = cal.session(LocalDate.parse("2024-03-08"));
    Session mon = cal.session(LocalDate.parse("2024-03-11"));
    assertThat(fri.openMicros()).isEqualTo(micros("2024-03-08T14:30:00Z"));
    assertThat(fri.closeMicros()).isEqualTo(micros("2024-03-08T21:00:00Z"));
    assertThat(mon.openMicros()).isEqualTo(micros("2024-03-11T13:30:00Z"));
    assertThat(mon.closeMicros()).isEqualTo(micros("2024-03-11T20:00:00Z"));
    Session ext = cal.extendedSession(LocalDate.parse("2024-03-11"));
    assertThat(ext.openMicros()).isEqualTo(micros("2024-03-11T08:00:00Z"));
    assertThat(ext.closeMicros()).isEqualTo(micros("2024-03-12T00:00:00Z"));
  }

  @Test
  void sessionOfClassifiesPhases() {
    assertThat(cal.sessionOf(micros("2024-03-11T07:59:59Z"))).isEqualTo(SessionPhase.CLOSED);
    assertThat(cal.sessionOf(micros("2024-03-11T08:00:00Z"))).isEqualTo(SessionPhase.PRE);
    assertThat(cal.sessionOf(micros("2024-03-11T13:29:59Z"))).isEqualTo(SessionPhase.PRE);
    assertThat(cal.sessionOf(micros("2024-03-11T13:30:00Z"))).isEqualTo(SessionPhase.REGULAR);
    assertThat(cal.sessionOf(micros("2024-03-11T19:59:59Z"))).isEqualTo(SessionPhase.REGULAR);
    assertThat(cal.sessionOf(micros("2024-03-11T20:00:00Z"))).isEqualTo(SessionPhase.POST);
    assertThat(cal.sessionOf(micros("2024-03-11T23:59:59Z"))).isEqualTo(SessionPhase.POST);
    assertThat(cal.sessionOf(micros("2024-03-12T00:00:00Z"))).isEqualTo(SessionPhase.CLOSED);
    assertThat(cal.sessionOf(micros("2024-11-29T18:00:00Z"))).isEqualTo(SessionPhase.POST);
    assertThat(cal.sessionOf(micros("2024-11-29T22:00:00Z"))).isEqualTo(SessionPhase.CLOSED);
    assertThat(cal.sessionOf(micros("2025-01-09T15:00:00Z"))).isEqualTo(SessionPhase.CLOSED);
  }

  @Test
  void tradingDaysSkipsWeekendsAndHolidays() {
    assertThat(cal.tradingDays(LocalDate.parse("2024-12-20"), LocalDate.parse("2025-01-03")))
        .extracting(LocalDate::toString)
        .containsExactly("2024-12-20", "2024-12-23", "2024-12-24", "2024-12-26", "2024-12-27", "2024-12-30",
            "2024-12-31", "2025-01-02", "2025-01-03");
    // 2024: 252 NYSE trading days
    assertThat(cal.tradingDays(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"))).hasSize(252);
  }

  @Test
  void userFileReplacesTheBundledOne(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("my.csv");
    Files.writeString(f, "# coverage: 2031..2031\ndate,kind,close_time,description\n"
        + "2031-01-01,closed,,New Year's Day\n2031-12-24,early_close,13:00,Christmas Eve\n");
    ExchangeCalendar mine = ExchangeCalendar.nyse(f);
    assertThat(mine.isTradingDay(LocalDate.parse("2031-01-01"))).isFalse();
    assertThat(mine.session(LocalDate.parse("2031-12-24")).earlyClose()).isTrue();
    assertThatThrownBy(() -> cal.isTradingDay(LocalDate.parse("2031-01-02")))
        .hasMessageContaining("outside the calendar's coverage 2000..2030");
    assertThatThrownBy(() -> cal.session(LocalDate.parse("2025-01-09"))).hasMessageContaining("not a trading day");
  }
}
