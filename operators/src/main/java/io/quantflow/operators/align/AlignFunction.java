package io.quantflow.operators.align;

import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.Rejections;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs an {@link Alignment} per symbol: a thin Flink shell. Wide rows are emitted as soon as the coarser bars they
 * need have arrived; a timer at each base row's close flushes what the watermark proves complete (in BATCH mode, at
 * the end of the key).
 */
public final class AlignFunction extends KeyedProcessFunction<String, FeatureBlock, WideBlock> {
  private static final long serialVersionUID = 1L;

  private final Alignment alignment;
  private transient ValueState<Alignment.State> state;

  /** Aligns with {@code alignment}. */
  public AlignFunction(Alignment alignment) {
    this.alignment = alignment;
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("alignment", TypeInformation.of(Alignment.State.class)));
  }

  @Override
  public void processElement(FeatureBlock rows, Context ctx, Collector<WideBlock> out) throws Exception {
    Alignment.State s = state.value();
    if (s == null) {
      s = alignment.newState();
    }
    Alignment.Output o = alignment.onBlock(s, rows);
    emit(o, out);
    for (long start : o.refused()) {
      ctx.output(Rejections.TAG, new RejectedEvent("align", rows.symbol(), start, "revision of a " + rows.timeframe()
          + " feature row older than the revision horizon or in BATCH mode; the aligned rows keep the earlier "
          + "version", rows.toString()));
    }
    if (rows.timeframe() == alignment.base() && s.emitted < s.rows[alignment.timeframes().indexOf(alignment.base())].n) {
      ctx.timerService().registerEventTimeTimer(EventTime.millisOf(rows.availableAtMicros(rows.size() - 1)));
    }
    state.update(s);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<WideBlock> out) throws Exception {
    Alignment.State s = state.value();
    if (s != null) {
      emit(alignment.flush(s, ctx.getCurrentKey(), ts), out);
      state.update(s);
    }
  }

  private static void emit(Alignment.Output o, Collector<WideBlock> out) {
    WideBlock b = o.block();
    if (b != null) {
      out.collect(b);
    }
  }
}
