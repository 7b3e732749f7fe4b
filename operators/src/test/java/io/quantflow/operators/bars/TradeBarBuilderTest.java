package io.quantflow.operators.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import io.quantflow.domain.calendar.ExchangeCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeBarBuilderTest {
  private static final ExchangeCalendar NYSE = ExchangeCalendar.nyse();
  private static final long MIN = 60_000_000L;

  private static long micros(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000L;
  }

  private static String iso(long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000L).toString();
  }

  private static Trade trade(long ts, double price, double size, long id) {
    return new Trade("XYZ", ts, price, size, "", id, "");
  }

  /** One trade 30 s into every minute of {@code [from, to)}, price rising by 0.01 a minute, size 100. */
  private static List<Trade> everyMinute(String from, String to, long firstId) {
    List<Trade> out = new ArrayList<>();
    long id = firstId;
    for (long t = micros(from) + 30_000_000L; t < micros(to); t += MIN) {
      out.add(trade(t, 100 + (id - firstId) * 0.01, 100, id++));
    }
    return out;
  }

  private static List<BarUpdate> run(TradeBarBuilder b, List<Trade> trades) {
    List<BarUpdate> out = new ArrayList<>();
    for (Trade t : trades) {
      out.addAll(b.onTrade(t));
      out.addAll(b.onWatermark(t.timestampMicros()));
    }
    out.addAll(b.onWatermark(Long.MAX_VALUE));
    return out;
  }

  private static List<Bar> bars(List<BarUpdate> updates) {
    return updates.stream().filter(u -> u instanceof BarUpdate.Emitted).map(u -> ((BarUpdate.Emitted) u).bar())
        .toList();
  }

  private static long rejected(List<BarUpdate> updates, BarUpdate.Reason reason) {
    return updates.stream().filter(u -> u instanceof BarUpdate.Rejected r && r.reason() == reason).count();
  }

  @Test
  void regularSessionFollowsDaylightSavingTime() {
    List<Trade> trades = new ArrayList<>(everyMinute("2024-03-08T08:00:00Z", "2024-03-09T02:00:00Z", 1));
    trades.addAll(everyMinute("2024-03-11T07:00:00Z", "2024-03-12T02:00:00Z", 10_000));
    List<BarUpdate> m1Updates = run(TradeBarBuilder.regular("XYZ", Timeframe.M1, NYSE), trades);
    List<Bar> m1 = bars(m1Updates);
    assertThat(m1).hasSize(2 * 390);
    assertThat(rejected(m1Updates, BarUpdate.Reason.OUTSIDE_SESSION)).isEqualTo(trades.size() - 2 * 390);
    assertThat(iso(m1.get(0).timestampMicros())).isEqualTo("2024-03-08T14:30:00Z");
    assertThat(iso(m1.get(389).timestampMicros())).isEqualTo("2024-03-08T20:59:00Z");
    assertThat(iso(m1.get(390).timestampMicros())).isEqualTo("2024-03-11T13:30:00Z");
    assertThat(iso(m1.get(779).timestampMicros())).isEqualTo("2024-03-11T19:59:00Z");

    List<Bar> h1 = bars(run(TradeBarBuilder.regular("XYZ", Timeframe.H1, NYSE), trades));
    assertThat(h1).extracting(b -> iso(b.timestampMicros())).containsExactly(
        "2024-03-08T14:00:00Z", "2024-03-08T15:00:00Z", "2024-03-08T16:00:00Z", "2024-03-08T17:00:00Z",
        "2024-03-08T18:00:00Z", "2024-03-08T19:00:00Z", "2024-03-08T20:00:00Z",
        "2024-03-11T13:00:00Z", "2024-03-11T14:00:00Z", "2024-03-11T15:00:00Z", "2024-03-11T16:00:00Z",
        "2024-03-11T17:00:00Z", "2024-03-11T18:00:00Z", "2024-03-11T19:00:00Z");
    assertThat(h1.get(0).tradeCount()).isEqualTo(30); // 09:30-10:00 New York only
    assertThat(h1.get(1).tradeCount()).isEqualTo(60);
    assertThat(h1.stream().mapToLong(Bar::tradeCount).sum()).isEqualTo(2 * 390);
  }

  @Test
  void earlyCloseCutsTheLastHourBarAt1300NewYork() {
    List<Trade> trades = everyMinute("2024-11-29T08:00:00Z", "2024-11-30T02:00:00Z", 1);
    TradeBarBuilder b = TradeBarBuilder.regular("XYZ", Timeframe.H1, NYSE);
    List<BarUpdate> out = new ArrayList<>();
    Bar last = null;
    for (Trade t : trades) {
      out.addAll(b.onTrade(t));
      List<BarUpdate> emitted = b.onWatermark(t.timestampMicros());
      if (t.timestampMicros() == micros("2024-11-29T18:00:30Z")) {
        // the 12:00 New York bar is final at the 13:00 close, not at its nominal end
        assertThat(emitted).hasSize(1);
        last = ((BarUpdate.Emitted) emitted.get(0)).bar();
      }
      out.addAll(emitted);
    }
    out.addAll(b.onWatermark(Long.MAX_VALUE));
    List<Bar> h1 = bars(out);
    assertThat(h1).extracting(x -> iso(x.timestampMicros())).containsExactly(
        "2024-11-29T14:00:00Z", "2024-11-29T15:00:00Z", "2024-11-29T16:00:00Z", "2024-11-29T17:00:00Z");
    assertThat(h1.get(0).tradeCount()).isEqualTo(30);
    assertThat(last).isEqualTo(h1.get(3));
    assertThat(last.tradeCount()).isEqualTo(60);
    // last trade in the bar is 17:59:30Z = 12:59:30 New York
    Trade lastIn = trades.stream().filter(t -> t.timestampMicros() == micros("2024-11-29T17:59:30Z")).findFirst()
        .orElseThrow();
    assertThat(last.close()).isEqualTo(lastIn.price());
    assertThat(h1.stream().mapToLong(Bar::tradeCount).sum()).isEqualTo(210); // 09:30-13:00

    List<Bar> m1 = bars(run(TradeBarBuilder.regular("XYZ", Timeframe.M1, NYSE), trades));
    assertThat(m1).hasSize(210);
    assertThat(iso(m1.get(209).timestampMicros())).isEqualTo("2024-11-29T17:59:00Z");
  }

  @Test
  void extendedHoursRunFrom0400To2000Or1700OnEarlyCloseDays() {
    TradeBarBuilder normal = new TradeBarBuilder("XYZ", Timeframe.H1, NYSE, true, false, 0);
    List<Bar> day = bars(run(normal, everyMinute("2024-03-11T06:00:00Z", "2024-03-12T03:00:00Z", 1)));
    assertThat(day).hasSize(16);
    assertThat(iso(day.get(0).timestampMicros())).isEqualTo("2024-03-11T08:00:00Z"); // 04:00 EDT
    assertThat(iso(day.get(15).timestampMicros())).isEqualTo("2024-03-11T23:00:00Z"); // 19:00 EDT
    assertThat(day.stream().mapToLong(Bar::tradeCount).sum()).isEqualTo(16 * 60);

    TradeBarBuilder early = new TradeBarBuilder("XYZ", Timeframe.H1, NYSE, true, false, 0);
    List<BarUpdate> out = run(early, everyMinute("2024-11-29T06:00:00Z", "2024-11-30T03:00:00Z", 1));
    List<Bar> h1 = bars(out);
    assertThat(h1).hasSize(13);
    assertThat(iso(h1.get(0).timestampMicros())).isEqualTo("2024-11-29T09:00:00Z"); // 04:00 EST
    assertThat(iso(h1.get(12).timestampMicros())).isEqualTo("2024-11-29T21:00:00Z"); // 16:00 EST, ends 17:00
    assertThat(h1.stream().mapToLong(Bar::tradeCount).sum()).isEqualTo(13 * 60);
  }

  @Test
  void lateTradeWithinLatenessRevisesBeyondItIsRejected() {
    long t0 = micros("2024-03-11T14:00:00Z");
    TradeBarBuilder b = new TradeBarBuilder("XYZ", Timeframe.M1, NYSE, false, false, 2 * MIN);
    assertThat(b.onTrade(trade(t0 + 10_000_000L, 10.0, 100, 1))).isEmpty();
    assertThat(b.onTrade(trade(t0 + 50_000_000L, 11.0, 300, 2))).isEmpty();
    List<BarUpdate> first = b.onWatermark(t0 + MIN);
    assertThat(first).hasSize(1);
    BarUpdate.Emitted e0 = (BarUpdate.Emitted) first.get(0);
    assertThat(e0.revision()).isZero();
    assertThat(e0.bar().vwap()).isCloseTo((10.0 * 100 + 11.0 * 300) / 400, within(1e-12));

    b.onWatermark(t0 + 2 * MIN); // 1 minute after the bar's end: still revisable
    List<BarUpdate> late = b.onTrade(trade(t0 + 5_000_000L, 9.0, 100, 3)); // earlier than the first trade
    assertThat(late).hasSize(1);
    BarUpdate.Emitted e1 = (BarUpdate.Emitted) late.get(0);
    assertThat(e1.revision()).isEqualTo(1);
    assertThat(e1.isRevision()).isTrue();
    assertThat(e1.bar()).isEqualTo(new Bar("XYZ", Timeframe.M1, t0, 9.0, 11.0, 9.0, 11.0, 500, 3,
        (9.0 * 100 + 10.0 * 100 + 11.0 * 300) / 500));

    assertThat(b.onWatermark(t0 + 3 * MIN)).isEmpty(); // end + lateness reached: bar is final
    List<BarUpdate> tooLate = b.onTrade(trade(t0 + 20_000_000L, 10.5, 100, 4));
    assertThat(tooLate).singleElement().isInstanceOfSatisfying(BarUpdate.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(BarUpdate.Reason.TOO_LATE);
      assertThat(r.tradeId()).isEqualTo(4);
      assertThat(r.message()).contains("too late").contains("2024-03-11T14:00:00Z");
    });
    assertThat(b.onCancel(1)).singleElement().isInstanceOfSatisfying(BarUpdate.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(BarUpdate.Reason.UNKNOWN_TRADE));
    assertThat(b.retainedIntervals()).isZero();
  }

  @Test
  void lateTradeIntoAnEmptyIntervalEmitsItsFirstVersion() {
    long t0 = micros("2024-03-11T14:00:00Z");
    TradeBarBuilder b = new TradeBarBuilder("XYZ", Timeframe.M1, NYSE, false, false, 5 * MIN);
    b.onTrade(trade(t0 + 3 * MIN, 10, 100, 1));
    b.onWatermark(t0 + 4 * MIN);
    List<BarUpdate> late = b.onTrade(trade(t0 + 1_000_000L, 12, 100, 2));
    assertThat(late).singleElement().isInstanceOfSatisfying(BarUpdate.Emitted.class, e -> {
      assertThat(e.revision()).isZero();
      assertThat(e.bar().timestampMicros()).isEqualTo(t0);
    });
  }

  @Test
  void cancelAndCorrectionReviseAnEmittedBarAsIfRecomputed() {
    long t0 = micros("2024-03-11T15:00:00Z");
    List<Trade> trades = List.of(trade(t0 + 1_000_000L, 50.0, 100, 11), trade(t0 + 2_000_000L, 52.0, 200, 12),
        trade(t0 + 3_000_000L, 49.0, 50, 13), trade(t0 + 4_000_000L, 51.0, 10, 14));
    TradeBarBuilder b = new TradeBarBuilder("XYZ", Timeframe.M1, NYSE, false, false, 10 * MIN);
    trades.forEach(b::onTrade);
    assertThat(b.onWatermark(t0 + MIN)).hasSize(1);

    List<BarUpdate> corrected = b.onCorrection(12, 50.5, 150);
    List<BarUpdate> cancelled = b.onCancel(13);
    List<Trade> expectedTrades = List.of(trades.get(0), trade(t0 + 2_000_000L, 50.5, 150, 12), trades.get(3));
    TradeBarBuilder fresh = TradeBarBuilder.regular("XYZ", Timeframe.M1, NYSE);
    expectedTrades.forEach(fresh::onTrade);
    Bar expected = ((BarUpdate.Emitted) fresh.onWatermark(t0 + MIN).get(0)).bar();

    assertThat(((BarUpdate.Emitted) corrected.get(0)).revision()).isEqualTo(1);
    BarUpdate.Emitted last = (BarUpdate.Emitted) cancelled.get(0);
    assertThat(last.revision()).isEqualTo(2);
    assertThat(last.bar()).isEqualTo(expected);
    assertThat(expected.low()).isEqualTo(50.0);
    assertThat(expected.tradeCount()).isEqualTo(3);

    // cancelling every trade retracts the bar
    b.onCancel(11);
    b.onCancel(12);
    assertThat(b.onCancel(14)).singleElement().isEqualTo(
        new BarUpdate.Retracted("XYZ", Timeframe.M1, t0, 5));
    assertThat(b.onCancel(14)).singleElement().isInstanceOfSatisfying(BarUpdate.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(BarUpdate.Reason.UNKNOWN_TRADE));
  }

  @Test
  void cancelBeforeEmissionChangesTheFirstVersionOnly() {
    long t0 = micros("2024-03-11T15:00:00Z");
    TradeBarBuilder b = TradeBarBuilder.regular("XYZ", Timeframe.M1, NYSE);
    b.onTrade(trade(t0 + 1_000_000L, 50.0, 100, 1));
    b.onTrade(trade(t0 + 2_000_000L, 60.0, 100, 2));
    assertThat(b.onCancel(2)).isEmpty();
    assertThat(b.onTrade(trade(t0 + 3_000_000L, 55.0, 100, 1))).singleElement()
        .isInstanceOfSatisfying(BarUpdate.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(BarUpdate.Reason.DUPLICATE_TRADE_ID));
    Bar bar = ((BarUpdate.Emitted) b.onWatermark(t0 + MIN).get(0)).bar();
    assertThat(bar.high()).isEqualTo(50.0);
    assertThat(bar.tradeCount()).isEqualTo(1);
  }

  @Test
  void carryLastPriceFillsEmptyInSessionIntervals() {
    // Friday 2024-03-08 15:57 and 15:59 New York, then Monday 09:31: the weekend and the nights get no bars
    List<Trade> trades = List.of(trade(micros("2024-03-08T20:57:10Z"), 20.0, 100, 1),
        trade(micros("2024-03-08T20:59:10Z"), 21.0, 100, 2), trade(micros("2024-03-11T13:31:10Z"), 22.0, 100, 3));
    TradeBarBuilder b = new TradeBarBuilder("XYZ", Timeframe.M1, NYSE, false, true, 0);
    List<BarUpdate> out = run(b, trades);
    assertThat(out).allMatch(u -> u instanceof BarUpdate.Emitted);
    List<BarUpdate.Emitted> em = out.stream().map(u -> (BarUpdate.Emitted) u).toList();
    // Friday's last 3 minutes, then Monday's whole session: the flush fills up to the close of the session of the
    // latest trade, not beyond
    assertThat(em).hasSize(3 + 390);
    assertThat(em.subList(0, 5)).extracting(e -> iso(e.bar().timestampMicros())).containsExactly(
        "2024-03-08T20:57:00Z", "2024-03-08T20:58:00Z", "2024-03-08T20:59:00Z", "2024-03-11T13:30:00Z",
        "2024-03-11T13:31:00Z");
    assertThat(em.subList(0, 6)).extracting(BarUpdate.Emitted::carried)
        .containsExactly(false, true, false, true, false, true);
    assertThat(iso(em.get(em.size() - 1).bar().timestampMicros())).isEqualTo("2024-03-11T19:59:00Z");
    assertThat(em.get(em.size() - 1).bar().close()).isEqualTo(22.0);
    Bar carried = em.get(3).bar();
    assertThat(carried.open()).isEqualTo(21.0);
    assertThat(carried.close()).isEqualTo(21.0);
    assertThat(carried.high()).isEqualTo(21.0);
    assertThat(carried.volume()).isZero();
    assertThat(carried.tradeCount()).isZero();
    assertThat(carried.vwap()).isNaN();
  }

  @Test
  void carriedBarIsRevisedByALateTrade() {
    long t0 = micros("2024-03-11T15:00:00Z");
    TradeBarBuilder b = new TradeBarBuilder("XYZ", Timeframe.M1, NYSE, false, true, 5 * MIN);
    b.onTrade(trade(t0 + 1_000_000L, 30.0, 100, 1));
    b.onTrade(trade(t0 + 2 * MIN + 1_000_000L, 31.0, 100, 2));
    List<BarUpdate> out = b.onWatermark(t0 + 3 * MIN);
    assertThat(out).hasSize(3);
    assertThat(((BarUpdate.Emitted) out.get(1)).carried()).isTrue();
    List<BarUpdate> rev = b.onTrade(trade(t0 + MIN + 5_000_000L, 29.5, 10, 3));
    assertThat(rev).singleElement().isInstanceOfSatisfying(BarUpdate.Emitted.class, e -> {
      assertThat(e.revision()).isEqualTo(1);
      assertThat(e.carried()).isFalse();
      assertThat(e.bar().close()).isEqualTo(29.5);
    });
    // cancelling it again falls back to the carried price rather than retracting
    assertThat(b.onCancel(3)).singleElement().isInstanceOfSatisfying(BarUpdate.Emitted.class, e -> {
      assertThat(e.revision()).isEqualTo(2);
      assertThat(e.carried()).isTrue();
      assertThat(e.bar().close()).isEqualTo(30.0);
    });
  }

  @Test
  void wrongSymbolIsRejected() {
    TradeBarBuilder b = TradeBarBuilder.regular("XYZ", Timeframe.M1, NYSE);
    assertThat(b.onTrade(new Trade("ABC", micros("2024-03-11T15:00:00Z"), 1, 1, "", 1, ""))).singleElement()
        .isInstanceOfSatisfying(BarUpdate.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(BarUpdate.Reason.WRONG_SYMBOL));
  }
}
