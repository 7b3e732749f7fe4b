package io.quantflow.operators.features;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.operators.pipeline.Rejections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Computes the features of one symbol and timeframe (keyed by both): a thin Flink shell around
 * {@link FeatureSeries}, whose state lives in keyed state. Input blocks of a key arrive in time order (one upstream
 * task per key, FIFO channels; sorted in BATCH mode), so each block is processed as it arrives. Revisions older than
 * the horizon go to {@link Rejections#TAG} with stage {@code indicators}.
 */
public final class IndicatorFunction extends KeyedProcessFunction<String, BarBlock, FeatureBlock> {
  private static final long serialVersionUID = 1L;

  private final List<IndicatorSpec> indicators;
  private final long horizonMicros;
  private transient FeatureSeries series;
  private transient ValueState<FeatureSeries.State> state;

  /** Computes {@code indicators} (see {@link FeatureRegistry}), rows revisable for {@code horizonMicros} (0: none). */
  public IndicatorFunction(List<IndicatorSpec> indicators, long horizonMicros) {
    this.indicators = List.copyOf(indicators);
    this.horizonMicros = horizonMicros;
    FeatureRegistry.standard().newFeatureSet(this.indicators); // fail on the client, not in a task
  }

  @Override
  public void open(OpenContext ctx) {
    series = new FeatureSeries(indicators, horizonMicros);
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("features", TypeInformation.of(FeatureSeries.State.class)));
  }

  @Override
  public void processElement(BarBlock bars, Context ctx, Collector<FeatureBlock> out) throws Exception {
    FeatureSeries.State s = state.value();
    if (s == null) {
      s = series.newState();
    }
    FeatureSeries.Output o = series.onBlock(s, bars);
    FeatureBlock block = o.rows().build();
    if (block != null) {
      out.collect(block);
    }
    for (long start : o.refused()) {
      ctx.output(Rejections.TAG, new RejectedEvent("indicators", bars.symbol(), start, "revision of a "
          + bars.timeframe() + " bar older than the revision horizon (" + horizonMicros / 1000 + " ms) or in BATCH "
          + "mode; its features keep the earlier version", bars.toString()));
    }
    state.update(s);
  }
}
