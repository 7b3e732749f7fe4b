package io.quantflow.operators.signals;

import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.pipeline.Rejections;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates the agreement rule on each aligned row of a symbol: a thin Flink shell around {@link SignalSeries}.
 * Wide rows of a symbol arrive in time order (one upstream aligner per key, FIFO channels; sorted in BATCH mode).
 */
public final class SignalFunction extends KeyedProcessFunction<String, WideBlock, Signal> {
  private static final long serialVersionUID = 1L;

  private final SignalConfig config;
  private final FeatureSchema schema;
  private final long horizonMicros;
  private transient SignalSeries series;
  private transient ValueState<SignalSeries.State> state;

  /** Applies {@code config} to wide rows of {@code schema}, revisable for {@code horizonMicros} (0: none). */
  public SignalFunction(SignalConfig config, FeatureSchema schema, long horizonMicros) {
    this.config = config;
    this.schema = schema;
    this.horizonMicros = horizonMicros;
    new AgreementRule(config, schema); // fail on the client, not in a task
  }

  @Override
  public void open(OpenContext ctx) {
    series = new SignalSeries(config, schema, horizonMicros);
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("signals", TypeInformation.of(SignalSeries.State.class)));
  }

  @Override
  public void processElement(WideBlock rows, Context ctx, Collector<Signal> out) throws Exception {
    SignalSeries.State s = state.value();
    if (s == null) {
      s = new SignalSeries.State();
    }
    SignalSeries.Output o = series.onBlock(s, rows);
    o.signals().forEach(out::collect);
    for (long start : o.refused()) {
      ctx.output(Rejections.TAG, new RejectedEvent("signals", rows.symbol(), start, "revision of an aligned row "
          + "older than the revision horizon or in BATCH mode; the signals keep the earlier version", ""));
    }
    state.update(s);
  }
}
