package io.quantflow.operators.pipeline;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.Fill;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.align.AlignFunction;
import io.quantflow.operators.align.Alignment;
import io.quantflow.operators.bars.BarValidationFunction;
import io.quantflow.operators.bars.ResampleFunction;
import io.quantflow.operators.bars.TickBarFunction;
import io.quantflow.operators.features.IndicatorFunction;
import io.quantflow.operators.portfolio.PortfolioFunction;
import io.quantflow.operators.portfolio.SimulationConfig;
import io.quantflow.operators.signals.SignalFunction;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The pipeline, defined once for backtest and live: bars (from a bar feed or built from ticks), bars of every
 * timeframe, features per timeframe, aligned multi-timeframe rows, signals, and (for a backtest) fills and equity.
 * Every arrow is one keyed operator around a plain-Java kernel, the same in {@code RuntimeExecutionMode.BATCH} and
 * {@code STREAMING}; records are blocks of bars or rows ({@link BarBlock}, {@link FeatureBlock}, {@link WideBlock}),
 * a file's worth in BATCH mode and one bar in live STREAMING, and the results never depend on the block sizes.
 *
 * <pre>
 * bars:  validate (symbol|tf) -> resample (symbol) ─┐
 * ticks: tick-bars (symbol) ────────────────────────┴-> indicators (symbol|tf) -> align (symbol) -> signals (symbol)
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
   */
  public record Features(DataStream<BarBlock> bars, DataStream<FeatureBlock> features, DataStream<WideBlock> wide,
      DataStream<Signal> signals, DataStream<RejectedEvent> rejected) {}

  /**
   * The whole backtest.
   *
   * @param stage the feature stage
   * @param equity one valuation per instant with bars
   * @param fills simulated fills
   */
  public record Backtest(Features stage, DataStream<EquityPoint> equity, DataStream<Fill> fills) {}

  private static boolean batch(DataStream<?> input) {
    return input.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
        == RuntimeExecutionMode.BATCH;
  }

  /** Bars of the base timeframe, one bar per record, to features and signals. */
  public static Features features(DataStream<Bar> bars, PipelineConfig config) {
    return fromBars(bars.map(BarBlock::of, TypeInformation.of(BarBlock.class)).name("bar-to-block"), config);
  }

  /** Blocks of base-timeframe bars to features and signals. */
  public static Features fromBars(DataStream<BarBlock> input, PipelineConfig config) {
    boolean batch = batch(input);
    long horizon = batch ? 0 : config.revisionHorizonMicros();
    SingleOutputStreamOperator<BarBlock> valid = input
        .keyBy(BarValidationFunction::key, Types.STRING)
        .process(new BarValidationFunction(batch, horizon), TypeInformation.of(BarBlock.class))
        .name("validate-bars").uid("validate-bars");
    SingleOutputStreamOperator<BarBlock> all = valid
        .transform("stamp-valid", TypeInformation.of(BarBlock.class), ContentTime.bars())
        .keyBy(BarBlock::symbol, Types.STRING)
        .process(new ResampleFunction(config.baseTimeframe(), config.resampleTo(), horizon),
            TypeInformation.of(BarBlock.class))
        .name("resample").uid("resample");
    DataStream<RejectedEvent> rejected = valid.getSideOutput(Rejections.TAG).union(all.getSideOutput(Rejections.TAG));
    return downstream(stamp(all), rejected, config, horizon);
  }

  /** Ticks (trades, quotes, cancels, corrections) to bars of every feature timeframe, features and signals. */
  public static Features fromTicks(DataStream<MarketEvent> ticks, PipelineConfig config) {
    boolean batch = batch(ticks);
    long horizon = batch ? 0 : config.revisionHorizonMicros();
    for (Timeframe tf : config.timeframes()) {
      if (tf == Timeframe.D1) {
        throw new IllegalArgumentException("Bars from ticks are intraday; remove 1d from 'features.timeframes'");
      }
    }
    SingleOutputStreamOperator<BarBlock> bars = ticks
        .keyBy(MarketEvent::symbol, Types.STRING)
        .process(new TickBarFunction(config.timeframes(), config.timing(), batch), TypeInformation.of(BarBlock.class))
        .name("tick-bars").uid("tick-bars");
    return downstream(stamp(bars), bars.getSideOutput(Rejections.TAG), config, horizon);
  }

  private static DataStream<BarBlock> stamp(DataStream<BarBlock> bars) {
    return bars.transform("stamp-bars", TypeInformation.of(BarBlock.class), ContentTime.bars());
  }

  private static Features downstream(DataStream<BarBlock> bars, DataStream<RejectedEvent> rejected,
      PipelineConfig config, long horizon) {
    SingleOutputStreamOperator<FeatureBlock> features = bars
        .keyBy(BarValidationFunction::key, Types.STRING)
        .process(new IndicatorFunction(config.features().indicators(), horizon), TypeInformation.of(FeatureBlock.class))
        .name("indicators").uid("indicators");
    Alignment alignment = config.alignment().withHorizon(horizon);
    SingleOutputStreamOperator<WideBlock> wide = features
        .transform("stamp-features", TypeInformation.of(FeatureBlock.class), ContentTime.features())
        .keyBy(FeatureBlock::symbol, Types.STRING)
        .process(new AlignFunction(alignment), TypeInformation.of(WideBlock.class))
        .name("align").uid("align");
    SingleOutputStreamOperator<Signal> signals = wide
        .transform("stamp-wide", TypeInformation.of(WideBlock.class), ContentTime.wide())
        .keyBy(WideBlock::symbol, Types.STRING)
        .process(new SignalFunction(config.signal(), alignment.schema(), horizon), TypeInformation.of(Signal.class))
        .name("signals").uid("signals");
    DataStream<RejectedEvent> allRejected = rejected.union(features.getSideOutput(Rejections.TAG),
        wide.getSideOutput(Rejections.TAG), signals.getSideOutput(Rejections.TAG));
    return new Features(bars, features, wide,
        signals.transform("stamp-signals", TypeInformation.of(Signal.class), ContentTime.signals()), allRejected);
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
    DataStream<BarBlock> baseBars = stage.bars().filter(b -> b.timeframe() == base).name("base-bars");
    SingleOutputStreamOperator<EquityPoint> equity = baseBars
        .connect(stage.signals().filter(s -> s.revision() == 0 && !s.retracted()).name("first-signals"))
        .keyBy(b -> "portfolio", s -> "portfolio", Types.STRING)
        .process(new PortfolioFunction(simulation), TypeInformation.of(EquityPoint.class))
        .name("portfolio").uid("portfolio");
    return new Backtest(stage, equity, equity.getSideOutput(PortfolioFunction.FILLS));
  }
}
