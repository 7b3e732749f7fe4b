package io.quantflow.operators.ml;

import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.ModelUpdate;
import io.quantflow.domain.Prediction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
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

  private final String model;
  private final ModelUpdate initial;
  private final FeatureSchema schema;
  private final GateConfig config;
  private final ModelLoader loader;
  private transient ModelGate gate;
  private transient ScoringModel current;

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
   */
  public ModelGateFunction(String model, ModelUpdate initial, FeatureSchema schema, GateConfig config,
      ModelLoader loader) {
    this.model = model;
    this.initial = initial;
    this.schema = schema;
    this.config = config;
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
    }
    emit(gate.apply(slice, m), out, ctx::output);
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
    private final ModelLoader loader;
    private transient ModelGate gate;
    private transient ScoringModel model;

    /** A gate scoring rows of {@code schema} with {@code version}. */
    public Fixed(ModelUpdate version, FeatureSchema schema, GateConfig config, ModelLoader loader) {
      this.version = java.util.Objects.requireNonNull(version, "version");
      this.schema = schema;
      this.config = config;
      this.loader = loader;
      loader.load(version, schema); // fail at job construction, not in a task
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
      gate = new ModelGate(config);
      model = loader.load(version, schema);
    }

    @Override
    public void processElement(SymbolSlice slice, Context ctx, Collector<SymbolSlice> out) {
      emit(gate.apply(slice, model), out, ctx::output);
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
