package io.quantflow.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.csv.CsvValues.BadValue;
import io.quantflow.connectors.csv.CsvValues.TimeUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvValuesTest {
  private static double number(String s) throws BadValue {
    return CsvValues.parseDouble(s.toCharArray(), 0, s.length(), "open");
  }

  private static long timestamp(String s) throws BadValue {
    return CsvValues.parseTimestamp(s.toCharArray(), 0, s.length(), new TimeUnit[1]);
  }

  @Test
  void fastNumberParsingMatchesDoubleParseDouble() throws BadValue {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long mantissa = (long) (random.nextDouble() * Math.pow(10, 1 + random.nextInt(17)));
      String digits = Long.toString(mantissa);
      int dot = random.nextInt(digits.length() + 1);
      String s = (random.nextBoolean() ? "-" : "") + digits.substring(0, dot) + "." + digits.substring(dot);
      assertThat(number(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
    for (String s : new String[] {"171.14", "0.1", "170.6755", "1e6", "1.5E-3", "+2", "007", "5.", ".5",
        "123456789012345678901234567890", "0.0000000000000000000000001"}) {
      assertThat(number(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
  }

  @Test
  void numbersAcceptNanAndInfinityWordsAndRejectTheRest() throws BadValue {
    assertThat(number("NaN")).isNaN();
    assertThat(number("nan")).isNaN();
    assertThat(number("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(number("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    for (String s : new String[] {"abc", "1,5", "1.2.3", "-", ".", "1d", "0x1p3", "1e"}) {
      assertThatThrownBy(() -> number(s)).as(s).isInstanceOf(BadValue.class)
          .hasMessage("open '" + s + "' is not a number");
    }
  }

  @Test
  void epochDayMatchesJavaTime() {
    for (long day = -800_000; day <= 800_000; day += 7) {
      LocalDate d = LocalDate.ofEpochDay(day);
      assertThat(CsvValues.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(day);
    }
  }

  @Test
  void isoTimestampsMatchJavaTime() throws BadValue {
    for (String s : new String[] {"2019-02-11T14:30:00Z", "2020-02-29T23:59:59.999999+01:00", "1969-12-31T23:59:59Z",
        "2019-02-11T09:30:00-05:00", "2000-01-01T00:00:00.5Z"}) {
      Instant t = java.time.OffsetDateTime.parse(s).toInstant();
      assertThat(timestamp(s)).as(s).isEqualTo(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
    }
  }

  @Test
  void rejectsInvalidTimestampsWithReasons() {
    assertThatThrownBy(() -> timestamp("2019-02-30T14:30:00Z")).hasMessageContaining("is not a valid date");
    assertThatThrownBy(() -> timestamp("2019-02-11T24:00:00Z")).hasMessageContaining("is not a valid time of day");
    assertThatThrownBy(() -> timestamp("2019-02-11 14:30")).hasMessageContaining("has no UTC offset");
    assertThatThrownBy(() -> timestamp("2019-02-11T14:30:00.0000001Z")).hasMessageContaining("finer than");
    assertThatThrownBy(() -> timestamp("1549895400000000001")).hasMessageContaining("whole number of microseconds");
    assertThatThrownBy(() -> timestamp("99999999999999999999")).hasMessageContaining("too large");
    assertThatThrownBy(() -> timestamp("2019-02-11T14:30:00+5")).hasMessageContaining("neither ISO-8601");
    assertThatThrownBy(() -> timestamp("yesterday")).hasMessageContaining("neither ISO-8601");
  }
}
