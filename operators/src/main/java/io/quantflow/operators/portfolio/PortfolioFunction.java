package io.quantflow.operators.portfolio;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Signal;
import io.quantflow.operators.pipeline.EventTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the {@link PortfolioSimulator} over bars (first versions of each row of the base-timeframe blocks) and
 * signals of every symbol, keyed by portfolio. Inputs are
 * buffered and replayed when the watermark passes their instant, in a fixed order (bars by symbol, then signals by
 * symbol), so BATCH mode (which sorts by key, not by time across inputs) and STREAMING mode give the same fills and
 * equity. Emits one {@link EquityPoint} per instant with bars; fills go to {@link #FILLS}.
 */
public final class PortfolioFunction extends KeyedCoProcessFunction<String, BarBlock, Signal, EquityPoint> {
  private static final long serialVersionUID = 1L;

  /** Simulated fills. */
  public static final OutputTag<Fill> FILLS = new OutputTag<>("fills", TypeInformation.of(Fill.class));

  private final SimulationConfig config;
  private transient PortfolioSimulator simulator;
  private transient ValueState<PortfolioState> book;
  private transient MapState<Long, List<Bar>> pendingBars;
  private transient MapState<Long, List<Signal>> pendingSignals;

  /** Simulates with {@code config}. */
  public PortfolioFunction(SimulationConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext ctx) {
    simulator = new PortfolioSimulator(config);
    book = getRuntimeContext().getState(new ValueStateDescriptor<>("book", TypeInformation.of(PortfolioState.class)));
    pendingBars = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("bars", Types.LONG, Types.LIST(TypeInformation.of(Bar.class))));
    pendingSignals = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("signals", Types.LONG, Types.LIST(TypeInformation.of(Signal.class))));
  }

  @Override
  public void processElement1(BarBlock block, Context ctx, Collector<EquityPoint> out) throws Exception {
    for (int i = 0; i < block.size(); i++) {
      if (block.revision()[i] > 0 || block.isRetracted(i)) {
        continue; // the portfolio acts on what was known then: a revision cannot undo a fill
      }
      Bar bar = block.bar(i);
      long ts = EventTime.millisOf(bar);
      List<Bar> list = pendingBars.get(ts);
      list = list == null ? new ArrayList<>() : list;
      list.add(bar);
      pendingBars.put(ts, list);
      ctx.timerService().registerEventTimeTimer(ts);
    }
  }

  @Override
  public void processElement2(Signal signal, Context ctx, Collector<EquityPoint> out) throws Exception {
    long ts = EventTime.millisOf(signal.timestampMicros());
    List<Signal> list = pendingSignals.get(ts);
    list = list == null ? new ArrayList<>() : list;
    list.add(signal);
    pendingSignals.put(ts, list);
    ctx.timerService().registerEventTimeTimer(ts);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<EquityPoint> out) throws Exception {
    PortfolioState state = book.value();
    if (state != null) {
      simulator.restore(state);
    } else {
      simulator = new PortfolioSimulator(config);
    }
    List<Bar> bars = orEmpty(pendingBars.get(ts));
    List<Signal> signals = orEmpty(pendingSignals.get(ts));
    pendingBars.remove(ts);
    pendingSignals.remove(ts);
    bars.sort(Comparator.comparing(Bar::symbol));
    signals.sort(Comparator.comparing(Signal::symbol));
    for (Fill f : simulator.onInstant(bars, signals)) {
      ctx.output(FILLS, f);
    }
    book.update(simulator.state());
    if (!bars.isEmpty()) {
      out.collect(simulator.valuation(EventTime.availableAtMicros(ts)));
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? new ArrayList<>() : new ArrayList<>(list);
  }
}
