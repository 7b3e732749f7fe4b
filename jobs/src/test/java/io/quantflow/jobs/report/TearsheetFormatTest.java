package io.quantflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fixed text formats of the tearsheet. */
class TearsheetFormatTest {
  @Test
  void numbersNeverPrintANegativeZero() {
    assertThat(Format.fixed(-0.004, 2)).isEqualTo("0.00");
    assertThat(Format.percent(-0.00001, 2)).isEqualTo("0.00%");
    assertThat(Format.grouped(-0.0001, 2)).isEqualTo("0.00");
    assertThat(Format.usd(-0.001)).isEqualTo("$0.00");
    assertThat(Format.coord(-0.04)).isEqualTo("0");
  }

  @Test
  void numbersUseFixedDecimalsAndCommaGrouping() {
    assertThat(Format.fixed(2.345678, 3)).isEqualTo("2.346");
    assertThat(Format.fixed(Double.NaN, 2)).isEqualTo("n/a");
    assertThat(Format.grouped(1_234_567.891, 2)).isEqualTo("1,234,567.89");
    assertThat(Format.percent(0.123456, 2)).isEqualTo("12.35%");
    assertThat(Format.signedPercent(0.0123, 1)).isEqualTo("+1.2%");
    assertThat(Format.signedPercent(0.00001, 2)).isEqualTo("0.00%");
    assertThat(Format.signedPercent(-0.05, 0)).isEqualTo("-5%");
    assertThat(Format.usd(-1234.5)).isEqualTo("-$1,234.50");
    assertThat(Format.quantity(1200)).isEqualTo("1,200");
    assertThat(Format.quantity(12.25)).isEqualTo("12.25");
    assertThat(Format.price(0.1234)).isEqualTo("0.1234");
    assertThat(Format.price(1234.5)).isEqualTo("1,234.50");
    assertThat(Format.coord(12.34)).isEqualTo("12.3");
    assertThat(Format.coord(12.0)).isEqualTo("12");
    assertThat(Format.coord(-1.26)).isEqualTo("-1.3");
  }

  @Test
  void datesAreNewYorkDates() {
    // 13:30Z in July is 09:30 EDT (UTC-4)
    assertThat(Format.dateTime(micros("2024-07-01T13:30:00Z"))).isEqualTo("2024-07-01 09:30");
    // 03:00Z on January 2 is still January 1 in New York (22:00 EST, UTC-5)
    assertThat(Format.date(micros("2024-01-02T03:00:00Z"))).isEqualTo("2024-01-01");
    // before the epoch: floor division, not truncation
    assertThat(Format.dateTime(micros("1969-12-31T23:59:59Z") + 500_000)).isEqualTo("1969-12-31 18:59");
  }

  @Test
  void htmlIsEscapedForTextAndAttributes() {
    assertThat(Format.html("<a href='x'>&\"")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
  }

  @Test
  void metricsAreFormattedByTheWordsOfTheirKey() {
    assertThat(Format.metric("win_rate", 0.55)).isEqualTo("55.00%");
    assertThat(Format.metric("risk_free_rate", 0.0)).isEqualTo("0.00%");
    assertThat(Format.metric("avg_gross_exposure", 1.2)).isEqualTo("120.00%");
    // "duration" contains the letters of "ratio" but is no ratio
    assertThat(Format.metric("max_drawdown_duration_periods", 7)).isEqualTo("7");
    assertThat(Format.metric("calmar", 2.0)).isEqualTo("2.00");
    assertThat(Format.metric("information_ratio", 0.456)).isEqualTo("0.46");
    assertThat(Format.metric("traded_notional", 1_234_567.0)).isEqualTo("$1,234,567.00");
    assertThat(Format.metric("total_pnl_usd", -5)).isEqualTo("-$5.00");
    assertThat(Format.metric("bars", 1_234_567)).isEqualTo("1,234,567");
    assertThat(Format.metric("symbols", 3L)).isEqualTo("3");
    assertThat(Format.metric("flag", true)).isEqualTo("true");
    assertThat(Format.metric("x", Double.NaN)).isEqualTo("n/a");
    assertThat(Format.metric("big", 12_345.678)).isEqualTo("12,345.68");
    assertThat(Format.metric("small", 0.5)).isEqualTo("0.5");
  }

  private static long micros(String instant) {
    return Instant.parse(instant).getEpochSecond() * 1_000_000L;
  }
}
