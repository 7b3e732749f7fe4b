package io.quantflow.operators.ml;

import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.ModelUpdate;
import io.quantflow.domain.Prediction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelGate} in Flink: keyed by symbol, the slices of the pipeline in, the registry's model versions on the
 * broadcast side. A new version replaces the current one for every key from the next slice on, without a restart;
 * the versions live in broadcast state, so a job restored from a checkpoint scores with the version it had. Every
 * prediction names the version that made it ({@link #PREDICTIONS}); the validated signals go to {@link #DECISIONS};
 * the main output is the slices for the portfolio.
 *
 * <p>A version lower than or equal to the current one is ignored (the registry source may replay old versions after
 * a restart), and so is an update for another model name. An update that cannot be read or does not fit the
 * pipeline's features is refused with a log line and the current model stays: a bad publish must not stop trading.
 */
public final class ModelGateFunction extends KeyedBroadcastProcessFunction<String, SymbolSlice, ModelUpdate,
    SymbolSlice> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ModelGateFunction.class);

  /** The broadcast state: model name to its newest version's artefact. */
  public static final MapStateDescriptor<String, ModelUpdate> MODELS =
      new MapStateDescriptor<>("models", Types.STRING, TypeInformation.of(ModelUpdate.class));
  /** One prediction per scored aligned row. */
  public static final OutputTag<Prediction> PREDICTIONS =
      new OutputTag<>("predictions", TypeInformation.of(Prediction.class));
  /** The signals as validated, with the model's verdict in the reason. */
  public static final OutputTag<Signal> DECISIONS = new OutputTag<>("decisions", TypeInformation.of(Signal.class));
  /** Drift and decay alerts, per symbol ({@link DriftTracker}); each is also logged at WARN. */
  public static final OutputTag<DriftTracker.Event> DRIFT =
      new OutputTag<>("drift", TypeInformation.of(DriftTracker.Event.class));
  /** Per symbol, the drift checks' windows of the version in force. */
  static final ValueStateDescriptor<DriftTracker.State> DRIFT_STATE =
      new ValueStateDescriptor<>("drift", TypeInformation.of(DriftTracker.State.class));

  private final String model;
  private final ModelUpdate initial;
  private final FeatureSchema schema;
  private final GateConfig config;
  private final DriftConfig drift;
  private final ModelLoader loader;
  private transient ModelGate gate;
  private transient ScoringModel current;
  private transient Drift tracking;

  /** Turns an artefact into a model bound to a schema; throws IllegalArgumentException when it does not fit. */
  @FunctionalInterface
  public interface ModelLoader extends java.io.Serializable {
    /** The model in {@code update}, bound to {@code schema}. */
    ScoringModel load(ModelUpdate update, FeatureSchema schema);
  }

  /**
   * A gate for model {@code model}, scoring rows of {@code schema}.
   *
   * @param initial the version to start with (the registry's latest when the job was built), or null to pass
   *     slices unchanged until a version arrives
   * @param drift how to check the model's drift, per symbol
   */
  public ModelGateFunction(String model, ModelUpdate initial, FeatureSchema schema, GateConfig config,
      DriftConfig drift, ModelLoader loader) {
    this.model = model;
    this.initial = initial;
    this.schema = schema;
    this.config = config;
    this.drift = java.util.Objects.requireNonNull(drift, "drift");
    this.loader = loader;
    if (initial != null) {
      loader.load(initial, schema); // fail at job construction, not in a task
    }
  }

  @Override
  public void processElement(SymbolSlice slice, ReadOnlyContext ctx, Collector<SymbolSlice> out) throws Exception {
    ScoringModel m = current(ctx.getBroadcastState(MODELS));
    if (gate == null) {
      gate = new ModelGate(config);
      tracking = new Drift(drift, getRuntimeContext().getState(DRIFT_STATE));
    }
    ModelGate.Output o = gate.apply(slice, m);
    emit(o, out, ctx::output);
    tracking.track(m, slice, o, ctx::output);
  }

  /** The drift checks of the model in force, with their per-symbol state; shared by both gates. */
  private static final class Drift {
    private final DriftConfig config;
    private final org.apache.flink.api.common.state.ValueState<DriftTracker.State> state;
    private final java.util.Map<String, DriftTracker> trackers = new java.util.HashMap<>();
    private int trackedVersion;

    Drift(DriftConfig config, org.apache.flink.api.common.state.ValueState<DriftTracker.State> state) {
      this.config = config;
      this.state = state;
    }

    void track(ScoringModel m, SymbolSlice slice, ModelGate.Output o, Sides sides) throws java.io.IOException {
      if (!config.enabled() || m == null || m.drift() == null) {
        return;
      }
      if (trackedVersion != m.version()) {
        trackers.clear();
        trackedVersion = m.version();
      }
      DriftTracker tracker = trackers.computeIfAbsent(slice.symbol(), s -> new DriftTracker(m, config, s));
      DriftTracker.State s = state.value();
      if (s == null || s.version != m.version()) {
        s = tracker.newState(); // a new version is checked against its own training window
      }
      for (DriftTracker.Event e : tracker.apply(s, slice, o.predictions(), o.rows())) {
        LOG.warn("{}: {}", e.symbol(), e.alert().message());
        sides.output(DRIFT, e);
      }
      state.update(s);
    }
  }

  /** Where the side outputs go: a process function's context. */
  private interface Sides {
    <X> void output(OutputTag<X> tag, X value);
  }

  private static void emit(ModelGate.Output o, Collector<SymbolSlice> out, Sides sides) {
    for (Prediction p : o.predictions()) {
      sides.output(PREDICTIONS, p);
    }
    for (Signal s : o.decisions()) {
      sides.output(DECISIONS, s);
    }
    out.collect(o.slice());
  }

  /**
   * The same gate with one version and no broadcast side: what a backtest runs (it never follows the registry, so
   * that it is reproducible). A BATCH job cannot run {@link ModelGateFunction} itself: with the pipeline's unsorted
   * inputs ({@code QuantPipeline.batchSettings}) Flink does not hold the keyed input back until the broadcast side
   * has ended, and its batch broadcast operator fails the job when a slice comes first.
   */
  public static final class Fixed extends KeyedProcessFunction<String, SymbolSlice, SymbolSlice> {
    private static final long serialVersionUID = 1L;

    private final ModelUpdate version;
    private final FeatureSchema schema;
    private final GateConfig config;
    private final DriftConfig drift;
    private final ModelLoader loader;
    private transient ModelGate gate;
    private transient ScoringModel model;
    private transient Drift tracking;

    /** A gate scoring rows of {@code schema} with {@code version}, checking its drift per {@code drift}. */
    public Fixed(ModelUpdate version, FeatureSchema schema, GateConfig config, DriftConfig drift,
        ModelLoader loader) {
      this.version = java.util.Objects.requireNonNull(version, "version");
      this.schema = schema;
      this.config = config;
      this.drift = java.util.Objects.requireNonNull(drift, "drift");
      this.loader = loader;
      loader.load(version, schema); // fail at job construction, not in a task
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
      gate = new ModelGate(config);
      model = loader.load(version, schema);
      tracking = new Drift(drift, getRuntimeContext().getState(DRIFT_STATE));
    }

    @Override
    public void processElement(SymbolSlice slice, Context ctx, Collector<SymbolSlice> out) throws Exception {
      ModelGate.Output o = gate.apply(slice, model);
      emit(o, out, ctx::output);
      tracking.track(model, slice, o, ctx::output);
    }
  }

  @Override
  public void processBroadcastElement(ModelUpdate update, Context ctx, Collector<SymbolSlice> out)
      throws Exception {
    if (!update.model().equals(model)) {
      return;
    }
    BroadcastState<String, ModelUpdate> state = ctx.getBroadcastState(MODELS);
    ModelUpdate have = effective(state);
    int haveVersion = have != null ? have.version() : 0;
    if (update.version() <= haveVersion) {
      return;
    }
    ScoringModel loaded;
    try {
      loaded = loader.load(update, schema);
    } catch (RuntimeException e) {
      LOG.error("Refused model {} v{}: {}; still scoring with v{}", model, update.version(), e.getMessage(),
          haveVersion);
      return;
    }
    state.put(model, update);
    current = loaded;
    LOG.info("Model {} v{} replaces v{}", model, update.version(), haveVersion);
  }

  /** The version in force: the newest broadcast one, else the one the job started with (null: none). */
  private ModelUpdate effective(ReadOnlyBroadcastState<String, ModelUpdate> state) throws Exception {
    ModelUpdate u = state.get(model);
    return u != null ? u : initial;
  }

  private ScoringModel current(ReadOnlyBroadcastState<String, ModelUpdate> state) throws Exception {
    ModelUpdate u = effective(state);
    if (u == null) {
      return null;
    }
    if (current == null || current.version() != u.version()) {
      current = loader.load(u, schema); // after a restore: the checkpointed version
    }
    return current;
  }
}
