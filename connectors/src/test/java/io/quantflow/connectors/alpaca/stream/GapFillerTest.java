package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backfill and duplicate rules of the source, driven without Flink over an in-memory history. */
class GapFillerTest {
  private static final long T0 = 1_704_205_800_000_000L; // 2024-01-02T14:30:00Z
  private static final long MIN = 60_000_000L;
  private static final long RX = T0 + 100 * MIN;

  /** History of one symbol: bars at T0 + i minutes for i in [0, 20), trades every 10 s with id = 1000 + i. */
  private static final class History implements GapFiller.History {
    final List<long[]> barRequests = new ArrayList<>();
    final List<long[]> tradeRequests = new ArrayList<>();

    @Override
    public List<Bar> bars(String symbol, long from, long to) {
      barRequests.add(new long[] {from, to});
      List<Bar> out = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        if (T0 + i * MIN > from && T0 + i * MIN < to) {
          out.add(bar(i));
        }
      }
      return out;
    }

    @Override
    public List<Trade> trades(String symbol, long from, long to) {
      tradeRequests.add(new long[] {from, to});
      List<Trade> out = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        if (T0 + i * 10_000_000L > from && T0 + i * 10_000_000L < to) {
          out.add(trade(i));
        }
      }
      return out;
    }
  }

  private static Bar bar(int minute) {
    return new Bar("AAPL", Timeframe.M1, T0 + minute * MIN, 100 + minute, 101 + minute, 99 + minute, 100.5 + minute,
        1000 + minute, 10, 100.2 + minute);
  }

  private static Trade trade(int i) {
    return new Trade("AAPL", T0 + i * 10_000_000L, 100 + i / 100.0, 10, "V", 1000 + i, "@");
  }

  private static List<Long> barMinutes(List<AlpacaRecord> records) {
    return records.stream().filter(r -> r.kind() == AlpacaRecord.Kind.BAR)
        .map(r -> (r.bar().timestampMicros() - T0) / MIN).toList();
  }

  @Test
  void fillsTheGapBetweenTheLastEmittedAndTheFirstStreamedBarExclusive() {
    History h = new History();
    GapFiller f = new GapFiller(h, true, Map.of(), Map.of());
    f.onReconnect();
    assertThat(barMinutes(f.onBar(bar(0), false, RX))).containsExactly(0L);
    assertThat(barMinutes(f.onBar(bar(1), false, RX))).containsExactly(1L);
    f.onReconnect(); // disconnect: minutes 2..5 were missed
    assertThat(barMinutes(f.onBar(bar(6), false, RX))).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(h.barRequests).hasSize(1);
    assertThat(h.barRequests.get(0)).containsExactly(T0 + MIN, T0 + 6 * MIN);
    assertThat(f.backfilledBars()).isEqualTo(4);
    assertThat(barMinutes(f.onBar(bar(7), false, RX))).containsExactly(7L);
    assertThat(h.barRequests).hasSize(1);
  }

  @Test
  void noRequestWhenNoBarWasMissed() {
    History h = new History();
    GapFiller f = new GapFiller(h, true, Map.of("AAPL", T0 + 4 * MIN), Map.of());
    f.onReconnect();
    assertThat(barMinutes(f.onBar(bar(5), false, RX))).containsExactly(5L);
    assertThat(h.barRequests).isEmpty();
  }

  @Test
  void restoredStateResumesWithoutDuplicates() {
    History h = new History();
    GapFiller f = new GapFiller(h, true, Map.of("AAPL", T0 + 3 * MIN), Map.of());
    f.onReconnect();
    // the stream repeats minute 3 (emitted before the checkpoint) and then goes on at 8
    assertThat(f.onBar(bar(3), false, RX)).isEmpty();
    assertThat(f.duplicatesDropped()).isEqualTo(1);
    assertThat(barMinutes(f.onBar(bar(8), false, RX))).containsExactly(8L);
    // the gap closed with the first streamed bar (minute 3, no gap): 4..7 are not refetched later
    f.onReconnect();
    assertThat(barMinutes(f.onBar(bar(10), false, RX))).containsExactly(9L, 10L);
  }

  @Test
  void identicalDuplicatesAreDroppedAndConflictingOnesEmitted() {
    GapFiller f = new GapFiller(null, false, Map.of(), Map.of());
    assertThat(barMinutes(f.onBar(bar(0), false, RX))).containsExactly(0L);
    assertThat(barMinutes(f.onBar(bar(1), false, RX))).containsExactly(1L);
    assertThat(f.onBar(bar(1), false, RX)).isEmpty();
    Bar revised = new Bar("AAPL", Timeframe.M1, T0 + MIN, 101, 103, 100, 102, 1500, 12, 101.5);
    assertThat(f.onBar(revised, false, RX)).containsExactly(AlpacaRecord.bar(revised));
    assertThat(f.duplicatesDropped()).isEqualTo(1);
    assertThat(f.conflicts()).isEqualTo(1);
    // updated bars are revisions: emitted, unless identical to what was emitted
    Bar late = new Bar("AAPL", Timeframe.M1, T0, 100, 101, 99, 100.7, 1100, 11, 100.3);
    assertThat(f.onBar(late, true, RX)).containsExactly(AlpacaRecord.updatedBar(late));
    assertThat(f.onBar(late, true, RX)).isEmpty();
    assertThat(f.duplicatesDropped()).isEqualTo(2);
  }

  @Test
  void backfillsTradesAndDropsRepeatedIds() {
    History h = new History();
    GapFiller f = new GapFiller(h, true, Map.of(), Map.of());
    f.onReconnect();
    assertThat(f.onTrade(trade(0), RX)).hasSize(1);
    assertThat(f.onTrade(trade(1), RX)).hasSize(1);
    assertThat(f.onTrade(trade(1), RX)).isEmpty();
    f.onReconnect();
    List<AlpacaRecord> out = f.onTrade(trade(5), RX);
    assertThat(out).extracting(r -> r.event().tradeId()).containsExactly(1002L, 1003L, 1004L, 1005L);
    assertThat(out.get(0).event().kind()).isEqualTo(MarketEvent.Kind.TRADE);
    assertThat(out.get(0).event().receivedAtMicros()).isEqualTo(trade(2).timestampMicros());
    assertThat(out.get(3).event().receivedAtMicros()).isEqualTo(RX);
    assertThat(h.tradeRequests.get(0)).containsExactly(trade(1).timestampMicros(), trade(5).timestampMicros());
    assertThat(f.backfilledTrades()).isEqualTo(3);
    assertThat(f.duplicatesDropped()).isEqualTo(1);
    // same id, other price: a conflict, emitted
    Trade changed = new Trade("AAPL", trade(5).timestampMicros(), 99, 10, "V", 1005, "@");
    assertThat(f.onTrade(changed, RX)).hasSize(1);
    assertThat(f.conflicts()).isEqualTo(1);
  }

  @Test
  void afterARestoreTradesAtOrBeforeTheLastEmittedTimeAreDropped() {
    History h = new History();
    GapFiller f = new GapFiller(h, true, Map.of(), Map.of("AAPL", trade(3).timestampMicros()));
    f.onReconnect();
    assertThat(f.onTrade(trade(3), RX)).isEmpty();
    assertThat(f.onTrade(trade(6), RX)).extracting(r -> r.event().tradeId()).containsExactly(1006L);
    // the first streamed trade (3) closed the gap: nothing between 3 and 6 is fetched
    assertThat(h.tradeRequests).isEmpty();
  }

  @Test
  void aFailedBackfillBecomesADeadLetterAndStreamingGoesOn() {
    GapFiller.History failing = new GapFiller.History() {
      @Override
      public List<Bar> bars(String symbol, long from, long to) {
        throw new IllegalStateException("HTTP 500");
      }

      @Override
      public List<Trade> trades(String symbol, long from, long to) {
        return List.of();
      }
    };
    GapFiller f = new GapFiller(failing, true, Map.of("AAPL", T0), Map.of());
    f.onReconnect();
    List<AlpacaRecord> out = f.onBar(bar(5), false, RX);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).kind()).isEqualTo(AlpacaRecord.Kind.DEAD_LETTER);
    assertThat(out.get(0).deadLetter().reason()).isEqualTo("backfill of bars failed: HTTP 500");
    assertThat(out.get(0).deadLetter().raw()).isEqualTo("AAPL bars (" + T0 + ", " + (T0 + 5 * MIN) + ") micros");
    assertThat(out.get(1)).isEqualTo(AlpacaRecord.bar(bar(5)));
  }
}
