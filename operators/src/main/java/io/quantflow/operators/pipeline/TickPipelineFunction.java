package io.quantflow.operators.pipeline;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.operators.bars.TickBarBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * The pipeline for ticks in, keyed by symbol: bars of every feature timeframe from trades and quotes
 * ({@link TickBarBuilder}, late ticks, cancels and corrections as revisions), then the stages of
 * {@link SymbolStagesFunction}. In STREAMING mode a bar is emitted when the watermark passes its end and revised by
 * ticks received within its allowed lateness; in BATCH mode (a symbol's ticks in event-time order) once its lateness
 * has passed in the input, so it comes out once, final. Refused ticks go to {@link Rejections#TAG} with stage
 * {@code tick-bars}.
 */
public final class TickPipelineFunction extends SymbolStagesFunction<MarketEvent> {
  private static final long serialVersionUID = 1L;

  private transient TickBarBuilder builder;
  private transient String builderSymbol;
  private transient ValueState<TickBarBuilder.State> tickState;
  private transient long maxLatenessMicros;
  private transient long finestMicros;

  /** The tick pipeline of {@code config} for one execution mode. */
  public TickPipelineFunction(PipelineConfig config, boolean batch) {
    super(config, batch);
    newBuilder("CHECK"); // fail on the client, not in a task
  }

  private TickBarBuilder newBuilder(String symbol) {
    List<Timeframe> tfs = config.timeframes();
    return new TickBarBuilder(symbol, tfs, config.timing().latenessMicros(tfs), ExchangeCalendar.nyse(),
        config.timing().extendedHours(), config.timing().carryLastPrice());
  }

  private TickBarBuilder builder(String symbol) {
    if (builder == null || !symbol.equals(builderSymbol)) {
      builder = newBuilder(symbol);
      builderSymbol = symbol;
    }
    return builder;
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    super.open(ctx);
    tickState = state("tick-bars", TickBarBuilder.State.class);
    List<Timeframe> tfs = config.timeframes();
    maxLatenessMicros = config.timing().latenessMicros(tfs).stream().mapToLong(Long::longValue).max().orElse(0);
    finestMicros = tfs.stream().mapToLong(Timeframe::durationMicros).min().orElseThrow();
  }

  @Override
  public void processElement(MarketEvent event, Context ctx, Collector<Signal> out) throws Exception {
    Sink sink = sink(ctx, out);
    TickBarBuilder b = builder(ctx.getCurrentKey());
    TickBarBuilder.State s = tickState.value();
    if (s == null) {
      s = b.newState();
    }
    Gather g = new Gather(ctx.getCurrentKey(), sink);
    if (event.kind() == MarketEvent.Kind.END) { // no more ticks of this symbol: finish it now
      b.onWatermark(s, Long.MAX_VALUE, g);
      tickState.update(s);
      g.flush();
      flushAlignment(ctx.getCurrentKey(), Long.MAX_VALUE, sink);
      emitSlice(ctx.getCurrentKey(), batch ? Long.MAX_VALUE : Long.MIN_VALUE, sink);
      return;
    }
    b.onEvent(s, event, g);
    if (batch) {
      // ticks in event-time order: no tick still to come can change a bar that ended more than the lateness ago
      b.onWatermark(s, (ctx.timestamp() - 1) * 1000 - maxLatenessMicros - 1, g);
      sink.timer(Long.MAX_VALUE); // the end of the input flushes the rest
    } else {
      long ts = event.timestampMicros();
      for (Timeframe tf : config.timeframes()) {
        long end = tf.startOf(ts) + tf.durationMicros();
        sink.timer(EventTime.millisOf(end));
        sink.timer(EventTime.millisOf(end + config.timing().latenessMicros(tf)) + 1);
      }
      sink.timer(EventTime.millisOf(ts + b.orphanWaitMicros()) + 1);
    }
    tickState.update(s);
    g.flush();
    emitSlice(ctx.getCurrentKey(), Long.MIN_VALUE, sink);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    Sink sink = sink(ctx, out);
    TickBarBuilder.State s = tickState.value();
    if (s == null) {
      return;
    }
    TickBarBuilder b = builder(ctx.getCurrentKey());
    Gather g = new Gather(ctx.getCurrentKey(), sink);
    b.onWatermark(s, ts == Long.MAX_VALUE ? Long.MAX_VALUE : EventTime.watermarkMicros(ts), g);
    tickState.update(s);
    g.flush();
    flushAlignment(ctx.getCurrentKey(), ts, sink);
    emitSlice(ctx.getCurrentKey(), batch && ts == Long.MAX_VALUE ? Long.MAX_VALUE : Long.MIN_VALUE, sink);
    if (config.timing().carryLastPrice() && !batch && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
      sink.timer(ts + finestMicros / 1000); // carried bars keep coming while the symbol is quiet
    }
  }

  /** Gathers one call's bars per timeframe into blocks and sends rejections to the side output. */
  private final class Gather implements TickBarBuilder.Output {
    private final String symbol;
    private final Sink sink;
    private final Map<Timeframe, BarBlock.Builder> blocks = new LinkedHashMap<>();

    Gather(String symbol, Sink sink) {
      this.symbol = symbol;
      this.sink = sink;
    }

    @Override
    public void bar(Timeframe tf, long startMicros, double open, double high, double low, double close,
        double volume, long tradeCount, double vwap, double spreadBps, double imbalance, long quoteCount,
        int revision, byte flags) {
      blocks.computeIfAbsent(tf, t -> BarBlock.builder(symbol, t, 4)).add(startMicros, open, high, low, close,
          volume, tradeCount, vwap, spreadBps, imbalance, quoteCount, revision, flags);
    }

    @Override
    public void rejected(TickBarBuilder.Reason reason, Timeframe tf, MarketEvent e, String message) {
      reject(sink, "tick-bars", e.symbol(), e.timestampMicros(),
          reason.name().toLowerCase(Locale.ROOT) + (tf == null ? "" : " (" + tf + ")") + ": " + message,
          e.toString());
    }

    void flush() throws Exception {
      // coarsest first: a coarse bar and the fine bar that completes it close together, and alignment then waits
      // for nothing
      List<Timeframe> order = blocks.keySet().stream().sorted((a, c) -> c.compareTo(a)).toList();
      for (Timeframe tf : order) {
        onBars(blocks.get(tf).build(), sink);
      }
    }
  }
}
