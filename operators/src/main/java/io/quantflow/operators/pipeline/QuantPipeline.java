package io.quantflow.operators.pipeline;

import io.quantflow.domain.Bar;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Fill;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import io.quantflow.operators.align.AlignFunction;
import io.quantflow.operators.align.Alignment;
import io.quantflow.operators.bars.BarAccumulator;
import io.quantflow.operators.bars.BarValidationFunction;
import io.quantflow.operators.bars.ResampleFunctions;
import io.quantflow.operators.features.IndicatorFunction;
import io.quantflow.operators.portfolio.PortfolioFunction;
import io.quantflow.operators.portfolio.SimulationConfig;
import io.quantflow.operators.signals.SignalFunction;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The pipeline, defined once for backtest and live: bars, resampled bars, features per timeframe, signals, and (for
 * a backtest) fills and equity. It takes a {@code DataStream<Bar>} with event-time timestamps assigned by
 * {@link EventTime} and works the same in {@code RuntimeExecutionMode.BATCH} and {@code STREAMING}.
 *
 * <pre>{@code
 * DataStream<Bar> bars = env.fromSource(source, EventTime.bars(Duration.ZERO, Duration.ofSeconds(5)), "bars");
 * QuantPipeline.Backtest run = QuantPipeline.backtest(bars, PipelineConfig.DEFAULT, SimulationConfig.defaults(8));
 * }</pre>
 */
public final class QuantPipeline {
  private QuantPipeline() {}

  /** Bars that arrive after their resampling window fired. */
  public static final OutputTag<Bar> LATE_FOR_RESAMPLING =
      new OutputTag<>("late-for-resampling", TypeInformation.of(Bar.class));

  /**
   * The feature stage.
   *
   * @param features one row per symbol, timeframe and bar
   * @param wide one row per symbol and base bar with every timeframe's features as known at its close
   * @param signals signals at base-bar closes, emitted when the direction changes
   * @param rejected late or duplicate inputs, with reasons
   * @param bars the input bars that passed validation, once each, in event-time order per symbol
   */
  public record Features(DataStream<FeatureRow> features, DataStream<WideRow> wide, DataStream<Signal> signals,
      DataStream<RejectedEvent> rejected, DataStream<Bar> bars) {}

  /**
   * The whole backtest.
   *
   * @param stage the feature stage
   * @param equity one valuation per instant with bars
   * @param fills simulated fills
   */
  public record Backtest(Features stage, DataStream<EquityPoint> equity, DataStream<Fill> fills) {}

  /** Bars to features and signals. */
  public static Features features(DataStream<Bar> input, PipelineConfig config) {
    SingleOutputStreamOperator<Bar> bars = input
        .keyBy(b -> b.symbol() + "|" + b.timeframe().label(), Types.STRING)
        .process(new BarValidationFunction(), TypeInformation.of(Bar.class))
        .name("validate-bars").uid("validate-bars");
    DataStream<Bar> all = bars;
    DataStream<RejectedEvent> rejected = bars.getSideOutput(BarValidationFunction.REJECTED);
    for (Timeframe tf : config.resampleTo()) {
      SingleOutputStreamOperator<Bar> resampled = bars
          .keyBy(Bar::symbol, Types.STRING)
          .window(TumblingEventTimeWindows.of(Duration.ofMillis(tf.durationMillis())))
          .sideOutputLateData(LATE_FOR_RESAMPLING)
          .aggregate(new ResampleFunctions.Aggregate(), new ResampleFunctions.Label(tf),
              TypeInformation.of(BarAccumulator.class), TypeInformation.of(BarAccumulator.class),
              TypeInformation.of(Bar.class))
          .name("resample-" + tf.label()).uid("resample-" + tf.label());
      DataStream<RejectedEvent> late = resampled.getSideOutput(LATE_FOR_RESAMPLING)
          .map(b -> new RejectedEvent("resample-" + tf.label(), b.symbol(), b.timestampMicros(),
              "late: arrived after its " + tf.label() + " window closed; raise the allowed out-of-orderness",
              b.toString()), TypeInformation.of(RejectedEvent.class))
          .name("late-" + tf.label());
      rejected = rejected.union(late);
      all = all.union(resampled);
    }
    SingleOutputStreamOperator<FeatureRow> features = all
        .keyBy(b -> b.symbol() + "|" + b.timeframe().label(), Types.STRING)
        .process(new IndicatorFunction(config.features().indicators()), TypeInformation.of(FeatureRow.class))
        .name("indicators").uid("indicators");
    DataStream<RejectedEvent> indicatorRejects = features.getSideOutput(IndicatorFunction.REJECTED);
    rejected = rejected.union(indicatorRejects);
    Alignment alignment = config.alignment();
    SingleOutputStreamOperator<WideRow> wide = features
        .keyBy(FeatureRow::symbol, Types.STRING)
        .process(new AlignFunction(alignment), TypeInformation.of(WideRow.class))
        .name("align").uid("align");
    DataStream<Signal> signals = wide
        .keyBy(WideRow::symbol, Types.STRING)
        .process(new SignalFunction(config.signal(), alignment.schema()), TypeInformation.of(Signal.class))
        .name("signals").uid("signals");
    return new Features(features, wide, signals, rejected, bars);
  }

  /** Bars to features, signals, fills and equity. */
  public static Backtest backtest(DataStream<Bar> bars, PipelineConfig config, SimulationConfig simulation) {
    Features stage = features(bars, config);
    SingleOutputStreamOperator<EquityPoint> equity = stage.bars()
        .connect(stage.signals())
        .keyBy(b -> "portfolio", s -> "portfolio", Types.STRING)
        .process(new PortfolioFunction(simulation), TypeInformation.of(EquityPoint.class))
        .name("portfolio").uid("portfolio");
    return new Backtest(stage, equity, equity.getSideOutput(PortfolioFunction.FILLS));
  }
}
