package io.quantflow.operators.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.domain.WideRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class AlignmentTest {
  private static final FeatureSchema F = FeatureSchema.of(List.of("ema_20"));
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z
  private static final long MIN = 60_000_000L;
  private static final Alignment A = new Alignment(Timeframe.M1, List.of(Timeframe.M1, Timeframe.M5), F);

  private static FeatureRow row(Timeframe tf, long start, double close, double ema) {
    return new FeatureRow("AAPL", tf, start, close, new double[] {ema});
  }

  private static List<WideRow> rows(Alignment.Output o) {
    WideBlock b = o.block();
    List<WideRow> out = new ArrayList<>();
    for (int i = 0; b != null && i < b.size(); i++) {
      out.add(b.row(i));
    }
    return out;
  }

  private static List<WideRow> feed(Alignment a, Alignment.State s, FeatureRow r) {
    return rows(a.onBlock(s, FeatureBlock.of(r)));
  }

  @Test
  void aCoarserValueJoinsOnlyFromTheMomentItsBarClosed() {
    assertThat(A.schema().names()).containsExactly("close_1m", "ema_20_1m", "close_5m", "ema_20_5m");
    Alignment.State s = A.newState();
    // 14:30..14:33 close before the 5m bar: its values are not known yet, and nothing waits for it
    for (int i = 0; i < 4; i++) {
      List<WideRow> w = feed(A, s, row(Timeframe.M1, T0 + i * MIN, 100 + i, 99));
      assertThat(w).singleElement().satisfies(r -> assertThat(r.values()[2]).isNaN());
      assertThat(w.get(0).values()[0]).isEqualTo(100 + i);
      assertThat(w.get(0).availableAtMicros()).isEqualTo(T0 + (i + 1) * MIN);
    }
    // the 1m bar 14:34 closes together with the 5m bar 14:30: its wide row waits for the 5m row
    assertThat(feed(A, s, row(Timeframe.M1, T0 + 4 * MIN, 104, 99.5))).isEmpty();
    List<WideRow> at1435 = feed(A, s, row(Timeframe.M5, T0, 104, 101));
    assertThat(at1435).singleElement().satisfies(r -> assertThat(r.values()).containsExactly(104, 99.5, 104, 101));
    // the next minutes keep the 5m values until the next 5m close
    assertThat(feed(A, s, row(Timeframe.M1, T0 + 5 * MIN, 105, 99.7))).singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly(105, 99.7, 104, 101));
  }

  @Test
  void aCoarserRowArrivingEarlyIsNotLeaked() {
    Alignment.State s = A.newState();
    assertThat(feed(A, s, row(Timeframe.M5, T0, 104, 101))).isEmpty(); // available 14:35
    assertThat(feed(A, s, row(Timeframe.M1, T0 + 2 * MIN, 102, 99))).singleElement()
        .satisfies(r -> assertThat(r.values()[2]).isNaN());
  }

  @Test
  void aBaseRowWaitsForTheCoarseBarOfAnIntervalWhoseLastMinuteIsMissing() {
    Alignment.State s = A.newState();
    // 14:30..14:33 then a gap: the 5m bar 14:30 (available 14:35) belongs to 14:35's wide row
    for (int i = 0; i < 4; i++) {
      feed(A, s, row(Timeframe.M1, T0 + i * MIN, 100 + i, 99));
    }
    assertThat(feed(A, s, row(Timeframe.M1, T0 + 5 * MIN, 105, 99))).isEmpty();
    assertThat(feed(A, s, row(Timeframe.M5, T0, 103, 101))).singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly(105, 99, 103, 101));
  }

  @Test
  void theResultIsTheSameForAnyInterleavingOfTimeframesAndAnyBlockSizes() {
    Alignment a = new Alignment(Timeframe.M1, List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15), F);
    List<FeatureRow> m1 = new ArrayList<>();
    List<FeatureRow> m5 = new ArrayList<>();
    List<FeatureRow> m15 = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      if (i % 7 != 3) { // gaps, some at the end of a 5m interval
        m1.add(row(Timeframe.M1, T0 + i * MIN, 100 + i, 90 + i));
      }
      if (i % 5 == 0) {
        m5.add(row(Timeframe.M5, T0 + i * MIN, 200 + i, 190 + i));
      }
      if (i % 15 == 0) {
        m15.add(row(Timeframe.M15, T0 + i * MIN, 300 + i, 290 + i));
      }
    }
    List<WideRow> reference = null;
    Random random = new Random(7);
    for (int trial = 0; trial < 30; trial++) {
      // cut each timeframe into random blocks, then interleave the blocks randomly (each timeframe stays in order)
      List<List<FeatureBlock>> queues = List.of(blocks(m1, random), blocks(m5, random), blocks(m15, random));
      int[] next = new int[3];
      Alignment.State s = a.newState();
      List<WideRow> out = new ArrayList<>();
      while (next[0] < queues.get(0).size() || next[1] < queues.get(1).size() || next[2] < queues.get(2).size()) {
        int q = random.nextInt(3);
        if (next[q] < queues.get(q).size()) {
          out.addAll(rows(a.onBlock(s, queues.get(q).get(next[q]++))));
        }
      }
      out.addAll(rows(a.flush(s, "AAPL", Long.MAX_VALUE)));
      if (reference == null) {
        reference = out;
        assertThat(out).hasSize(m1.size());
      } else {
        assertThat(out).as("trial %d", trial).isEqualTo(reference);
      }
    }
    // the wide row at the close of 14:44 holds the 15m bar 14:30 and the 5m bar 14:40, both closing at 14:45
    WideRow at1445 = reference.stream().filter(r -> r.timestampMicros() == T0 + 14 * MIN).findFirst().orElseThrow();
    assertThat(at1445.values()).containsExactly(114, 104, 210, 200, 300, 290);
    WideRow at1444 = reference.stream().filter(r -> r.timestampMicros() == T0 + 13 * MIN).findFirst().orElseThrow();
    assertThat(at1444.values()).containsExactly(113, 103, 205, 195, Double.NaN, Double.NaN);
  }

  private static List<FeatureBlock> blocks(List<FeatureRow> rows, Random random) {
    List<FeatureBlock> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      int n = 1 + random.nextInt(20);
      List<FeatureRow> part = rows.subList(i, Math.min(rows.size(), i + n));
      out.add(block(part));
      i += n;
    }
    return out;
  }

  private static FeatureBlock block(List<FeatureRow> part) {
    int n = part.size();
    long[] ts = new long[n];
    double[] close = new double[n];
    double[] values = new double[n];
    for (int j = 0; j < n; j++) {
      ts[j] = part.get(j).timestampMicros();
      close[j] = part.get(j).close();
      values[j] = part.get(j).values()[0];
    }
    return new FeatureBlock("AAPL", part.get(0).timeframe(), ts, close, 1, values, new int[n], new boolean[n]);
  }

  @Test
  void aRevisedCoarseRowReemitsOnlyTheWideRowsThatUsedIt() {
    Alignment a = A.withHorizon(30 * MIN);
    Alignment.State s = a.newState();
    for (int i = 0; i < 5; i++) {
      feed(a, s, row(Timeframe.M1, T0 + i * MIN, 100 + i, 99));
    }
    feed(a, s, row(Timeframe.M5, T0, 104, 101));
    for (int i = 5; i < 8; i++) {
      feed(a, s, row(Timeframe.M1, T0 + i * MIN, 100 + i, 99));
    }
    FeatureRow revised = new FeatureRow("AAPL", Timeframe.M5, T0, 104.5, new double[] {101.5}, 1, false);
    List<WideRow> rev = feed(a, s, revised);
    // the wide rows at 14:35, 14:36, 14:37 and 14:38 used the 5m bar 14:30; earlier ones did not
    assertThat(rev).extracting(WideRow::timestampMicros)
        .containsExactly(T0 + 4 * MIN, T0 + 5 * MIN, T0 + 6 * MIN, T0 + 7 * MIN);
    assertThat(rev).allSatisfy(r -> {
      assertThat(r.revision()).isEqualTo(1);
      assertThat(r.values()[2]).isEqualTo(104.5);
      assertThat(r.values()[3]).isEqualTo(101.5);
    });
    // a retracted base row retracts its wide row
    List<WideRow> gone = feed(a, s, new FeatureRow("AAPL", Timeframe.M1, T0 + 6 * MIN, Double.NaN,
        new double[] {Double.NaN}, 1, true));
    assertThat(gone).singleElement().satisfies(r -> {
      assertThat(r.retracted()).isTrue();
      assertThat(r.revision()).isEqualTo(2);
    });
  }

  @Test
  void withoutAHorizonRevisionsAreRefused() {
    Alignment.State s = A.newState();
    feed(A, s, row(Timeframe.M1, T0, 100, 99));
    Alignment.Output o = A.onBlock(s, FeatureBlock.of(
        new FeatureRow("AAPL", Timeframe.M1, T0, 100.5, new double[] {99}, 1, false)));
    assertThat(o.refused()).containsExactly(T0);
  }

  @Test
  void stateIsAFlinkPojo() {
    assertThat(TypeInformation.of(Alignment.State.class)).isInstanceOf(PojoTypeInfo.class);
  }

  @Test
  void timeframesMustBeMultiplesOfTheBase() {
    assertThatThrownBy(() -> new Alignment(Timeframe.M5, List.of(Timeframe.M1, Timeframe.M5), F))
        .hasMessageContaining("not a multiple");
    assertThatThrownBy(() -> new Alignment(Timeframe.M1, List.of(Timeframe.M5), F))
        .hasMessageContaining("must include the base timeframe");
  }
}
