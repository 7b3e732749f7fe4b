package io.quantflow.models.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.ml.labels.BarrierLabel.Barrier;
import io.quantflow.models.ml.labels.TripleBarrierLabels.VerticalLabel;
import io.quantflow.models.ml.labels.TripleBarrierLabels.VolScaling;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One 8-bar path, horizon 2 bars, barriers at +-2% (vol 0.02, multiples 1). With high/low, from each entry close:
 * bar 0 (100) touches 102 on bar 2's high; bar 1 has no vol; bar 2 (103) falls to 99.5 on bar 3 (stop at 100.94);
 * bar 3 (100) sees 102.5 and 97.5 in bar 4 (both: stop assumed); bar 4 (100) stays inside 98..102 and ends at
 * 100.5; bar 5 (99) reaches 101.5 on bar 7 (profit at 100.98); bars 6 and 7 have no bar 2 later.
 */
class LabelsTest {
  private static final long[] T = {1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000};
  private static final double[] CLOSE = {100, 101, 103, 100, 100, 99, 100.5, 101};
  private static final double[] HIGH = {100.5, 101.5, 103.5, 103, 102.5, 100, 100.9, 101.5};
  private static final double[] LOW = {99.5, 100.5, 101, 99.5, 97.5, 98.5, 99, 100};
  private static final double N = Double.NaN;
  private static final double[] VOL = {0.02, N, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02};
  private static final TripleBarrierLabels BARRIERS = TripleBarrierLabels.of(2, 1, 1);

  @Test
  void forwardReturnsWithDeadZone() {
    List<ForwardLabel> labels = ForwardReturnLabels.label(T, CLOSE, 2, 0.006);

    assertThat(LabelWindow.indices(labels)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(LabelWindow.t0Micros(labels)).containsExactly(1_000, 2_000, 3_000, 4_000, 5_000, 6_000);
    assertThat(LabelWindow.t1Micros(labels)).containsExactly(3_000, 4_000, 5_000, 6_000, 7_000, 8_000);
    double[] expected = {0.03, 100 / 101.0 - 1, 100 / 103.0 - 1, -0.01, 0.005, 101 / 99.0 - 1};
    for (int i = 0; i < expected.length; i++) {
      assertThat(labels.get(i).ret()).isCloseTo(expected[i], within(1e-12));
    }
    // |0.005| is inside the 0.6% dead zone; |-0.0099| is not
    assertThat(labels).extracting(ForwardLabel::sign).containsExactly(1, -1, -1, -1, 0, 1);
    assertThat(ForwardReturnLabels.label(T, CLOSE, 8, 0)).isEmpty();
  }

  @Test
  void tripleBarrierOnHighAndLow() {
    List<BarrierLabel> labels = BARRIERS.label(T, CLOSE, HIGH, LOW, VOL);

    assertThat(labels).extracting(BarrierLabel::index).containsExactly(0, 2, 3, 4, 5);
    assertThat(labels).extracting(BarrierLabel::barrier).containsExactly(Barrier.PROFIT_TAKE, Barrier.STOP_LOSS,
        Barrier.STOP_LOSS, Barrier.VERTICAL, Barrier.PROFIT_TAKE);
    assertThat(labels).extracting(BarrierLabel::label).containsExactly(1, -1, -1, 0, 1);
    assertThat(labels).extracting(BarrierLabel::t1Micros).containsExactly(3_000L, 4_000L, 5_000L, 7_000L, 8_000L);
    assertThat(labels).extracting(BarrierLabel::side).containsOnly(1);
    double[] rets = labels.stream().mapToDouble(BarrierLabel::ret).toArray();
    assertThat(rets).containsExactly(new double[] {0.02, -0.02, -0.02, 0.005, 0.02}, within(1e-12));

    List<BarrierLabel> signed = BARRIERS.withVerticalLabel(VerticalLabel.SIGN).label(T, CLOSE, HIGH, LOW, VOL);
    assertThat(signed).extracting(BarrierLabel::label).containsExactly(1, -1, -1, 1, 1);
  }

  @Test
  void tripleBarrierOnClosesOnly() {
    List<BarrierLabel> labels = BARRIERS.label(T, CLOSE, null, null, VOL);

    // bar 3 (100): closes 100 and 99 stay inside the barriers; bar 4's 97.5 low is not seen
    assertThat(labels).extracting(BarrierLabel::barrier).containsExactly(Barrier.PROFIT_TAKE, Barrier.STOP_LOSS,
        Barrier.VERTICAL, Barrier.VERTICAL, Barrier.PROFIT_TAKE);
    assertThat(labels).extracting(BarrierLabel::t1Micros).containsExactly(3_000L, 4_000L, 6_000L, 7_000L, 8_000L);
    double[] rets = labels.stream().mapToDouble(BarrierLabel::ret).toArray();
    // realised at the crossing close, beyond the barrier
    assertThat(rets).containsExactly(new double[] {0.03, 100 / 103.0 - 1, -0.01, 0.005, 101 / 99.0 - 1},
        within(1e-12));
  }

  @Test
  void sqrtHorizonScalingAndDisabledBarrier() {
    double[] perBar = VOL.clone();
    for (int i = 0; i < perBar.length; i++) {
      perBar[i] /= Math.sqrt(2);
    }
    List<BarrierLabel> scaled =
        BARRIERS.withVolScaling(VolScaling.SQRT_HORIZON).label(T, CLOSE, HIGH, LOW, perBar);
    assertThat(scaled).extracting(BarrierLabel::barrier)
        .containsExactlyElementsOf(BARRIERS.label(T, CLOSE, HIGH, LOW, VOL).stream().map(BarrierLabel::barrier)
            .toList());

    // without a stop, bar 2 runs to the vertical barrier (close 100 at bar 4) and bar 3 takes profit at 102
    List<BarrierLabel> noStop = TripleBarrierLabels.of(2, 1, 0).label(T, CLOSE, HIGH, LOW, VOL);
    assertThat(noStop).extracting(BarrierLabel::barrier).containsExactly(Barrier.PROFIT_TAKE, Barrier.VERTICAL,
        Barrier.PROFIT_TAKE, Barrier.VERTICAL, Barrier.PROFIT_TAKE);
    assertThat(noStop.get(1).ret()).isCloseTo(100 / 103.0 - 1, within(1e-12));
  }

  /** Prices at or before bar i, or after bar i + h, must not change label i. */
  @Test
  void labelsUseOnlyThePricesInsideTheirWindow() {
    List<BarrierLabel> base = BARRIERS.label(T, CLOSE, HIGH, LOW, VOL);
    BarrierLabel label3 = base.get(2);
    double[] high = HIGH.clone();
    double[] low = LOW.clone();
    double[] close = CLOSE.clone();
    high[3] = 200;
    low[3] = 50; // bar 3's own range precedes its close
    for (int j = 6; j < 8; j++) {
      high[j] = 300;
      low[j] = 10;
      close[j] = 150;
    }
    BarrierLabel changed = BARRIERS.label(T, close, high, low, VOL).get(2);
    assertThat(changed).isEqualTo(label3);
  }

  @Test
  void metaLabelsOfThePrimarySide() {
    int[] side = {1, 1, -1, 1, -1, 1, 0, 0};
    List<MetaLabel> meta = MetaLabels.label(BARRIERS, T, CLOSE, HIGH, LOW, VOL, side);

    // bar 1: no vol; bar 2 short: low 99.5 is 3.4% below 103, profit; bar 4 short: ends 0.5% against
    assertThat(meta).extracting(MetaLabel::index).containsExactly(0, 2, 3, 4, 5);
    assertThat(meta).extracting(MetaLabel::side).containsExactly(1, -1, 1, -1, 1);
    assertThat(meta).extracting(MetaLabel::label).containsExactly(1, 1, 0, 0, 1);
    assertThat(meta).extracting(MetaLabel::t1Micros).containsExactly(3_000L, 4_000L, 5_000L, 7_000L, 8_000L);
    double[] rets = meta.stream().mapToDouble(MetaLabel::ret).toArray();
    assertThat(rets).containsExactly(new double[] {0.02, 0.02, -0.02, -0.005, 0.02}, within(1e-12));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ForwardReturnLabels.label(new long[] {2, 1}, new double[] {1, 1}, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("availableAtMicros");
    assertThatThrownBy(() -> ForwardReturnLabels.label(T, CLOSE, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizonBars");
    assertThatThrownBy(() -> BARRIERS.label(T, CLOSE, HIGH, null, VOL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'high' and 'low'");
    assertThatThrownBy(() -> BARRIERS.label(T, CLOSE, null, null, VOL, new int[] {2, 0, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("side");
    assertThatThrownBy(() -> TripleBarrierLabels.of(2, -1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ptMultiple");
    double[] negativeVol = VOL.clone();
    negativeVol[0] = -0.01;
    assertThatThrownBy(() -> BARRIERS.label(T, CLOSE, null, null, negativeVol))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vol");
  }
}
