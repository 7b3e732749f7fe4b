package io.quantflow.operators.ml;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.ModelUpdate;
import io.quantflow.domain.Prediction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.models.ml.Predictor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The model gate in Flink's operator harness: a new version on the broadcast side changes the predictions from the
 * next slice on, every row is scored exactly once, an older version is ignored, and the version survives a
 * snapshot and restore.
 */
class ModelGateFunctionTest {
  static final FeatureSchema SCHEMA = FeatureSchema.of(List.of("close_1m", "f_1m"));
  static final long MIN = 60_000_000L;
  static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30Z

  /** A model whose score is {@code a + b * f}: the artefact is the text "a,b". */
  record Linear(double a, double b) implements Predictor {
    @Override
    public double predict(double[] x) {
      return a + b * x[0];
    }
  }

  static final ModelGateFunction.ModelLoader LOADER = (u, schema) -> {
    String[] ab = new String(u.artefact(), StandardCharsets.UTF_8).split(",");
    return new ScoringModel(u.model(), u.version(), ScoringModel.Kind.CLASSIFIER,
        new Linear(Double.parseDouble(ab[0]), Double.parseDouble(ab[1])), List.of("f_1m"), schema);
  };

  static ModelUpdate version(int v, String ab) {
    return new ModelUpdate("m", v, ab.getBytes(StandardCharsets.UTF_8));
  }

  /** A slice of bars {@code from..from+n-1} (minutes after T0), with f = minute index / 100 and a LONG at the last. */
  static SymbolSlice slice(int from, int n) {
    List<io.quantflow.domain.Bar> bars = new ArrayList<>();
    List<io.quantflow.domain.WideRow> rows = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      long start = T0 + i * MIN;
      bars.add(io.quantflow.domain.Bar.of("AAPL", Timeframe.M1, start, 100, 101, 99, 100, 1000));
      rows.add(new io.quantflow.domain.WideRow("AAPL", Timeframe.M1, start, new double[] {100, i / 100.0}));
    }
    long decided = T0 + (from + n) * MIN; // the close of the last bar
    Signal s = new Signal("AAPL", decided, Direction.LONG, 0.6, 15 * MIN, "rule");
    return SymbolSlice.of("AAPL", BarBlock.of(bars), List.of(s), Long.MIN_VALUE).withWide(WideBlock.of(rows));
  }

  static KeyedBroadcastOperatorTestHarness<String, SymbolSlice, ModelUpdate, SymbolSlice> harness()
      throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new ModelGateFunction("m", version(1, "0.7,0"), SCHEMA, GateConfig.DEFAULT, DriftConfig.DEFAULT, LOADER), SymbolSlice::symbol,
        Types.STRING, ModelGateFunction.MODELS);
  }

  static List<Prediction> predictions(KeyedBroadcastOperatorTestHarness<String, SymbolSlice, ModelUpdate,
      SymbolSlice> h) {
    ConcurrentLinkedQueue<StreamRecord<Prediction>> q = h.getSideOutput(ModelGateFunction.PREDICTIONS);
    return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
  }

  static List<SymbolSlice> slices(KeyedBroadcastOperatorTestHarness<String, SymbolSlice, ModelUpdate,
      SymbolSlice> h) {
    return h.extractOutputValues();
  }

  @Test
  void newVersionScoresFromTheNextSliceOnWithoutLosingRows() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.processElement(slice(0, 3), 0);
      h.processBroadcastElement(version(2, "0.2,0"), 0); // a bearish model arrives mid-stream
      h.processElement(slice(3, 2), 0);
      h.processBroadcastElement(version(1, "0.9,0"), 0); // a replayed older version: ignored
      h.processElement(slice(5, 1), 0);

      List<Prediction> p = predictions(h);
      assertThat(p).extracting(Prediction::modelVersion).containsExactly(1, 1, 1, 2, 2, 2);
      assertThat(p).extracting(Prediction::score).containsExactly(0.7, 0.7, 0.7, 0.2, 0.2, 0.2);
      // every row scored once, at its close
      assertThat(p).extracting(Prediction::timestampMicros)
          .containsExactly(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN, T0 + 5 * MIN, T0 + 6 * MIN);

      List<SymbolSlice> out = slices(h);
      assertThat(out).hasSize(3);
      assertThat(out).allSatisfy(s -> assertThat(s.wide()).isNull());
      // v1 (0.7) confirms the LONG, v2 (0.2) vetoes it: the portfolio sees FLAT
      assertThat(out.get(0).signalDirection()).containsExactly((byte) 1);
      assertThat(out.get(1).signalDirection()).containsExactly((byte) 0);
      assertThat(out.get(2).signalDirection()).containsExactly((byte) 0);
      assertThat(out.get(0).signalStrength()[0]).isCloseTo((0.6 + 0.4) / 2, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(out.get(1).bars()).isEqualTo(2); // bars pass untouched

      ConcurrentLinkedQueue<StreamRecord<Signal>> d = h.getSideOutput(ModelGateFunction.DECISIONS);
      assertThat(d.stream().map(r -> r.getValue().reason()).toList()).containsExactly(
          "m v1 score 0.7000 confirms", "m v2 score 0.2000 vetoes LONG", "m v2 score 0.2000 vetoes LONG");
      snapshot = h.snapshot(1, 1);
    }
    // restored from the checkpoint, the job scores with the version it had (v2), not the one it was built with
    try (var h = new KeyedBroadcastOperatorTestHarness<>(
        new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
            new ModelGateFunction("m", version(1, "0.7,0"), SCHEMA, GateConfig.DEFAULT, DriftConfig.DEFAULT, LOADER),
            List.of(ModelGateFunction.MODELS)),
        SymbolSlice::symbol, Types.STRING, 1, 1, 0)) {
      h.setup();
      h.initializeState(snapshot);
      h.open();
      h.processElement(slice(6, 1), 0);
      assertThat(predictions(h)).extracting(Prediction::modelVersion).containsExactly(2);
    }
  }

  @Test
  void aVersionThatDoesNotFitIsRefusedAndTheCurrentOneStays() throws Exception {
    ModelGateFunction.ModelLoader picky = (u, schema) -> {
      if (u.version() == 2) {
        throw new IllegalArgumentException("reads feature 'missing_1m'");
      }
      return LOADER.load(u, schema);
    };
    try (var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new ModelGateFunction("m", version(1, "0.7,0"), SCHEMA, GateConfig.DEFAULT, DriftConfig.DEFAULT, picky), SymbolSlice::symbol,
        Types.STRING, ModelGateFunction.MODELS)) {
      h.processBroadcastElement(version(2, "0.2,0"), 0);
      h.processBroadcastElement(new ModelUpdate("other", 9, "0.1,0".getBytes(StandardCharsets.UTF_8)), 0);
      h.processElement(slice(0, 1), 0);
      assertThat(predictions(h)).extracting(Prediction::modelVersion).containsExactly(1);
    }
  }

  @Test
  void rowsStillWarmingUpPassTheRuleSignalUnchanged() {
    ScoringModel m = LOADER.load(version(1, "0.1,0"), SCHEMA);
    List<io.quantflow.domain.WideRow> rows = List.of(
        new io.quantflow.domain.WideRow("AAPL", Timeframe.M1, T0, new double[] {100, Double.NaN}));
    Signal s = new Signal("AAPL", T0 + MIN, Direction.LONG, 0.6, MIN, "rule");
    SymbolSlice in = SymbolSlice.of("AAPL", null, List.of(s), Long.MIN_VALUE).withWide(WideBlock.of(rows));
    ModelGate.Output o = new ModelGate(GateConfig.DEFAULT).apply(in, m);
    assertThat(o.predictions()).isEmpty();
    assertThat(o.slice().signalDirection()).containsExactly((byte) 1);
    assertThat(o.decisions().get(0).reason()).isEqualTo("m v1 has no score (features warming up): rule signal "
        + "passes");
  }

  @Test
  void thresholdsAndRegressorsAndFlatSignals() {
    ModelGate gate = new ModelGate(new GateConfig(0.6, 0.4, 0.001, null));
    Signal longSig = new Signal("AAPL", T0, Direction.LONG, 0.5, MIN, "");
    Signal shortSig = new Signal("AAPL", T0, Direction.SHORT, 0.5, MIN, "");
    Signal flat = new Signal("AAPL", T0, Direction.FLAT, 0, MIN, "");
    ScoringModel clf = LOADER.load(version(1, "0,0"), SCHEMA);
    assertThat(gate.validate(longSig, 0.59, clf).direction()).isEqualTo(Direction.FLAT);
    assertThat(gate.validate(longSig, 0.60, clf).direction()).isEqualTo(Direction.LONG);
    assertThat(gate.validate(shortSig, 0.41, clf).direction()).isEqualTo(Direction.FLAT);
    assertThat(gate.validate(shortSig, 0.40, clf).direction()).isEqualTo(Direction.SHORT);
    assertThat(gate.validate(shortSig, 0.40, clf).strength()).isCloseTo((0.5 + 0.2) / 2,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(gate.validate(flat, 0.99, clf).direction()).isEqualTo(Direction.FLAT);
    ScoringModel reg = new ScoringModel("r", 1, ScoringModel.Kind.REGRESSOR, new Linear(0, 0), List.of("f_1m"),
        SCHEMA);
    assertThat(gate.validate(longSig, 0.0009, reg).direction()).isEqualTo(Direction.FLAT);
    assertThat(gate.validate(longSig, 0.0010, reg).direction()).isEqualTo(Direction.LONG);
    assertThat(gate.validate(shortSig, -0.002, reg).direction()).isEqualTo(Direction.SHORT);
    assertThat(gate.validate(longSig, 0.0010, reg).strength()).isEqualTo(0.5);
  }
}
