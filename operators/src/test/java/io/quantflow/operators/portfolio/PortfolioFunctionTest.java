package io.quantflow.operators.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Direction;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The portfolio operator in a Flink test harness: without any watermark (a BATCH job has none until its input ends)
 * it simulates exactly as far as every symbol of the universe is complete, and the rest at the end.
 */
class PortfolioFunctionTest {
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z, 09:30 New York
  private static final long MIN = 60_000_000L;

  private static BarBlock bars(String symbol, double... closes) {
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      out.add(Bar.of(symbol, Timeframe.M1, T0 + i * MIN, closes[i], closes[i], closes[i], closes[i], 1e6));
    }
    return BarBlock.of(out);
  }

  private static SymbolSlice slice(BarBlock bars, long completeThrough, Signal... signals) {
    return SymbolSlice.of(bars.symbol(), bars, List.of(signals), completeThrough);
  }

  private static List<EquityPoint> equity(KeyedOneInputStreamOperatorTestHarness<String, SymbolSlice, EquityPoint> h) {
    List<EquityPoint> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r && r.getValue() instanceof EquityPoint p) {
        out.add(p);
      }
    }
    return out;
  }

  @Test
  void simulatesAsFarAsEverySymbolIsCompleteAndTheRestAtTheEnd() throws Exception {
    // two symbols, 1m bars at 09:30, 09:31, 09:32 (closing at +1, +2, +3 minutes); frictionless, 50 % each
    SimulationConfig config = SimulationConfig.frictionless(100_000, 2, 1.0, 0.0);
    try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PortfolioFunction(config, Timeframe.M1, true)), s -> "portfolio", Types.STRING)) {
      h.open();
      // A decides long at the first close; it fills at the next bar's open (101)
      h.processElement(slice(bars("A", 100, 101, 102), Long.MIN_VALUE,
          new Signal("A", T0 + MIN, Direction.LONG, 1.0, MIN, "test")), 0);
      h.processElement(slice(bars("B", 50, 50, 50), T0 + 2 * MIN), 0);
      assertEquals(0, equity(h).size(), "A has not said how far it is complete: nothing may be simulated");

      h.processElement(slice(BarBlock.end("A", Timeframe.M1), T0 + 3 * MIN), 0);
      List<EquityPoint> first = equity(h);
      // both complete through 09:32: the instants 09:31 and 09:32 are simulated, 09:33 waits for B
      assertEquals(List.of(T0 + MIN, T0 + 2 * MIN), first.stream().map(EquityPoint::timestampMicros).toList());
      assertEquals(100_000.0, first.get(0).equity(), 1e-9);
      // 50,000 / 100 (the decision close) = 500 shares bought at 101, marked at 101: equity unchanged
      assertEquals(100_000.0, first.get(1).equity(), 1e-9);
      assertEquals(100_000.0 - 500 * 101, first.get(1).cash(), 1e-9);

      h.processWatermark(Long.MAX_VALUE); // the end of the input
      List<EquityPoint> all = equity(h);
      assertEquals(3, all.size());
      assertEquals(T0 + 3 * MIN, all.get(2).timestampMicros());
      assertEquals(100_000.0 + 500 * (102 - 101), all.get(2).equity(), 1e-9); // marked at 102
      List<Fill> fills = new ArrayList<>();
      h.getSideOutput(PortfolioFunction.FILLS).forEach(r -> fills.add(r.getValue()));
      assertEquals(1, fills.size());
      assertEquals(500.0, fills.get(0).quantity(), 1e-9);
      assertEquals(101.0, fills.get(0).price(), 1e-9);
    }
  }

  @Test
  void theBufferIsCompleteThroughTheEarliestSymbolOnceTheWholeUniverseHasReported() {
    PortfolioBuffer b = new PortfolioBuffer();
    b.complete("A", 300);
    assertEquals(Long.MIN_VALUE, b.completeThrough(2), "B has not reported yet");
    b.complete("B", 200);
    assertEquals(200, b.completeThrough(2));
    b.complete("B", 100); // progress never goes back
    assertEquals(200, b.completeThrough(2));
    b.complete("B", Long.MAX_VALUE);
    assertEquals(300, b.completeThrough(2));
  }
}
