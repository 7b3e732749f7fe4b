package io.quantflow.operators.portfolio;

import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.OrderReport;
import io.quantflow.domain.PositionSnapshot;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.pipeline.EventTime;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the {@link PortfolioSimulator} over the {@link SymbolSlice}s of every symbol (base-timeframe bars and the
 * signals decided on them, first versions), keyed by portfolio: the one event-driven operator from signals to
 * targets, orders, fills, positions, cash and equity, the same in backtest and live. Inputs wait in a
 * {@link PortfolioBuffer} until an instant is proven complete, then are simulated in event-time order across
 * symbols (bars before signals, symbols by name at equal instants). In STREAMING mode the watermark proves it; in
 * BATCH mode, where Flink has no watermarks until the input ends, the slices' own progress does: once every symbol
 * of the universe is complete through an instant (the store source reads period by period and says so), the
 * history up to it is simulated while the rest is still being read, so the buffer holds a period, not the run.
 * Emits one {@link EquityPoint} per instant with bars; fills, order reports and end-of-day positions go to
 * {@link #FILLS}, {@link #ORDERS} and {@link #POSITIONS}. When the input ends, orders still working are reported
 * {@code OPEN}.
 */
public final class PortfolioFunction extends KeyedProcessFunction<String, SymbolSlice, EquityPoint> {
  private static final long serialVersionUID = 1L;

  /** Simulated fills. */
  public static final OutputTag<Fill> FILLS = new OutputTag<>("fills", TypeInformation.of(Fill.class));
  /** Orders, when done (or open at the end). */
  public static final OutputTag<OrderReport> ORDERS = new OutputTag<>("orders", TypeInformation.of(OrderReport.class));
  /**
   * Instructions for the broker in decision order ({@code PortfolioSimulator.Output#routed}): orders as they reach
   * the market and cancels of replaced ones, each with its deterministic client order id.
   */
  public static final OutputTag<io.quantflow.domain.RoutedOrder> ROUTED =
      new OutputTag<>("routed", TypeInformation.of(io.quantflow.domain.RoutedOrder.class));
  /** Positions at the end of each New York day. */
  /** The book at every valuation, for the risk monitor. */
  public static final OutputTag<BookSnapshot> BOOK = new OutputTag<>("book", TypeInformation.of(BookSnapshot.class));
  /** Positions at the end of each New York day. */
  public static final OutputTag<PositionSnapshot> POSITIONS =
      new OutputTag<>("positions", TypeInformation.of(PositionSnapshot.class));

  /**
   * Instants a BATCH portfolio simulates per input record at most: a period's history is simulated in these steps
   * between inputs (about an hour of 1m bars per step), so the pipeline never waits for a whole period.
   */
  static final int INSTANTS_PER_INPUT = 64;

  private final SimulationConfig config;
  private final Timeframe base;
  private final boolean batch;
  private transient PortfolioSimulator simulator;
  private transient ValueState<PortfolioState> book;
  private transient ValueState<PortfolioBuffer> pending;
  private transient boolean endTimer;

  /** Simulates with {@code config} on bars of {@code base}, in a STREAMING ({@code batch} false) or BATCH job. */
  public PortfolioFunction(SimulationConfig config, Timeframe base, boolean batch) {
    this.config = config;
    this.base = base;
    this.batch = batch;
  }

  @Override
  public void open(OpenContext ctx) {
    simulator = new PortfolioSimulator(config, base);
    book = getRuntimeContext().getState(new ValueStateDescriptor<>("book", TypeInformation.of(PortfolioState.class)));
    pending = getRuntimeContext().getState(
        new ValueStateDescriptor<>("pending", TypeInformation.of(PortfolioBuffer.class)));
  }

  @Override
  public void processElement(SymbolSlice slice, Context ctx, Collector<EquityPoint> out) throws Exception {
    PortfolioBuffer b = buffer();
    b.addSlice(slice, base);
    // STREAMING: the watermark drains; BATCH has none before the end, where the one timer below fires
    if (!batch && slice.bars() > 0) {
      ctx.timerService().registerEventTimeTimer(
          EventTime.millisOf(slice.barStartMicros()[slice.bars() - 1] + base.durationMicros()));
    }
    for (int i = 0; i < slice.signals() && !batch; i++) {
      ctx.timerService().registerEventTimeTimer(EventTime.millisOf(slice.signalMicros()[i]));
    }
    if (!endTimer) { // the end of a bounded input; once per task is enough, the timer service keeps it
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      endTimer = true;
    }
    if (slice.completeThroughMicros() != Long.MIN_VALUE) {
      b.completeThrough = b.completeThrough(config.universeSize());
    }
    long through = b.completeThrough;
    if (through > b.drained && through != Long.MAX_VALUE) { // the end itself is the timer's
      // a slice of time per input, not the whole period at once: the pipeline keeps reading meanwhile
      simulate(b, through, INSTANTS_PER_INPUT, false, ctx, out);
    }
    pending.update(b);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<EquityPoint> out) throws Exception {
    PortfolioBuffer b = buffer();
    // everything the watermark has passed, not only this timer's instant: in BATCH mode one drain does the rest
    long watermark = ctx.timerService().currentWatermark();
    long untilMillis = Math.max(ts, watermark);
    long until = untilMillis == Long.MAX_VALUE ? Long.MAX_VALUE : EventTime.availableAtMicros(untilMillis);
    simulate(b, until, Integer.MAX_VALUE, ts == Long.MAX_VALUE, ctx, out);
    pending.update(b);
  }

  private void simulate(PortfolioBuffer b, long until, int maxInstants, boolean end, Context ctx,
      Collector<EquityPoint> out) throws Exception {
    PortfolioState state = book.value();
    if (state != null) {
      simulator.restore(state);
    } else {
      simulator = new PortfolioSimulator(config, base);
    }
    PortfolioSimulator.Output o = new PortfolioSimulator.Output() {
      @Override
      public void fill(Fill fill) {
        ctx.output(FILLS, fill);
      }

      @Override
      public void order(OrderReport report) {
        ctx.output(ORDERS, report);
      }

      @Override
      public void routed(io.quantflow.domain.RoutedOrder order) {
        ctx.output(ROUTED, order);
      }

      @Override
      public void position(PositionSnapshot position) {
        ctx.output(POSITIONS, position);
      }

      @Override
      public void book(BookSnapshot snapshot) {
        ctx.output(BOOK, snapshot);
      }

      @Override
      public boolean wantsBook() {
        return true;
      }

      @Override
      public void rejected(io.quantflow.domain.RejectedEvent refusal) {
        ctx.output(io.quantflow.operators.pipeline.Rejections.TAG, refusal);
      }

      @Override
      public void equity(EquityPoint point) {
        out.collect(point);
      }
    };
    if (b.bars > 0 || b.signals > 0) {
      b.drain(until, maxInstants, simulator, o);
    } else {
      b.drained = Math.max(b.drained, until);
    }
    if (end) {
      simulator.finish(o);
    }
    book.update(simulator.state());
  }

  private PortfolioBuffer buffer() throws Exception {
    PortfolioBuffer b = pending.value();
    return b != null ? b : new PortfolioBuffer();
  }
}
