package io.quantflow.operators.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import io.quantflow.domain.calendar.ExchangeCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class TickBarBuilderTest {
  private static final ExchangeCalendar NYSE = ExchangeCalendar.nyse();
  private static final long SEC = 1_000_000L;
  private static final long MIN = 60 * SEC;

  /** One emitted bar row, as the builder reports it. */
  record Out(Timeframe tf, long start, double open, double high, double low, double close, double volume,
      long trades, double vwap, double spread, double imbalance, long quotes, int revision, byte flags) {
    boolean carried() {
      return (flags & BarBlock.CARRIED) != 0;
    }

    boolean retracted() {
      return (flags & BarBlock.RETRACTED) != 0;
    }
  }

  /** A rejection. */
  record Rej(TickBarBuilder.Reason reason, Timeframe tf, MarketEvent event, String message) {}

  /** Drives a builder and records what it emits. */
  static final class Run implements TickBarBuilder.Output {
    final TickBarBuilder builder;
    final TickBarBuilder.State state;
    final List<Out> bars = new ArrayList<>();
    final List<Rej> rejected = new ArrayList<>();

    Run(TickBarBuilder builder) {
      this.builder = builder;
      this.state = builder.newState();
    }

    Run on(MarketEvent e) {
      builder.onEvent(state, e, this);
      return this;
    }

    Run watermark(long micros) {
      builder.onWatermark(state, micros, this);
      return this;
    }

    /** Feeds trades in order, the watermark following each, then flushes. */
    Run replay(List<Trade> trades) {
      for (Trade t : trades) {
        on(MarketEvent.trade(t));
        watermark(t.timestampMicros());
      }
      return watermark(Long.MAX_VALUE);
    }

    List<Out> take() {
      List<Out> copy = List.copyOf(bars);
      bars.clear();
      return copy;
    }

    @Override
    public void bar(Timeframe tf, long startMicros, double open, double high, double low, double close, double volume,
        long tradeCount, double vwap, double spreadBps, double imbalance, long quoteCount, int revision, byte flags) {
      bars.add(new Out(tf, startMicros, open, high, low, close, volume, tradeCount, vwap, spreadBps, imbalance,
          quoteCount, revision, flags));
    }

    @Override
    public void rejected(TickBarBuilder.Reason reason, Timeframe tf, MarketEvent event, String message) {
      rejected.add(new Rej(reason, tf, event, message));
    }

    long rejected(TickBarBuilder.Reason reason) {
      return rejected.stream().filter(r -> r.reason == reason).count();
    }
  }

  private static TickBarBuilder builder(List<Timeframe> tfs, long latenessMicros, boolean extended, boolean carry) {
    return new TickBarBuilder("XYZ", tfs, tfs.stream().map(t -> latenessMicros).toList(), NYSE, extended, carry);
  }

  private static TickBarBuilder regular(Timeframe tf) {
    return builder(List.of(tf), 0, false, false);
  }

  private static long micros(String iso) {
    return Instant.parse(iso).getEpochSecond() * SEC;
  }

  private static String iso(long micros) {
    return Instant.ofEpochSecond(micros / SEC).toString();
  }

  private static Trade trade(long ts, double price, double size, long id) {
    return new Trade("XYZ", ts, price, size, "", id, "");
  }

  /** One trade 30 s into every minute of {@code [from, to)}, price rising by 0.01 a minute, size 100. */
  private static List<Trade> everyMinute(String from, String to, long firstId) {
    List<Trade> out = new ArrayList<>();
    long id = firstId;
    for (long t = micros(from) + 30 * SEC; t < micros(to); t += MIN) {
      out.add(trade(t, 100 + (id - firstId) * 0.01, 100, id++));
    }
    return out;
  }

  @Test
  void regularSessionFollowsDaylightSavingTime() {
    List<Trade> trades = new ArrayList<>(everyMinute("2024-03-08T08:00:00Z", "2024-03-09T02:00:00Z", 1));
    trades.addAll(everyMinute("2024-03-11T07:00:00Z", "2024-03-12T02:00:00Z", 10_000));
    Run m1run = new Run(regular(Timeframe.M1)).replay(trades);
    List<Out> m1 = m1run.bars;
    assertThat(m1).hasSize(2 * 390);
    assertThat(m1run.rejected(TickBarBuilder.Reason.OUTSIDE_SESSION)).isEqualTo(trades.size() - 2 * 390);
    assertThat(iso(m1.get(0).start())).isEqualTo("2024-03-08T14:30:00Z"); // 09:30 EST
    assertThat(iso(m1.get(389).start())).isEqualTo("2024-03-08T20:59:00Z");
    assertThat(iso(m1.get(390).start())).isEqualTo("2024-03-11T13:30:00Z"); // 09:30 EDT
    assertThat(iso(m1.get(779).start())).isEqualTo("2024-03-11T19:59:00Z");

    List<Out> h1 = new Run(regular(Timeframe.H1)).replay(trades).bars;
    assertThat(h1).extracting(b -> iso(b.start())).containsExactly(
        "2024-03-08T14:00:00Z", "2024-03-08T15:00:00Z", "2024-03-08T16:00:00Z", "2024-03-08T17:00:00Z",
        "2024-03-08T18:00:00Z", "2024-03-08T19:00:00Z", "2024-03-08T20:00:00Z",
        "2024-03-11T13:00:00Z", "2024-03-11T14:00:00Z", "2024-03-11T15:00:00Z", "2024-03-11T16:00:00Z",
        "2024-03-11T17:00:00Z", "2024-03-11T18:00:00Z", "2024-03-11T19:00:00Z");
    assertThat(h1.get(0).trades()).isEqualTo(30); // 09:30-10:00 New York only
    assertThat(h1.get(1).trades()).isEqualTo(60);
  }

  @Test
  void everyTimeframeIsBuiltFromTheSameTicksAtOnce() {
    List<Trade> trades = everyMinute("2024-03-11T13:30:00Z", "2024-03-11T20:00:00Z", 1);
    Run run = new Run(builder(List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1), 0, false, false)).replay(trades);
    assertThat(run.bars.stream().filter(b -> b.tf() == Timeframe.M1)).hasSize(390);
    assertThat(run.bars.stream().filter(b -> b.tf() == Timeframe.M5)).hasSize(78);
    assertThat(run.bars.stream().filter(b -> b.tf() == Timeframe.H1)).hasSize(7);
    for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1)) {
      assertThat(run.bars.stream().filter(b -> b.tf() == tf).mapToDouble(Out::volume).sum()).isEqualTo(390 * 100);
    }
    assertThat(run.builder.heldTrades(run.state)).isZero();
    assertThat(run.builder.heldIntervals(run.state)).isZero();
  }

  @Test
  void earlyCloseCutsTheLastHourBarAt1300NewYork() {
    List<Trade> trades = everyMinute("2024-11-29T08:00:00Z", "2024-11-30T02:00:00Z", 1);
    Run run = new Run(regular(Timeframe.H1));
    Out last = null;
    for (Trade t : trades) {
      run.take();
      run.on(MarketEvent.trade(t)).watermark(t.timestampMicros());
      if (t.timestampMicros() == micros("2024-11-29T18:00:30Z")) {
        // the 12:00 New York bar is final at the 13:00 close, not at its nominal end
        List<Out> emitted = run.take();
        assertThat(emitted).hasSize(1);
        last = emitted.get(0);
      }
    }
    run.watermark(Long.MAX_VALUE);
    assertThat(last).isNotNull();
    assertThat(iso(last.start())).isEqualTo("2024-11-29T17:00:00Z");
    assertThat(last.trades()).isEqualTo(60);
    assertThat(last.close()).isEqualTo(trades.stream().filter(t -> t.timestampMicros() == micros("2024-11-29T17:59:30Z"))
        .findFirst().orElseThrow().price());
    List<Out> m1 = new Run(regular(Timeframe.M1)).replay(trades).bars;
    assertThat(m1).hasSize(210); // 09:30-13:00
    assertThat(iso(m1.get(209).start())).isEqualTo("2024-11-29T17:59:00Z");
  }

  @Test
  void extendedHoursRunFrom0400To2000Or1700OnEarlyCloseDays() {
    List<Out> day = new Run(builder(List.of(Timeframe.H1), 0, true, false))
        .replay(everyMinute("2024-03-11T06:00:00Z", "2024-03-12T03:00:00Z", 1)).bars;
    assertThat(day).hasSize(16);
    assertThat(iso(day.get(0).start())).isEqualTo("2024-03-11T08:00:00Z"); // 04:00 EDT
    assertThat(iso(day.get(15).start())).isEqualTo("2024-03-11T23:00:00Z"); // 19:00 EDT
    List<Out> early = new Run(builder(List.of(Timeframe.H1), 0, true, false))
        .replay(everyMinute("2024-11-29T06:00:00Z", "2024-11-30T03:00:00Z", 1)).bars;
    assertThat(early).hasSize(13);
    assertThat(iso(early.get(0).start())).isEqualTo("2024-11-29T09:00:00Z"); // 04:00 EST
    assertThat(iso(early.get(12).start())).isEqualTo("2024-11-29T21:00:00Z"); // 16:00 EST, ends 17:00
  }

  @Test
  void aTickReceivedWithinTheLatenessRevisesItsBarLaterOnesAreRejected() {
    long t0 = micros("2024-03-11T14:00:00Z");
    Run run = new Run(builder(List.of(Timeframe.M1), 2 * MIN, false, false));
    run.on(MarketEvent.trade(trade(t0 + 10 * SEC, 10.0, 100, 1)));
    run.on(MarketEvent.trade(trade(t0 + 50 * SEC, 11.0, 300, 2)));
    run.watermark(t0 + MIN);
    Out first = run.take().get(0);
    assertThat(first.revision()).isZero();
    assertThat(first.vwap()).isCloseTo((10.0 * 100 + 11.0 * 300) / 400, within(1e-12));

    // a trade of 14:00:05 received at 14:02:30, within 2 minutes of the bar's end: revision 1
    run.watermark(t0 + 2 * MIN);
    run.on(MarketEvent.trade(trade(t0 + 5 * SEC, 9.0, 100, 3), t0 + 2 * MIN + 30 * SEC));
    Out rev = run.take().get(0);
    assertThat(rev).isEqualTo(new Out(Timeframe.M1, t0, 9.0, 11.0, 9.0, 11.0, 500, 3,
        (9.0 * 100 + 10.0 * 100 + 11.0 * 300) / 500, Double.NaN, Double.NaN, 0, 1, (byte) 0));

    // received 14:03:00.000001: one microsecond past end + lateness
    run.on(MarketEvent.trade(trade(t0 + 20 * SEC, 10.5, 100, 4), t0 + 3 * MIN + 1));
    assertThat(run.take()).isEmpty();
    assertThat(run.rejected).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(TickBarBuilder.Reason.TOO_LATE);
      assertThat(r.tf()).isEqualTo(Timeframe.M1);
      assertThat(r.message()).contains("received 2024-03-11T14:03:00.000001Z").contains("raise the allowed lateness");
    });
    run.watermark(t0 + 3 * MIN + 1); // the bar is final now: its trades are forgotten
    assertThat(run.builder.heldIntervals(run.state)).isZero();
    run.on(MarketEvent.cancel("XYZ", t0 + 4 * MIN, t0 + 4 * MIN, 1));
    assertThat(run.builder.heldOrphans(run.state)).isEqualTo(1); // it waits: its trade could still be on its way
    run.watermark(t0 + 4 * MIN + run.builder.orphanWaitMicros() + 1);
    assertThat(run.rejected.get(1).reason()).isEqualTo(TickBarBuilder.Reason.UNKNOWN_TRADE);
    assertThat(run.builder.heldOrphans(run.state)).isZero();
  }

  @Test
  void lateTickCountsInTheTimeframesWhoseLatenessAllowsIt() {
    long t0 = micros("2024-03-11T14:00:00Z");
    TickBarBuilder b = new TickBarBuilder("XYZ", List.of(Timeframe.M1, Timeframe.M5), List.of(10 * SEC, 5 * MIN),
        NYSE, false, false);
    Run run = new Run(b);
    run.on(MarketEvent.trade(trade(t0 + 10 * SEC, 10.0, 100, 1)));
    run.on(MarketEvent.trade(trade(t0 + 4 * MIN + 10 * SEC, 12.0, 100, 2)));
    run.watermark(t0 + 5 * MIN);
    assertThat(run.take()).extracting(Out::tf).containsExactly(Timeframe.M1, Timeframe.M1, Timeframe.M5);
    // a 14:00:20 trade received at 14:05:30: too late for its 1m bar (10 s), in time for the 5m bar (5 min)
    run.on(MarketEvent.trade(trade(t0 + 20 * SEC, 9.0, 50, 3), t0 + 5 * MIN + 30 * SEC));
    assertThat(run.rejected).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(TickBarBuilder.Reason.TOO_LATE);
      assertThat(r.tf()).isEqualTo(Timeframe.M1);
    });
    Out m5 = run.take().get(0);
    assertThat(m5.tf()).isEqualTo(Timeframe.M5);
    assertThat(m5.revision()).isEqualTo(1);
    assertThat(m5.low()).isEqualTo(9.0);
    assertThat(m5.volume()).isEqualTo(250);
  }

  @Test
  void lateTradeIntoAnEmptyIntervalEmitsItsFirstVersion() {
    long t0 = micros("2024-03-11T14:00:00Z");
    Run run = new Run(builder(List.of(Timeframe.M1), 5 * MIN, false, false));
    run.on(MarketEvent.trade(trade(t0 + 3 * MIN, 10, 100, 1))).watermark(t0 + 4 * MIN).take();
    run.on(MarketEvent.trade(trade(t0 + SEC, 12, 100, 2), t0 + 4 * MIN));
    assertThat(run.take()).singleElement().satisfies(o -> {
      assertThat(o.revision()).isZero();
      assertThat(o.start()).isEqualTo(t0);
    });
  }

  @Test
  void cancelAndCorrectionReviseAnEmittedBarAsIfRecomputed() {
    long t0 = micros("2024-03-11T15:00:00Z");
    List<Trade> trades = List.of(trade(t0 + SEC, 50.0, 100, 11), trade(t0 + 2 * SEC, 52.0, 200, 12),
        trade(t0 + 3 * SEC, 49.0, 50, 13), trade(t0 + 4 * SEC, 51.0, 10, 14));
    Run run = new Run(builder(List.of(Timeframe.M1), 10 * MIN, false, false));
    trades.forEach(t -> run.on(MarketEvent.trade(t)));
    run.watermark(t0 + MIN);
    assertThat(run.take()).hasSize(1);

    long now = t0 + 2 * MIN;
    run.on(MarketEvent.correction("XYZ", now, now, 12, 120, 50.5, 150));
    run.on(MarketEvent.cancel("XYZ", now, now, 13));
    List<Out> revisions = run.take();
    Run fresh = new Run(regular(Timeframe.M1));
    List.of(trades.get(0), trade(t0 + 2 * SEC, 50.5, 150, 120), trades.get(3))
        .forEach(t -> fresh.on(MarketEvent.trade(t)));
    Out expected = fresh.watermark(t0 + MIN).take().get(0);
    assertThat(revisions).extracting(Out::revision).containsExactly(1, 2);
    Out last = revisions.get(1);
    assertThat(last).isEqualTo(new Out(expected.tf(), expected.start(), expected.open(), expected.high(),
        expected.low(), expected.close(), expected.volume(), expected.trades(), expected.vwap(), Double.NaN,
        Double.NaN, 0, 2, (byte) 0));
    assertThat(expected.low()).isEqualTo(50.0);
    assertThat(expected.trades()).isEqualTo(3);

    // the corrected trade is known by its new id; cancelling every trade retracts the bar
    run.on(MarketEvent.cancel("XYZ", now, now, 11));
    run.on(MarketEvent.cancel("XYZ", now, now, 120));
    run.on(MarketEvent.cancel("XYZ", now, now, 14));
    Out retraction = run.take().get(2);
    assertThat(retraction.retracted()).isTrue();
    assertThat(retraction.revision()).isEqualTo(5);
    run.on(MarketEvent.cancel("XYZ", now, now, 14));
    run.watermark(Long.MAX_VALUE);
    assertThat(run.rejected).singleElement().satisfies(r ->
        assertThat(r.reason()).isEqualTo(TickBarBuilder.Reason.UNKNOWN_TRADE));
  }

  @Test
  void aCancelArrivingBeforeItsLateTradeWaitsForIt() {
    long t0 = micros("2024-03-11T15:00:00Z");
    Run run = new Run(builder(List.of(Timeframe.M1), MIN, false, false));
    run.on(MarketEvent.trade(trade(t0 + SEC, 10.0, 100, 1)));
    run.on(MarketEvent.cancel("XYZ", t0 + 20 * SEC, t0 + 20 * SEC, 2)); // the trade it cancels is still on its way
    run.on(MarketEvent.trade(trade(t0 + 5 * SEC, 11.0, 100, 2), t0 + 30 * SEC));
    Out bar = run.watermark(t0 + MIN).take().get(0);
    assertThat(bar.trades()).isEqualTo(1);
    assertThat(bar.high()).isEqualTo(10.0);
    assertThat(run.rejected).isEmpty();
    assertThat(run.builder.heldOrphans(run.state)).isZero();
  }

  @Test
  void cancelBeforeEmissionChangesTheFirstVersionOnly() {
    long t0 = micros("2024-03-11T15:00:00Z");
    Run run = new Run(regular(Timeframe.M1));
    run.on(MarketEvent.trade(trade(t0 + SEC, 50.0, 100, 1)));
    run.on(MarketEvent.trade(trade(t0 + 2 * SEC, 60.0, 100, 2)));
    run.on(MarketEvent.cancel("XYZ", t0 + 3 * SEC, t0 + 3 * SEC, 2));
    run.on(MarketEvent.trade(trade(t0 + 3 * SEC, 55.0, 100, 1)));
    assertThat(run.rejected(TickBarBuilder.Reason.DUPLICATE_TRADE_ID)).isEqualTo(1);
    Out bar = run.watermark(t0 + MIN).take().get(0);
    assertThat(bar.high()).isEqualTo(50.0);
    assertThat(bar.trades()).isEqualTo(1);
  }

  @Test
  void quotesGiveTheMeanSpreadAndImbalanceOfTheBar() {
    long t0 = micros("2024-03-11T15:00:00Z");
    Run run = new Run(regular(Timeframe.M1));
    run.on(MarketEvent.trade(trade(t0 + SEC, 100.0, 10, 1)));
    run.on(MarketEvent.quote(new Quote("XYZ", t0 + 2 * SEC, 99.99, 300, 100.01, 100, "", "")));
    run.on(MarketEvent.quote(new Quote("XYZ", t0 + 3 * SEC, 99.98, 100, 100.02, 100, "", "")));
    run.on(MarketEvent.quote(new Quote("XYZ", t0 + 4 * SEC, 0, 0, 100.02, 100, "", ""))); // one-sided
    Out bar = run.watermark(t0 + MIN).take().get(0);
    double s1 = 0.02 / 100.0 * 1e4;
    double s2 = 0.04 / 100.0 * 1e4;
    assertThat(bar.spread()).isCloseTo((s1 + s2) / 2, within(1e-9));
    assertThat(bar.imbalance()).isCloseTo((0.5 + 0.0) / 2, within(1e-12));
    assertThat(bar.quotes()).isEqualTo(2);
    assertThat(run.rejected(TickBarBuilder.Reason.ONE_SIDED_QUOTE)).isEqualTo(1);
  }

  @Test
  void carryLastPriceFillsEmptyInSessionIntervals() {
    // Friday 2024-03-08 15:57 and 15:59 New York, then Monday 09:31: the weekend and the nights get no bars
    List<Trade> trades = List.of(trade(micros("2024-03-08T20:57:10Z"), 20.0, 100, 1),
        trade(micros("2024-03-08T20:59:10Z"), 21.0, 100, 2), trade(micros("2024-03-11T13:31:10Z"), 22.0, 100, 3));
    Run run = new Run(builder(List.of(Timeframe.M1), 0, false, true)).replay(trades);
    assertThat(run.rejected).isEmpty();
    List<Out> em = run.bars;
    // Friday's last 3 minutes, then Monday's whole session: the flush fills up to the close of the session of the
    // latest trade, not beyond
    assertThat(em).hasSize(3 + 390);
    assertThat(em.subList(0, 5)).extracting(e -> iso(e.start())).containsExactly(
        "2024-03-08T20:57:00Z", "2024-03-08T20:58:00Z", "2024-03-08T20:59:00Z", "2024-03-11T13:30:00Z",
        "2024-03-11T13:31:00Z");
    assertThat(em.subList(0, 6)).extracting(Out::carried).containsExactly(false, true, false, true, false, true);
    assertThat(iso(em.get(em.size() - 1).start())).isEqualTo("2024-03-11T19:59:00Z");
    assertThat(em.get(em.size() - 1).close()).isEqualTo(22.0);
    Out carried = em.get(3);
    assertThat(carried.open()).isEqualTo(21.0);
    assertThat(carried.close()).isEqualTo(21.0);
    assertThat(carried.volume()).isZero();
    assertThat(carried.trades()).isZero();
    assertThat(carried.vwap()).isNaN();
  }

  @Test
  void carriedBarIsRevisedByALateTradeAndTheCarriedBarsAfterItFollow() {
    long t0 = micros("2024-03-11T15:00:00Z");
    Run run = new Run(builder(List.of(Timeframe.M1), 5 * MIN, false, true));
    run.on(MarketEvent.trade(trade(t0 + SEC, 30.0, 100, 1)));
    run.on(MarketEvent.trade(trade(t0 + 3 * MIN + SEC, 31.0, 100, 2)));
    assertThat(run.watermark(t0 + 4 * MIN).take()).extracting(Out::carried).containsExactly(false, true, true, false);
    run.on(MarketEvent.trade(trade(t0 + MIN + 5 * SEC, 29.5, 10, 3), t0 + 4 * MIN));
    List<Out> rev = run.take();
    // 15:01 becomes a real bar; the carried 15:02 now carries 29.5
    assertThat(rev).extracting(Out::start, Out::revision, Out::carried, Out::close).containsExactly(
        org.assertj.core.groups.Tuple.tuple(t0 + MIN, 1, false, 29.5),
        org.assertj.core.groups.Tuple.tuple(t0 + 2 * MIN, 1, true, 29.5));
    // cancelling it again falls back to carrying 30.0 rather than retracting
    run.on(MarketEvent.cancel("XYZ", t0 + 4 * MIN, t0 + 4 * MIN, 3));
    assertThat(run.take()).extracting(Out::start, Out::revision, Out::carried, Out::close).containsExactly(
        org.assertj.core.groups.Tuple.tuple(t0 + MIN, 2, true, 30.0),
        org.assertj.core.groups.Tuple.tuple(t0 + 2 * MIN, 2, true, 30.0));
  }

  @Test
  void wrongSymbolIsRejected() {
    Run run = new Run(regular(Timeframe.M1));
    run.on(MarketEvent.trade(new Trade("ABC", micros("2024-03-11T15:00:00Z"), 1, 1, "", 1, "")));
    assertThat(run.rejected(TickBarBuilder.Reason.WRONG_SYMBOL)).isEqualTo(1);
  }

  @Test
  void stateIsAFlinkPojoSoCheckpointsNeedNoKryo() {
    assertThat(TypeInformation.of(TickBarBuilder.State.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(TickBarBuilder.Trades.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(TickBarBuilder.Intervals.class)).isInstanceOf(PojoTypeInfo.class);
  }
}
