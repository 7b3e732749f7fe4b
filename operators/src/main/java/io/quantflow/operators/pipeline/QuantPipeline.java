package io.quantflow.operators.pipeline;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.Fill;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.portfolio.PortfolioFunction;
import io.quantflow.operators.portfolio.SimulationConfig;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The pipeline, defined once for backtest and live: bars (from a bar feed or built from ticks), bars of every
 * timeframe, features per timeframe, aligned multi-timeframe rows, signals, and (for a backtest) fills and equity.
 Every arrow is a plain-Java kernel; the per-symbol arrows run in one keyed function per input kind
 * ({@link BarPipelineFunction}, {@link TickPipelineFunction}), the same in {@code RuntimeExecutionMode.BATCH} and
 * {@code STREAMING}. Records are blocks of bars or rows ({@link BarBlock}, {@link FeatureBlock}, {@link WideBlock}),
 * a file's worth in BATCH mode and one bar in live STREAMING, and the results never depend on the block sizes.
 *
 * <pre>
 * bars:  keyBy(symbol) -> [validate -> resample ─┐
 * ticks: keyBy(symbol) -> [tick bars ────────────┴-> indicators per timeframe -> align -> signals]
 *        -> portfolio (one key): fills, equity
 * </pre>
 *
 * <p>The execution mode is read from the environment of the input stream: in STREAMING mode each operator keeps a
 * revision horizon so late ticks and corrections revise bars, features, aligned rows and signals; in BATCH mode bars
 * are final when emitted and nothing is kept.
 *
 * <pre>{@code
 * DataStream<BarBlock> bars = env.fromSource(source, EventTime.blocks(Duration.ZERO, Duration.ofSeconds(5)), "bars");
 * QuantPipeline.Features stage = QuantPipeline.fromBars(bars, PipelineConfig.DEFAULT);
 * }</pre>
 */
public final class QuantPipeline {
  private QuantPipeline() {}

  /**
   * The feature stage.
   *
   * @param bars bars of every feature timeframe (the validated input and what was resampled or built from ticks)
   * @param features one row per symbol, timeframe and bar (plus revisions in STREAMING mode)
   * @param wide one row per symbol and base bar with every timeframe's features as known at its close
   * @param signals signals at base-bar closes, emitted when the direction changes
   * @param rejected refused inputs of every stage, with reasons
   * @param slices what the portfolio consumes: base bars and first signals per symbol, with BATCH progress
   */
  public record Features(DataStream<BarBlock> bars, DataStream<FeatureBlock> features, DataStream<WideBlock> wide,
      DataStream<Signal> signals, DataStream<RejectedEvent> rejected, DataStream<SymbolSlice> slices) {}

  /**
   * The whole backtest.
   *
   * @param stage the feature stage
   * @param equity one valuation per instant with bars
   * @param fills simulated fills
   * @param orders every order, when done (or open at the end)
   * @param positions positions at the end of each New York day
   * @param routed instructions for the broker: orders as they reach the market, cancels of replaced ones
   * @param book the book at every valuation, for {@link #risk}
   */
  public record Backtest(Features stage, DataStream<EquityPoint> equity, DataStream<Fill> fills,
      DataStream<io.quantflow.domain.OrderReport> orders, DataStream<io.quantflow.domain.PositionSnapshot> positions,
      DataStream<io.quantflow.domain.RoutedOrder> routed,
      DataStream<io.quantflow.operators.portfolio.BookSnapshot> book) {}

  /**
   * What {@link #risk} adds to a backtest.
   *
   * @param reports the book's risk at every valuation
   * @param alerts limit and VaR breaches
   */
  public record Risk(DataStream<io.quantflow.operators.risk.RiskReport> reports,
      DataStream<io.quantflow.operators.risk.RiskAlert> alerts) {}

  /**
   * The real-time risk of {@code backtest}'s book ({@link io.quantflow.operators.risk.RiskMonitorFunction}): one
   * report per valuation, the same in BATCH and STREAMING, under {@code simulation}'s limits.
   */
  public static Risk risk(Backtest backtest, io.quantflow.operators.risk.RiskConfig config,
      SimulationConfig simulation) {
    SingleOutputStreamOperator<io.quantflow.operators.risk.RiskReport> reports = backtest.book()
        .keyBy(b -> "portfolio", Types.STRING)
        .process(new io.quantflow.operators.risk.RiskMonitorFunction(config, simulation.limits(),
            simulation.sectors()), TypeInformation.of(io.quantflow.operators.risk.RiskReport.class))
        .name("risk").uid("risk").setParallelism(1).setMaxParallelism(1);
    return new Risk(reports, reports.getSideOutput(io.quantflow.operators.risk.RiskMonitorFunction.ALERTS));
  }

  /**
   * The max parallelism (key groups) jobs of this pipeline set, so the store sources can hand each symbol to the
   * reader that feeds its keyed subtask ({@code SymbolSource.withEndMarkers}).
   */
  public static final int MAX_PARALLELISM = 128;

  private static boolean batch(DataStream<?> input) {
    return input.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
        == RuntimeExecutionMode.BATCH;
  }

  /** Bars of the base timeframe, one bar per record, to features and signals. */
  public static Features features(DataStream<Bar> bars, PipelineConfig config) {
    return fromBars(bars.map(BarBlock::of, TypeInformation.of(BarBlock.class)).name("bar-to-block"), config);
  }

  /**
   * Blocks of base-timeframe bars to features and signals. In BATCH mode a symbol's blocks must arrive in time order
   * (a {@code SymbolSource} guarantees it; see {@link #batchSettings}); in STREAMING mode in any order within the
   * watermark's bound.
   */
  public static Features fromBars(DataStream<BarBlock> input, PipelineConfig config) {
    return fromBars(input.keyBy(BarBlock::symbol, Types.STRING), config);
  }

  /**
   * As {@link #fromBars(DataStream, PipelineConfig)} for input that is already partitioned the way
   * {@code keyBy(symbol)} would (a {@code SymbolSource} with end markers hands each symbol to the reader of its
   * keyed subtask, at the same parallelism): the source and the pipeline then run in one task, and the bars cross no
   * network. A symbol in the wrong subtask fails the job (the keyed state refuses a foreign key group).
   */
  public static Features fromPartitionedBars(DataStream<BarBlock> input, PipelineConfig config) {
    var keyed = org.apache.flink.streaming.api.datastream.DataStreamUtils.reinterpretAsKeyedStream(input,
        BarBlock::symbol, Types.STRING);
    // each symbol's blocks arrive in time order, so BATCH needs no sort and may chain the function to the source
    SingleOutputStreamOperator<Signal> stages = keyed.transform("bars-features-signals",
        TypeInformation.of(Signal.class), new InOrderKeyedProcessOperator<>(new BarPipelineFunction(config,
            batch(input)))).uid("bar-pipeline");
    return outputs(stages);
  }

  private static Features fromBars(org.apache.flink.streaming.api.datastream.KeyedStream<BarBlock, String> input,
      PipelineConfig config) {
    boolean batch = batch(input);
    SingleOutputStreamOperator<Signal> stages = input
        .process(new BarPipelineFunction(config, batch), TypeInformation.of(Signal.class))
        .name("bars-features-signals").uid("bar-pipeline");
    return outputs(stages);
  }

  /**
   * Ticks (trades, quotes, cancels, corrections) to bars of every feature timeframe, features and signals. In BATCH
   * mode a symbol's ticks must arrive in event-time order ({@code TickStore.eventSource()} guarantees it).
   */
  public static Features fromTicks(DataStream<MarketEvent> ticks, PipelineConfig config) {
    boolean batch = batch(ticks);
    for (Timeframe tf : config.timeframes()) {
      if (tf == Timeframe.D1) {
        throw new IllegalArgumentException("Bars from ticks are intraday; remove 1d from 'features.timeframes'");
      }
    }
    SingleOutputStreamOperator<Signal> stages = ticks
        .keyBy(MarketEvent::symbol, Types.STRING)
        .process(new TickPipelineFunction(config, batch), TypeInformation.of(Signal.class))
        .name("ticks-features-signals").uid("tick-pipeline");
    return outputs(stages);
  }

  private static Features outputs(SingleOutputStreamOperator<Signal> stages) {
    return new Features(stages.getSideOutput(SymbolStagesFunction.BARS),
        stages.getSideOutput(SymbolStagesFunction.FEATURES), stages.getSideOutput(SymbolStagesFunction.WIDE), stages,
        stages.getSideOutput(Rejections.TAG), stages.getSideOutput(SymbolStagesFunction.SLICES));
  }

  /**
   * The Flink settings of a BATCH run of this pipeline: keyed inputs are not sorted (the pipeline's sources deliver
   * each symbol in time order, and sorting gigabytes of blocks would cost more than the computation), state lives
   * in the ordinary heap backend, and exchanges are pipelined rather than written to disk between stages.
   */
  public static void batchSettings(org.apache.flink.configuration.Configuration flink) {
    flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    // operators never modify their inputs: chained operators may share records instead of deep-copying blocks
    flink.set(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE, true);
    flink.set(ExecutionOptions.SORT_INPUTS, false);
    flink.set(ExecutionOptions.USE_BATCH_STATE_BACKEND, false);
    flink.set(ExecutionOptions.BATCH_SHUFFLE_MODE, org.apache.flink.api.common.BatchShuffleMode.ALL_EXCHANGES_PIPELINED);
    // the adaptive batch scheduler schedules stage by stage; pipelined exchanges need every stage running at once
    flink.set(org.apache.flink.configuration.JobManagerOptions.SCHEDULER,
        org.apache.flink.configuration.JobManagerOptions.SchedulerType.Default);
  }

  /**
   * What {@link #gated} adds to a feature stage.
   *
   * @param stage the same stage, with its slices validated by the model
   * @param predictions one per scored aligned row, each naming the model version that made it
   * @param decisions the rule signals as the model validated them, with its verdict in the reason
   * @param drift drift and decay alerts per symbol (empty when the model has no drift reference)
   */
  public record Gated(Features stage, DataStream<io.quantflow.domain.Prediction> predictions,
      DataStream<Signal> decisions, DataStream<io.quantflow.operators.ml.DriftTracker.Event> drift) {}

  /**
   * Puts a model between the rule signals and the portfolio: {@code gate} scores every aligned row and validates
   * every signal, and a new version on {@code updates} replaces the current one without a restart. The stage's
   * pipeline must carry aligned rows in its slices ({@link PipelineConfig#withSliceRows}). Keyed by symbol at the
   * stage's parallelism.
   */
  public static Gated gated(Features stage, io.quantflow.operators.ml.ModelGateFunction gate,
      DataStream<io.quantflow.domain.ModelUpdate> updates) {
    var broadcast = updates.broadcast(io.quantflow.operators.ml.ModelGateFunction.MODELS);
    SingleOutputStreamOperator<SymbolSlice> slices = stage.slices()
        .keyBy(SymbolSlice::symbol, Types.STRING)
        .connect(broadcast)
        .process(gate, TypeInformation.of(SymbolSlice.class))
        .name("model-gate").uid("model-gate");
    return gated(stage, slices);
  }

  /**
   * As {@link #gated(Features, io.quantflow.operators.ml.ModelGateFunction, DataStream)} with one model version and
   * no updates: what a backtest runs, in either mode.
   */
  public static Gated gated(Features stage, io.quantflow.operators.ml.ModelGateFunction.Fixed gate) {
    SingleOutputStreamOperator<SymbolSlice> slices = stage.slices()
        .keyBy(SymbolSlice::symbol, Types.STRING)
        .process(gate, TypeInformation.of(SymbolSlice.class))
        .name("model-gate").uid("model-gate");
    return gated(stage, slices);
  }

  private static Gated gated(Features stage, SingleOutputStreamOperator<SymbolSlice> slices) {
    Features gatedStage = new Features(stage.bars(), stage.features(), stage.wide(), stage.signals(),
        stage.rejected(), slices);
    return new Gated(gatedStage, slices.getSideOutput(io.quantflow.operators.ml.ModelGateFunction.PREDICTIONS),
        slices.getSideOutput(io.quantflow.operators.ml.ModelGateFunction.DECISIONS),
        slices.getSideOutput(io.quantflow.operators.ml.ModelGateFunction.DRIFT));
  }

  /** Bars of the base timeframe, one bar per record, to features, signals, fills and equity. */
  public static Backtest backtest(DataStream<Bar> bars, PipelineConfig config, SimulationConfig simulation) {
    return backtest(features(bars, config), config, simulation);
  }

  /**
   * A feature stage to fills and equity: the portfolio trades the base-timeframe bars on the signals. It acts on
   * what was known when: first versions only (a revision cannot undo a fill).
   */
  public static Backtest backtest(Features stage, PipelineConfig config, SimulationConfig simulation) {
    Timeframe base = config.baseTimeframe();
    SingleOutputStreamOperator<EquityPoint> equity = stage.slices()
        .keyBy(s -> "portfolio", Types.STRING)
        .process(new PortfolioFunction(simulation, base, batch(stage.slices())), TypeInformation.of(EquityPoint.class))
        .name("portfolio").uid("portfolio").setParallelism(1).setMaxParallelism(1);
    // targets the risk limits cut or refused join the stage's other refusals
    Features withRefusals = new Features(stage.bars(), stage.features(), stage.wide(), stage.signals(),
        stage.rejected().union(equity.getSideOutput(Rejections.TAG)), stage.slices());
    return new Backtest(withRefusals, equity, equity.getSideOutput(PortfolioFunction.FILLS),
        equity.getSideOutput(PortfolioFunction.ORDERS), equity.getSideOutput(PortfolioFunction.POSITIONS),
        equity.getSideOutput(PortfolioFunction.ROUTED), equity.getSideOutput(PortfolioFunction.BOOK));
  }
}
