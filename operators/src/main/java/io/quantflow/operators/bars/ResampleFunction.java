package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.Rejections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Resampling, keyed by symbol: a thin Flink shell around {@link Resampler}. Emits every input block unchanged (the
 * base timeframe) and the coarser bars it completes, one block per timeframe; a coarse bar whose interval ends
 * without a completing row is emitted when the watermark passes its end (in BATCH mode, at the end of the key).
 */
public final class ResampleFunction extends KeyedProcessFunction<String, BarBlock, BarBlock> {
  private static final long serialVersionUID = 1L;

  private final Timeframe base;
  private final List<Timeframe> targets;
  private final long horizonMicros;
  private transient Resampler resampler;
  private transient ValueState<Resampler.State> state;

  /** Resamples {@code base} bars to {@code targets}, keeping rows revisable for {@code horizonMicros} (0: none). */
  public ResampleFunction(Timeframe base, List<Timeframe> targets, long horizonMicros) {
    this.base = base;
    this.targets = List.copyOf(targets);
    this.horizonMicros = horizonMicros;
    new Resampler(base, targets, horizonMicros); // fail on the client, not in a task
  }

  @Override
  public void open(OpenContext ctx) {
    resampler = new Resampler(base, targets, horizonMicros);
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("resampler", TypeInformation.of(Resampler.State.class)));
  }

  @Override
  public void processElement(BarBlock block, Context ctx, Collector<BarBlock> out) throws Exception {
    out.collect(block);
    if (targets.isEmpty()) {
      return;
    }
    Resampler.State s = state.value();
    if (s == null) {
      s = resampler.newState();
    }
    BarBlock.Builder[] coarse = builders(block.symbol());
    for (long start : resampler.onBlock(s, block, coarse)) {
      ctx.output(Rejections.TAG, new RejectedEvent("resample", block.symbol(), start, "revision of a " + base
          + " bar older than the revision horizon (" + horizonMicros / 1000 + " ms); the coarser bars keep the "
          + "earlier version", ""));
    }
    emit(coarse, out);
    for (int k = 0; k < targets.size(); k++) {
      if (s.accStart[k] != Long.MIN_VALUE) {
        ctx.timerService().registerEventTimeTimer(EventTime.millisOf(s.accStart[k] + targets.get(k).durationMicros()));
      }
    }
    state.update(s);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<BarBlock> out) throws Exception {
    Resampler.State s = state.value();
    if (s == null) {
      return;
    }
    BarBlock.Builder[] coarse = builders(ctx.getCurrentKey());
    // each timer flushes only what ends by its own time, so outputs keep increasing timestamps in BATCH mode too
    resampler.flush(s, ts, coarse);
    emit(coarse, out);
    state.update(s);
  }

  private BarBlock.Builder[] builders(String symbol) {
    BarBlock.Builder[] b = new BarBlock.Builder[targets.size()];
    for (int k = 0; k < b.length; k++) {
      b[k] = BarBlock.builder(symbol, targets.get(k), 16);
    }
    return b;
  }

  private static void emit(BarBlock.Builder[] coarse, Collector<BarBlock> out) {
    for (BarBlock.Builder b : coarse) {
      if (b.size() > 0) {
        out.collect(b.build());
      }
    }
  }
}
