package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.Rejections;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The gate every input bar passes, keyed by symbol and timeframe: a thin Flink shell around {@link BarSequencer}.
 * In STREAMING mode bars are released when the watermark passes them; in BATCH mode (input sorted by key and
 * timestamp) as soon as a later block shows the input has moved past them. Refusals go to {@link Rejections#TAG}
 * with stage {@code validate-bars}.
 */
public final class BarValidationFunction extends KeyedProcessFunction<String, BarBlock, BarBlock> {
  private static final long serialVersionUID = 1L;

  private final boolean batch;
  private final long horizonMicros;
  private transient BarSequencer sequencer;
  private transient ValueState<BarSequencer.State> state;

  /**
   * A gate for one execution mode.
   *
   * @param batch whether the job runs in BATCH mode
   * @param horizonMicros how long after release a bar update is still passed on as a revision
   */
  public BarValidationFunction(boolean batch, long horizonMicros) {
    this.batch = batch;
    this.horizonMicros = horizonMicros;
  }

  @Override
  public void open(OpenContext ctx) {
    sequencer = new BarSequencer(horizonMicros);
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("sequencer", TypeInformation.of(BarSequencer.State.class)));
  }

  @Override
  public void processElement(BarBlock block, Context ctx, Collector<BarBlock> out) throws Exception {
    BarSequencer.State s = state.value();
    if (s == null) {
      s = new BarSequencer.State();
    }
    if (batch) { // sorted input: everything before this block's first bar is complete
      emit(sequencer.release(s, block.symbol(), block.timeframe(), ctx.timestamp() - 1), out);
    }
    BarBlock.Builder revisions = BarBlock.builder(block.symbol(), block.timeframe(), 1);
    List<BarSequencer.Rejection> rejected = new ArrayList<>();
    sequencer.offer(s, block, revisions, rejected);
    for (BarSequencer.Rejection r : rejected) {
      ctx.output(Rejections.TAG, new RejectedEvent("validate-bars", block.symbol(), r.startMicros(), r.reason(),
          r.payload()));
    }
    if (revisions.size() > 0) {
      out.collect(revisions.build());
    }
    ctx.timerService().registerEventTimeTimer(EventTime.millisOf(block.availableAtMicros(block.size() - 1)));
    state.update(s);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<BarBlock> out) throws Exception {
    BarSequencer.State s = state.value();
    if (s == null) {
      return;
    }
    String[] key = ctx.getCurrentKey().split("\\|", 2);
    emit(sequencer.release(s, key[0], io.quantflow.domain.Timeframe.parse(key[1]), ts), out);
    state.update(s); // kept when empty: the latest release time detects late bars
    if (!s.pending.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(
          EventTime.millisOf(s.pending.start[0] + io.quantflow.domain.Timeframe.parse(key[1]).durationMicros()));
    }
  }

  private static void emit(BarBlock block, Collector<BarBlock> out) {
    if (block != null) {
      out.collect(block);
    }
  }

  /** The key of a bar block: {@code SYMBOL|timeframe}. */
  public static String key(BarBlock b) {
    return b.symbol() + "|" + b.timeframe().label();
  }
}
