package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthlyReturnsTest {

  @Test
  void monthsAreTakenInNewYorkTime() {
    long lateJanuary = newYork("2024-01-31T23:30");
    // the same instant is already February in UTC
    assertThat(LocalDateTime.ofEpochSecond(lateJanuary / 1_000_000, 0, ZoneOffset.UTC).getMonthValue()).isEqualTo(2);
    long[] ts = {newYork("2024-01-02T16:00"), lateJanuary, newYork("2024-02-01T16:00"),
        newYork("2024-02-29T16:00"), newYork("2024-03-01T16:00")};
    double[] equity = {100, 110, 99, 104.5, 120};
    List<MonthlyReturns.Month> months = MonthlyReturns.of(ts, equity).months();
    assertThat(months).extracting(MonthlyReturns.Month::year, MonthlyReturns.Month::month)
        .containsExactly(tuple(2024, 1), tuple(2024, 2), tuple(2024, 3));
    // January from the first point: 110 / 100 - 1; February from January's last point: 104.5 / 110 - 1;
    // March: 120 / 104.5 - 1
    assertThat(months.get(0).returnFraction()).isCloseTo(0.1, within(1e-12));
    assertThat(months.get(1).returnFraction()).isCloseTo(-0.05, within(1e-12));
    assertThat(months.get(2).returnFraction()).isCloseTo(120 / 104.5 - 1, within(1e-12));
  }

  @Test
  void monthsCompoundToTheTotalReturnAcrossAYearAndAGap() {
    long[] ts = {newYork("2023-12-29T16:00"), newYork("2024-01-02T10:00"), newYork("2024-01-31T16:00"),
        newYork("2024-03-28T16:00")};
    double[] equity = {100, 101, 105, 94.5};
    List<MonthlyReturns.Month> months = MonthlyReturns.of(ts, equity).months();
    // December has a single point: 0; January 105 / 100 - 1; no February; March 94.5 / 105 - 1
    assertThat(months).extracting(MonthlyReturns.Month::month).containsExactly(12, 1, 3);
    assertThat(months).extracting(MonthlyReturns.Month::year).containsExactly(2023, 2024, 2024);
    assertThat(months.get(0).returnFraction()).isZero();
    assertThat(months.get(1).returnFraction()).isCloseTo(0.05, within(1e-12));
    assertThat(months.get(2).returnFraction()).isCloseTo(-0.1, within(1e-12));
    double compounded = 1;
    for (MonthlyReturns.Month m : months) {
      compounded *= 1 + m.returnFraction();
    }
    assertThat(compounded - 1).isCloseTo(94.5 / 100 - 1, within(1e-12));
  }

  @Test
  void rejectsUnorderedTimestamps() {
    long t = newYork("2024-01-02T16:00");
    assertThatThrownBy(() -> MonthlyReturns.of(new long[] {t, t}, new double[] {100, 101}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> MonthlyReturns.of(new long[] {t}, new double[] {100, 101}))
        .hasMessageContaining("same length");
  }

  /** A New York wall-clock time as UTC epoch microseconds. */
  private static long newYork(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(MonthlyReturns.ZONE).toInstant().toEpochMilli() * 1000L;
  }
}
