package io.quantflow.operators.portfolio;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.OrderReport;
import io.quantflow.domain.PositionSnapshot;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.pipeline.EventTime;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the {@link PortfolioSimulator} over the base-timeframe bars (first versions) and the signals of every
 * symbol, keyed by portfolio: the one event-driven operator from signals to targets, orders, fills, positions, cash
 * and equity, the same in backtest and live. Inputs wait in a {@link PortfolioBuffer} until the watermark proves
 * an instant complete, then are simulated in event-time order across symbols (bars before signals, symbols by
 * name at equal instants). In BATCH mode the watermark jumps to the end once the input is read, so the whole
 * history is simulated then, in the same order. Emits one {@link EquityPoint} per instant with bars; fills,
 * order reports and end-of-day positions go to {@link #FILLS}, {@link #ORDERS} and {@link #POSITIONS}. When the
 * input ends, orders still working are reported {@code OPEN}.
 */
public final class PortfolioFunction extends KeyedCoProcessFunction<String, BarBlock, Signal, EquityPoint> {
  private static final long serialVersionUID = 1L;

  /** Simulated fills. */
  public static final OutputTag<Fill> FILLS = new OutputTag<>("fills", TypeInformation.of(Fill.class));
  /** Orders, when done (or open at the end). */
  public static final OutputTag<OrderReport> ORDERS = new OutputTag<>("orders", TypeInformation.of(OrderReport.class));
  /** Positions at the end of each New York day. */
  public static final OutputTag<PositionSnapshot> POSITIONS =
      new OutputTag<>("positions", TypeInformation.of(PositionSnapshot.class));

  private final SimulationConfig config;
  private final Timeframe base;
  private transient PortfolioSimulator simulator;
  private transient ValueState<PortfolioState> book;
  private transient ValueState<PortfolioBuffer> pending;

  /** Simulates with {@code config} on bars of {@code base}. */
  public PortfolioFunction(SimulationConfig config, Timeframe base) {
    this.config = config;
    this.base = base;
  }

  @Override
  public void open(OpenContext ctx) {
    simulator = new PortfolioSimulator(config, base);
    book = getRuntimeContext().getState(new ValueStateDescriptor<>("book", TypeInformation.of(PortfolioState.class)));
    pending = getRuntimeContext().getState(
        new ValueStateDescriptor<>("pending", TypeInformation.of(PortfolioBuffer.class)));
  }

  @Override
  public void processElement1(BarBlock block, Context ctx, Collector<EquityPoint> out) throws Exception {
    if (block.size() == 0) {
      return;
    }
    PortfolioBuffer b = buffer();
    b.addBars(block);
    pending.update(b);
    ctx.timerService().registerEventTimeTimer(EventTime.millisOf(block.availableAtMicros(block.size() - 1)));
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of a bounded input
  }

  @Override
  public void processElement2(Signal signal, Context ctx, Collector<EquityPoint> out) throws Exception {
    PortfolioBuffer b = buffer();
    b.addSignal(signal);
    pending.update(b);
    ctx.timerService().registerEventTimeTimer(EventTime.millisOf(signal.timestampMicros()));
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<EquityPoint> out) throws Exception {
    PortfolioBuffer b = buffer();
    // everything the watermark has passed, not only this timer's instant: in BATCH mode one drain does it all
    long watermark = ctx.timerService().currentWatermark();
    long untilMillis = Math.max(ts, watermark);
    long until = untilMillis == Long.MAX_VALUE ? Long.MAX_VALUE : EventTime.availableAtMicros(untilMillis);
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
      public void position(PositionSnapshot position) {
        ctx.output(POSITIONS, position);
      }

      @Override
      public void equity(EquityPoint point) {
        out.collect(point);
      }
    };
    if (b.bars > 0 || b.signals > 0) {
      if (b.earliest() <= until) {
        b.drain(until, simulator, o);
        pending.update(b);
      }
    }
    if (ts == Long.MAX_VALUE) {
      simulator.finish(o);
    }
    book.update(simulator.state());
  }

  private PortfolioBuffer buffer() throws Exception {
    PortfolioBuffer b = pending.value();
    return b != null ? b : new PortfolioBuffer();
  }
}
