package io.quantflow.operators.align;

import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs an {@link Alignment} per symbol. Rows are buffered until the watermark passes their availability instant and
 * then fed coarsest timeframe first, so BATCH mode (input sorted by key) and STREAMING mode (input in arrival order)
 * align identically.
 */
public final class AlignFunction extends KeyedProcessFunction<String, FeatureRow, WideRow> {
  private static final long serialVersionUID = 1L;
  private static final int SLOTS = Timeframe.values().length;

  private final Alignment alignment;
  private transient MapState<Long, FeatureRow> pending;
  private transient ValueState<Alignment.State> state;

  /** Aligns with {@code alignment}. */
  public AlignFunction(Alignment alignment) {
    this.alignment = alignment;
  }

  @Override
  public void open(OpenContext ctx) {
    pending = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(FeatureRow.class)));
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("latest", TypeInformation.of(Alignment.State.class)));
  }

  @Override
  public void processElement(FeatureRow row, Context ctx, Collector<WideRow> out) throws Exception {
    if (!alignment.timeframes().contains(row.timeframe())) {
      return;
    }
    pending.put(ctx.timestamp() * SLOTS + row.timeframe().ordinal(), row);
    ctx.timerService().registerEventTimeTimer(ctx.timestamp());
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<WideRow> out) throws Exception {
    Alignment.State s = state.value();
    if (s == null) {
      s = alignment.newState();
    }
    for (int ordinal = SLOTS - 1; ordinal >= 0; ordinal--) { // coarsest first
      long key = ts * SLOTS + ordinal;
      FeatureRow row = pending.get(key);
      if (row == null) {
        continue;
      }
      pending.remove(key);
      WideRow wide = alignment.onRow(s, row);
      if (wide != null) {
        out.collect(wide);
      }
    }
    state.update(s);
  }
}
