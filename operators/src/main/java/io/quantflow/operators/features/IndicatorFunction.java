package io.quantflow.operators.features;

import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.RejectedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Computes the features of one symbol and timeframe (keyed by both), bar by bar in event-time order.
 *
 * <p>Bars are buffered until the watermark passes them and then fed to the kernels in timestamp order, so the
 * result is the same whatever order the input arrives in and in BATCH and STREAMING mode alike. The kernels' state
 * lives in keyed state as a {@code double[]}. A bar at or before one already processed, or a second bar with the
 * same timestamp, goes to {@link #REJECTED} with the reason.
 */
public final class IndicatorFunction extends KeyedProcessFunction<String, Bar, FeatureRow> {
  private static final long serialVersionUID = 1L;

  /** Late and duplicate bars. */
  public static final OutputTag<RejectedEvent> REJECTED = new OutputTag<>("indicators-rejected",
      TypeInformation.of(RejectedEvent.class));

  private final java.util.List<IndicatorSpec> indicators;
  private transient FeatureSet kernels;
  private transient ValueState<double[]> kernelState;
  private transient ValueState<Long> lastProcessed;
  private transient MapState<Long, Bar> pending;

  /** Computes the indicators of {@code indicators} (see {@link FeatureRegistry}). */
  public IndicatorFunction(java.util.List<IndicatorSpec> indicators) {
    this.indicators = java.util.List.copyOf(indicators);
    FeatureRegistry.standard().newFeatureSet(this.indicators); // fail on the client, not in a task
  }

  @Override
  public void open(OpenContext ctx) {
    kernels = FeatureRegistry.standard().newFeatureSet(indicators);
    kernelState = getRuntimeContext().getState(
        new ValueStateDescriptor<>("kernels", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    lastProcessed = getRuntimeContext().getState(new ValueStateDescriptor<>("last-processed", Types.LONG));
    pending = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(Bar.class)));
  }

  @Override
  public void processElement(Bar bar, Context ctx, Collector<FeatureRow> out) throws Exception {
    long ts = ctx.timestamp();
    Long last = lastProcessed.value();
    if (last != null && ts <= last) {
      ctx.output(REJECTED, new RejectedEvent("indicators", bar.symbol(), bar.timestampMicros(),
          "late: a " + bar.timeframe() + " bar arrived after the bar at or after its time was already processed; "
              + "raise the allowed out-of-orderness", bar.toString()));
      return;
    }
    Bar previous = pending.get(ts);
    if (previous != null) {
      ctx.output(REJECTED, new RejectedEvent("indicators", bar.symbol(), bar.timestampMicros(),
          "duplicate: a second " + bar.timeframe() + " bar with the same timestamp; the first one is kept",
          bar.toString()));
      return;
    }
    pending.put(ts, bar);
    ctx.timerService().registerEventTimeTimer(ts);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<FeatureRow> out) throws Exception {
    Bar bar = pending.get(ts);
    pending.remove(ts);
    double[] state = kernelState.value();
    if (state != null) {
      kernels.load(state);
    } else {
      kernels = FeatureRegistry.standard().newFeatureSet(indicators);
    }
    double[] values = kernels.update(bar);
    kernelState.update(kernels.save());
    lastProcessed.update(ts);
    out.collect(new FeatureRow(bar.symbol(), bar.timeframe(), bar.timestampMicros(), bar.close(), values));
  }
}
