package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.operators.pipeline.BarTiming;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.Rejections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Ticks to bars of every timeframe, keyed by symbol: a thin Flink shell around {@link TickBarBuilder}. In STREAMING
 * mode bars are emitted when the watermark passes their end and revised by later ticks within the allowed
 * lateness; in BATCH mode (ticks sorted by time) a bar is emitted once its lateness window has passed in the sorted
 * input, so it comes out once, final. Refused ticks go to {@link Rejections#TAG} with stage {@code tick-bars}.
 */
public final class TickBarFunction extends KeyedProcessFunction<String, MarketEvent, BarBlock> {
  private static final long serialVersionUID = 1L;

  private final List<Timeframe> timeframes;
  private final BarTiming timing;
  private final boolean batch;
  private transient TickBarBuilder builder;
  private transient ValueState<TickBarBuilder.State> state;
  private transient long maxLatenessMicros;
  private transient long finestMicros;

  /** Builds bars of {@code timeframes} with {@code timing}'s lateness and session settings. */
  public TickBarFunction(List<Timeframe> timeframes, BarTiming timing, boolean batch) {
    this.timeframes = List.copyOf(timeframes);
    this.timing = timing;
    this.batch = batch;
    newBuilder("CHECK"); // fail on the client, not in a task
  }

  private TickBarBuilder newBuilder(String symbol) {
    return new TickBarBuilder(symbol, timeframes, timing.latenessMicros(timeframes), ExchangeCalendar.nyse(),
        timing.extendedHours(), timing.carryLastPrice());
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("tick-bars", TypeInformation.of(TickBarBuilder.State.class)));
    maxLatenessMicros = timing.latenessMicros(timeframes).stream().mapToLong(Long::longValue).max().orElse(0);
    finestMicros = timeframes.stream().mapToLong(Timeframe::durationMicros).min().orElseThrow();
  }

  private transient String builderSymbol;

  @Override
  public void processElement(MarketEvent event, Context ctx, Collector<BarBlock> out) throws Exception {
    TickBarBuilder b = forKey(ctx.getCurrentKey());
    TickBarBuilder.State s = state.value();
    if (s == null) {
      s = b.newState();
    }
    Gather c = new Gather(ctx.getCurrentKey());
    b.onEvent(s, event, c.output(event, ctx));
    if (batch) {
      // sorted input: no tick still to come can change a bar that ended more than the lateness before this one
      long progress = (ctx.timestamp() - 1) * 1000 - maxLatenessMicros - 1;
      b.onWatermark(s, progress, c.output(null, ctx));
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of the key flushes the rest
    } else {
      long ts = event.timestampMicros();
      for (Timeframe tf : timeframes) {
        long end = tf.startOf(ts) + tf.durationMicros();
        ctx.timerService().registerEventTimeTimer(EventTime.millisOf(end));
        ctx.timerService().registerEventTimeTimer(EventTime.millisOf(end + timing.latenessMicros(tf)) + 1);
      }
    }
    c.flush(out);
    state.update(s);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<BarBlock> out) throws Exception {
    TickBarBuilder.State s = state.value();
    if (s == null) {
      return;
    }
    TickBarBuilder b = forKey(ctx.getCurrentKey());
    Gather c = new Gather(ctx.getCurrentKey());
    b.onWatermark(s, ts == Long.MAX_VALUE ? Long.MAX_VALUE : EventTime.watermarkMicros(ts), c.output(null, ctx));
    c.flush(out);
    state.update(s);
    if (timing.carryLastPrice() && !batch && ctx.timerService().currentWatermark() != Long.MAX_VALUE) { // carried bars keep coming while it is quiet
      ctx.timerService().registerEventTimeTimer(ts + finestMicros / 1000);
    }
  }

  private TickBarBuilder forKey(String symbol) {
    if (builder == null || !symbol.equals(builderSymbol)) {
      builder = newBuilder(symbol);
      builderSymbol = symbol;
    }
    return builder;
  }

  /** Gathers one call's bars per timeframe into blocks and sends rejections to the side output. */
  private final class Gather {
    private final String symbol;
    private final Map<Timeframe, BarBlock.Builder> blocks = new LinkedHashMap<>();

    Gather(String symbol) {
      this.symbol = symbol;
    }

    TickBarBuilder.Output output(MarketEvent event, KeyedProcessFunction<String, MarketEvent, BarBlock>.Context ctx) {
      return new TickBarBuilder.Output() {
        @Override
        public void bar(Timeframe tf, long startMicros, double open, double high, double low, double close,
            double volume, long tradeCount, double vwap, double spreadBps, double imbalance, long quoteCount,
            int revision, byte flags) {
          blocks.computeIfAbsent(tf, t -> BarBlock.builder(symbol, t, 4)).add(startMicros, open, high, low, close,
              volume, tradeCount, vwap, spreadBps, imbalance, quoteCount, revision, flags);
        }

        @Override
        public void rejected(TickBarBuilder.Reason reason, Timeframe tf, MarketEvent e, String message) {
          ctx.output(Rejections.TAG, new RejectedEvent("tick-bars", e.symbol(), e.timestampMicros(),
              reason.name().toLowerCase(java.util.Locale.ROOT) + (tf == null ? "" : " (" + tf + ")") + ": " + message,
              e.toString()));
        }
      };
    }

    void flush(org.apache.flink.util.Collector<BarBlock> out) {
      for (BarBlock.Builder b : blocks.values()) {
        out.collect(b.build());
      }
    }
  }
}
