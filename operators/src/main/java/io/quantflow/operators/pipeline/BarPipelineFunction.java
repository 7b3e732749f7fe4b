package io.quantflow.operators.pipeline;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.bars.BarSequencer;
import io.quantflow.operators.bars.Resampler;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * The pipeline for bars in, keyed by symbol: the gate ({@link BarSequencer}: order, duplicates, late bars, updates),
 * resampling to every coarser feature timeframe ({@link Resampler}), then the stages of
 * {@link SymbolStagesFunction}. In STREAMING mode bars are released when the watermark passes them; in BATCH mode,
 * where a symbol's blocks arrive in time order, as soon as the next block shows the input has moved past them.
 * Refusals go to {@link Rejections#TAG} with stage {@code validate-bars} or {@code resample}.
 */
public final class BarPipelineFunction extends SymbolStagesFunction<BarBlock> {
  private static final long serialVersionUID = 1L;

  private transient BarSequencer sequencer;
  private transient Resampler resampler;
  private transient Timeframe base;
  private transient List<Timeframe> coarser;
  private transient ValueState<BarSequencer.State> gateState;
  private transient ValueState<Resampler.State> resampleState;

  /** The bar pipeline of {@code config} for one execution mode. */
  public BarPipelineFunction(PipelineConfig config, boolean batch) {
    super(config, batch);
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    super.open(ctx);
    base = config.baseTimeframe();
    coarser = config.resampleTo();
    sequencer = new BarSequencer(horizonMicros);
    resampler = new Resampler(base, coarser, horizonMicros);
    gateState = state("gate", BarSequencer.State.class);
    resampleState = state("resampler", Resampler.State.class);
  }

  @Override
  public void processElement(BarBlock block, Context ctx, Collector<Signal> out) throws Exception {
    Sink sink = sink(ctx, out);
    process(block, ctx.timestamp(), sink);
    // how far the symbol is complete now: only a BATCH source's markers say so; in STREAMING the watermark does
    long complete = !batch ? Long.MIN_VALUE : block.isEnd() ? Long.MAX_VALUE
        : block.isProgress() ? block.progressMicros() : Long.MIN_VALUE;
    emitSlice(block.symbol(), complete, sink);
  }

  /** One block of a symbol's bars, stamped {@code timestampMillis} ({@link EventTime#millisOf(BarBlock)}). */
  void process(BarBlock block, long timestampMillis, Sink sink) throws Exception {
    if (block.isEnd()) { // the source has no more bars of this symbol: finish it now
      finish(block.symbol(), Long.MAX_VALUE, sink);
      return;
    }
    if (block.isProgress()) { // the source vouches that every bar up to the marker has been sent
      finish(block.symbol(), EventTime.millisOf(block.progressMicros()), sink);
      return;
    }
    if (block.timeframe() != base) {
      for (int i = 0; i < block.size(); i++) {
        reject(sink, "validate-bars", block.symbol(), block.startMicros()[i], "a " + block.timeframe() + " bar fed "
            + "to a pipeline whose input timeframe is " + base + "; read " + base + " bars or change 'timeframe'",
            block.bar(i).toString());
      }
      return;
    }
    BarSequencer.State gate = gateState.value();
    if (gate == null) {
      gate = new BarSequencer.State();
    }
    if (batch) { // a symbol's blocks arrive in time order: everything before this block's first bar is complete
      release(gate, block.symbol(), timestampMillis - 1, sink);
    }
    BarBlock.Builder revisions = BarBlock.builder(block.symbol(), base, 1);
    List<BarSequencer.Rejection> rejected = new ArrayList<>();
    sequencer.offer(gate, block, revisions, rejected);
    for (BarSequencer.Rejection r : rejected) {
      reject(sink, "validate-bars", block.symbol(), r.startMicros(), r.reason(), r.payload());
    }
    gateState.update(gate);
    if (revisions.size() > 0) {
      resample(revisions.build(), sink);
    }
    // BATCH: the end marker (or, without one, the end of the input) finishes the symbol; STREAMING: the watermark
    sink.timer(batch ? Long.MAX_VALUE : EventTime.millisOf(block.availableAtMicros(block.size() - 1)));
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    Sink sink = sink(ctx, out);
    finish(ctx.getCurrentKey(), ts, sink);
    emitSlice(ctx.getCurrentKey(), batch && ts == Long.MAX_VALUE ? Long.MAX_VALUE : Long.MIN_VALUE, sink);
  }

  /** Emits everything event time {@code ts} (ms) proves complete: released bars, coarse bars, aligned rows. */
  void finish(String symbol, long ts, Sink sink) throws Exception {
    BarSequencer.State gate = gateState.value();
    if (gate != null) {
      release(gate, symbol, ts, sink);
      if (!gate.pending.isEmpty() && ts != Long.MAX_VALUE && !batch) {
        sink.timer(EventTime.millisOf(gate.pending.start[0] + base.durationMicros()));
      }
    }
    // each timer flushes only what ends by its own time, so the order of outputs follows event time
    Resampler.State rs = resampleState.value();
    if (rs != null && !coarser.isEmpty()) {
      BarBlock.Builder[] coarse = new BarBlock.Builder[coarser.size()];
      resampler.flush(rs, symbol, ts, coarse);
      resampleState.update(rs);
      emitCoarse(coarse, sink);
    }
    flushAlignment(symbol, ts, sink);
  }

  private void release(BarSequencer.State gate, String symbol, long progressMillis, Sink sink) throws Exception {
    BarBlock released = sequencer.release(gate, symbol, base, progressMillis);
    gateState.update(gate);
    if (released != null) {
      resample(released, sink);
    }
  }

  /**
   * Base bars in: the coarser bars they complete first, then the base bars, through the stages. Coarse first, so
   * the alignment already holds every coarse bar a base row needs when the row arrives and can emit it at once.
   */
  private void resample(BarBlock bars, Sink sink) throws Exception {
    if (coarser.isEmpty()) {
      onBars(bars, sink);
      return;
    }
    Resampler.State rs = resampleState.value();
    if (rs == null) {
      rs = resampler.newState();
    }
    BarBlock.Builder[] coarse = new BarBlock.Builder[coarser.size()];
    for (long start : resampler.onBlock(rs, bars, coarse)) {
      reject(sink, "resample", bars.symbol(), start, "revision of a " + base + " bar older than the revision "
          + "horizon (" + horizonMicros / 1000 + " ms); the coarser bars keep the earlier version", "");
    }
    for (int k = 0; k < coarser.size() && !batch; k++) {
      if (rs.accStart[k] != Long.MIN_VALUE) {
        sink.timer(EventTime.millisOf(rs.accStart[k] + coarser.get(k).durationMicros()));
      }
    }
    resampleState.update(rs);
    emitCoarse(coarse, sink);
    onBars(bars, sink);
  }

  private void emitCoarse(BarBlock.Builder[] coarse, Sink sink) throws Exception {
    for (int k = coarse.length - 1; k >= 0; k--) { // coarsest first
      if (coarse[k] != null && coarse[k].size() > 0) {
        onBars(coarse[k].build(), sink);
      }
    }
  }
}
