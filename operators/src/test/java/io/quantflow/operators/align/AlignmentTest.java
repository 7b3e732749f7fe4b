package io.quantflow.operators.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentTest {
  private static final FeatureSchema F = FeatureSchema.of(List.of("ema_20"));
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z
  private static final long MIN = 60_000_000L;

  private static FeatureRow row(Timeframe tf, long start, double close, double ema) {
    return new FeatureRow("AAPL", tf, start, close, new double[] {ema});
  }

  @Test
  void aCoarserValueJoinsOnlyFromTheMomentItsBarClosed() {
    Alignment a = new Alignment(Timeframe.M1, List.of(Timeframe.M1, Timeframe.M5), F);
    assertThat(a.schema().names()).containsExactly("close_1m", "ema_20_1m", "close_5m", "ema_20_5m");
    Alignment.State s = a.newState();
    // 14:30..14:33 close before the 5m bar: its values are not known yet
    for (int i = 0; i < 4; i++) {
      WideRow w = a.onRow(s, row(Timeframe.M1, T0 + i * MIN, 100 + i, 99));
      assertThat(w.values()[0]).isEqualTo(100 + i);
      assertThat(w.values()[2]).isNaN();
      assertThat(w.availableAtMicros()).isEqualTo(T0 + (i + 1) * MIN);
    }
    // at 14:35 the 5m bar 14:30 and the 1m bar 14:34 close together; the 5m one is fed first
    assertThat(a.onRow(s, row(Timeframe.M5, T0, 104, 101))).isNull();
    WideRow at1435 = a.onRow(s, row(Timeframe.M1, T0 + 4 * MIN, 104, 99.5));
    assertThat(at1435.values()).containsExactly(104, 99.5, 104, 101);
    // the next minutes keep the 5m values until the next 5m close
    WideRow at1436 = a.onRow(s, row(Timeframe.M1, T0 + 5 * MIN, 105, 99.7));
    assertThat(at1436.values()).containsExactly(105, 99.7, 104, 101);
  }

  @Test
  void aCoarserRowFedTooEarlyIsNotLeaked() {
    Alignment a = new Alignment(Timeframe.M1, List.of(Timeframe.M1, Timeframe.M5), F);
    Alignment.State s = a.newState();
    a.onRow(s, row(Timeframe.M5, T0, 104, 101)); // available 14:35
    WideRow at1432 = a.onRow(s, row(Timeframe.M1, T0 + 2 * MIN, 102, 99));
    assertThat(at1432.values()[2]).isNaN();
  }

  @Test
  void timeframesMustBeMultiplesOfTheBase() {
    assertThatThrownBy(() -> new Alignment(Timeframe.M5, List.of(Timeframe.M1, Timeframe.M5), F))
        .hasMessageContaining("not a multiple");
    assertThatThrownBy(() -> new Alignment(Timeframe.M1, List.of(Timeframe.M5), F))
        .hasMessageContaining("must include the base timeframe");
  }
}
