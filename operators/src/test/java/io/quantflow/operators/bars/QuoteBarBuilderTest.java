package io.quantflow.operators.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteBarBuilderTest {
  private static long micros(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000L;
  }

  private static Quote q(long ts, double bid, double bidSize, double ask, double askSize) {
    return new Quote("XYZ", ts, bid, bidSize, ask, askSize, "", "");
  }

  @Test
  void meansOfSpreadAndImbalanceOverTwoSidedInSessionQuotes() {
    long t0 = micros("2024-11-29T17:59:00Z"); // 12:59 New York on an early-close day
    QuoteBarBuilder b = new QuoteBarBuilder("XYZ", Timeframe.M1, ExchangeCalendar.nyse(), false);
    assertThat(b.onQuote(q(t0 + 1_000_000L, 99.99, 300, 100.01, 100))).isEmpty();
    assertThat(b.onQuote(q(t0 + 2_000_000L, 99.98, 100, 100.02, 300))).isEmpty();
    assertThat(b.onQuote(q(t0 + 3_000_000L, 0, 0, 100.02, 300))).hasValueSatisfying(
        r -> assertThat(r).contains("one-sided"));
    assertThat(b.onQuote(q(t0 + 61_000_000L, 99.9, 1, 100.1, 1))).hasValueSatisfying( // 13:00: closed
        r -> assertThat(r).contains("outside the session"));
    List<QuoteBar> bars = b.onWatermark(t0 + 60_000_000L);
    assertThat(bars).hasSize(1);
    QuoteBar bar = bars.get(0);
    assertThat(bar.timestampMicros()).isEqualTo(t0);
    assertThat(bar.quoteCount()).isEqualTo(2);
    double s1 = 0.02 / 100.0 * 1e4;
    double s2 = 0.04 / 100.0 * 1e4;
    assertThat(bar.meanSpreadBps()).isCloseTo((s1 + s2) / 2, within(1e-9));
    assertThat(bar.meanImbalance()).isCloseTo((0.5 + -0.5) / 2, within(1e-12));
    assertThat(b.onQuote(q(t0 + 5_000_000L, 99.99, 300, 100.01, 100))).hasValueSatisfying(
        r -> assertThat(r).contains("late"));
  }
}
