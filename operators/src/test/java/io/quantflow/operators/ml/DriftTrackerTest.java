package io.quantflow.operators.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.domain.WideRow;
import io.quantflow.models.ml.drift.DriftAlert;
import io.quantflow.models.ml.drift.DriftReference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The drift step on one symbol's slices: predictions resolve against the close {@code horizonBars} bars later, a
 * shifted feature raises its alerts once, and a model whose scores point the wrong way raises IC and hit-rate
 * decay.
 */
class DriftTrackerTest {
  static final FeatureSchema SCHEMA = FeatureSchema.of(List.of("close_1m", "f_1m"));
  static final long MIN = 60_000_000L;
  static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30Z

  /** Score = f: the predictor reads f_1m only. */
  static ScoringModel model(DriftReference ref) {
    return new ScoringModel("m", 1, ScoringModel.Kind.CLASSIFIER, x -> x[0], List.of("f_1m"), SCHEMA, ref);
  }

  /** Reference: f uniform on [0, 1) (2,000 seeded draws), scores the same, the given horizon. */
  static DriftReference uniformReference(int horizonBars) {
    SplittableRandom r = new SplittableRandom(7);
    double[][] x = new double[2000][1];
    double[] s = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = r.nextDouble();
      s[i] = x[i][0];
    }
    return DriftReference.of(List.of("f_1m"), x, s, 0.5, horizonBars);
  }

  /** Bars {@code from..from+closes.length-1} (minutes after T0) with these closes and feature values. */
  static SymbolSlice slice(int from, double[] closes, double[] f) {
    List<Bar> bars = new ArrayList<>();
    List<WideRow> rows = new ArrayList<>();
    for (int k = 0; k < closes.length; k++) {
      long start = T0 + (from + k) * MIN;
      double c = closes[k];
      bars.add(Bar.of("AAPL", Timeframe.M1, start, c, c, c, c, 1000));
      rows.add(new WideRow("AAPL", Timeframe.M1, start, new double[] {c, f[k]}));
    }
    return SymbolSlice.of("AAPL", BarBlock.of(bars), List.of(), Long.MIN_VALUE).withWide(WideBlock.of(rows));
  }

  static List<DriftTracker.Event> feed(DriftTracker t, DriftTracker.State s, ScoringModel m, SymbolSlice slice) {
    ModelGate.Output o = new ModelGate(GateConfig.DEFAULT).apply(slice, m);
    return t.apply(s, slice, o.predictions(), o.rows());
  }

  @Test
  void predictionsResolveAgainstTheCloseHorizonBarsLater() {
    ScoringModel m = model(uniformReference(3));
    DriftTracker t = new DriftTracker(m, DriftConfig.DEFAULT);
    DriftTracker.State s = t.newState();
    double[] c = new double[20];
    double[] f = new double[20];
    for (int i = 0; i < 20; i++) {
      c[i] = 100 + i * (i % 3 == 0 ? 1.5 : 0.5);
      f[i] = i / 100.0;
    }
    // two slices: predictions pending at the end of the first resolve in the second
    feed(t, s, m, slice(0, java.util.Arrays.copyOfRange(c, 0, 9), java.util.Arrays.copyOfRange(f, 0, 9)));
    feed(t, s, m, slice(9, java.util.Arrays.copyOfRange(c, 9, 20), java.util.Arrays.copyOfRange(f, 9, 20)));
    // row i is known at the close of bar i; it resolves at the close of bar i + 3: rows 0..16 of 20
    double[] realised = s.monitor.performance.realised.toArray();
    double[] predicted = s.monitor.performance.predictions.toArray();
    assertThat(realised).hasSize(17);
    for (int i = 0; i < 17; i++) {
      assertThat(realised[i]).as("row %d", i).isEqualTo(c[i + 3] / c[i] - 1);
      assertThat(predicted[i]).isEqualTo(i / 100.0);
    }
    assertThat(s.pending).isEqualTo(3);
    assertThat(s.monitor.observations).isEqualTo(20);
  }

  @Test
  void aShiftedFeatureRaisesItsAlertsOnceAndTheSameDistributionNone() {
    ScoringModel m = model(uniformReference(0));
    DriftConfig cfg = new DriftConfig(null, 200, null, 20, null, null, null, null);
    DriftTracker t = new DriftTracker(m, cfg);
    DriftTracker.State s = t.newState();
    SplittableRandom r = new SplittableRandom(11);
    List<DriftTracker.Event> events = new ArrayList<>();
    for (int step = 0; step < 10; step++) { // 1,000 rows like training
      double[] c = new double[100];
      double[] f = new double[100];
      for (int k = 0; k < 100; k++) {
        c[k] = 100;
        f[k] = r.nextDouble();
      }
      events.addAll(feed(t, s, m, slice(step * 100, c, f)));
    }
    assertThat(events).isEmpty();
    for (int step = 10; step < 20; step++) { // then 1,000 rows from [0.5, 1.5): shifted
      double[] c = new double[100];
      double[] f = new double[100];
      for (int k = 0; k < 100; k++) {
        c[k] = 100;
        f[k] = 0.5 + r.nextDouble();
      }
      events.addAll(feed(t, s, m, slice(step * 100, c, f)));
    }
    assertThat(events).extracting(e -> e.alert().kind()).containsExactlyInAnyOrder(DriftAlert.Kind.FEATURE_PSI,
        DriftAlert.Kind.FEATURE_KS, DriftAlert.Kind.PREDICTION_PSI);
    assertThat(events).allSatisfy(e -> assertThat(e.symbol()).isEqualTo("AAPL"));
    DriftTracker.Event psi = events.stream().filter(e -> e.alert().kind() == DriftAlert.Kind.FEATURE_PSI)
        .findFirst().orElseThrow();
    assertThat(psi.alert().subject()).isEqualTo("f_1m");
    assertThat(psi.alert().model()).isEqualTo("m v1");
    assertThat(psi.alert().value()).isGreaterThan(0.25);
    assertThat(psi.alert().message()).contains("retrain");
  }

  @Test
  void scoresPointingTheWrongWayRaiseIcAndHitRateDecay() {
    ScoringModel m = model(uniformReference(1));
    DriftConfig cfg = new DriftConfig(null, null, 100, 10, null, null, null, null);
    DriftTracker t = new DriftTracker(m, cfg);
    DriftTracker.State s = t.newState();
    SplittableRandom r = new SplittableRandom(3);
    int n = 200;
    double[] c = new double[n];
    double[] f = new double[n];
    c[0] = 100;
    for (int i = 0; i < n; i++) {
      f[i] = r.nextDouble();
      if (i + 1 < n) { // the next bar moves against the score: a high probability of "up" is followed by a fall
        c[i + 1] = c[i] * (1 + 0.01 * (0.5 - f[i]));
      }
    }
    List<DriftTracker.Event> events = feed(t, s, m, slice(0, c, f));
    assertThat(events).extracting(e -> e.alert().kind()).containsExactly(DriftAlert.Kind.IC_DECAY,
        DriftAlert.Kind.HIT_RATE_DECAY);
    assertThat(events.get(0).alert().value()).isEqualTo(-1.0); // rank IC of a decreasing map
    assertThat(events.get(1).alert().value()).isZero();
  }

  @Test
  void aModelWithoutReferenceCannotBeTracked() {
    ScoringModel m = model(null);
    assertThatThrownBy(() -> new DriftTracker(m, DriftConfig.DEFAULT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no drift reference; retrain it");
  }
}
