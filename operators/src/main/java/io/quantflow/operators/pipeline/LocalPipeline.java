package io.quantflow.operators.pipeline;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.portfolio.PortfolioBuffer;
import io.quantflow.operators.portfolio.PortfolioSimulator;
import io.quantflow.operators.portfolio.SimulationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.OutputTag;

/**
 * The BATCH pipeline in one thread without a Flink job: the very functions of {@link QuantPipeline}
 * ({@link BarPipelineFunction} per symbol, then the {@link PortfolioSimulator} over a {@link PortfolioBuffer}),
 * with keyed state held in plain fields. For work that runs many small backtests inside one Flink task, such as
 * the trials of a parameter optimisation; a backtest job and a local run of the same bars and configuration give
 * the same signals, fills and equity.
 */
public final class LocalPipeline {
  private LocalPipeline() {}

  /**
   * What a local run produced.
   *
   * @param signals the signals, symbol by symbol
   * @param equity one valuation per instant with bars that may trade
   * @param output the portfolio's fills, orders and positions
   * @param rejected refused inputs
   */
  public record Result(List<Signal> signals, List<EquityPoint> equity, PortfolioSimulator.Collected output,
      List<RejectedEvent> rejected) {}

  /**
   * Runs {@code bySymbol} (each symbol's base-timeframe blocks in time order) through features and signals, and
   * trades base bars that start at or after {@code tradeFromMicros}. Bars before it only warm the indicators up;
   * each symbol's last decision before it is re-issued at its first tradable bar's close, so the portfolio starts
   * from the position the strategy would hold rather than flat.
   */
  public static Result run(PipelineConfig config, SimulationConfig simulation, Map<String, List<BarBlock>> bySymbol,
      long tradeFromMicros) throws Exception {
    return run(config, simulation, bySymbol, tradeFromMicros, null, null);
  }

  /**
   * As {@link #run(PipelineConfig, SimulationConfig, Map, long)}, with the rule signals validated by {@code model}
   * against each symbol's aligned rows as the model step of a backtest validates them
   * ({@link io.quantflow.operators.ml.ModelGate}); the result's signals are the validated ones.
   *
   * @param model the model, or null for none
   * @param gate how it validates (ignored without a model)
   */
  public static Result run(PipelineConfig config, SimulationConfig simulation, Map<String, List<BarBlock>> bySymbol,
      long tradeFromMicros, io.quantflow.operators.ml.ScoringModel model, io.quantflow.operators.ml.GateConfig gate)
      throws Exception {
    io.quantflow.operators.ml.ModelGate modelGate = model == null ? null
        : new io.quantflow.operators.ml.ModelGate(gate == null ? io.quantflow.operators.ml.GateConfig.DEFAULT : gate);
    Timeframe base = config.baseTimeframe();
    PortfolioBuffer buffer = new PortfolioBuffer();
    List<Signal> allSignals = new ArrayList<>();
    List<RejectedEvent> rejected = new ArrayList<>();
    for (Map.Entry<String, List<BarBlock>> e : bySymbol.entrySet()) {
      BarPipelineFunction fn = new BarPipelineFunction(config, true);
      fn.openLocal();
      List<BarBlock> tradable = new ArrayList<>();
      List<Signal> signals = new ArrayList<>();
      List<io.quantflow.domain.WideRow> rows = new ArrayList<>();
      SymbolStagesFunction.Sink sink = new SymbolStagesFunction.Sink() {
        @Override
        @SuppressWarnings("unchecked")
        public <X> void side(OutputTag<X> tag, X value) {
          if (tag == SymbolStagesFunction.BARS) {
            BarBlock b = (BarBlock) value;
            if (b.timeframe() == base) {
              tradable.add(b);
            }
          } else if (tag == Rejections.TAG) {
            rejected.add((RejectedEvent) value);
          } else if (tag == SymbolStagesFunction.WIDE && modelGate != null) {
            io.quantflow.domain.WideBlock w = (io.quantflow.domain.WideBlock) value;
            for (int i = 0; i < w.size(); i++) {
              if (w.revision()[i] == 0 && !w.retracted()[i]) { // first versions, as a backtest's slices carry
                rows.add(w.row(i));
              }
            }
          }
        }

        @Override
        public void signal(Signal s) {
          signals.add(s);
        }

        @Override
        public void timer(long millis) {}
      };
      for (BarBlock block : e.getValue()) {
        fn.process(block, EventTime.millisOf(block), sink);
      }
      fn.finish(e.getKey(), Long.MAX_VALUE, sink);
      if (modelGate != null) {
        List<Signal> first = signals.stream().filter(x -> x.revision() == 0 && !x.retracted()).toList();
        signals.clear();
        signals.addAll(modelGate.validate(first, rows, model));
      }
      allSignals.addAll(signals);
      feed(buffer, tradable, signals, tradeFromMicros, base);
    }
    PortfolioSimulator sim = new PortfolioSimulator(simulation, base);
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    buffer.drain(Long.MAX_VALUE, sim, out);
    sim.finish(out);
    rejected.addAll(out.rejected);
    return new Result(allSignals, out.equity, out, rejected);
  }

  private static void feed(PortfolioBuffer buffer, List<BarBlock> bars, List<Signal> signals, long from,
      Timeframe base) {
    long firstTradable = Long.MAX_VALUE;
    for (BarBlock b : bars) {
      BarBlock.Builder keep = BarBlock.builder(b.symbol(), base, b.size());
      for (int i = 0; i < b.size(); i++) {
        if (b.startMicros()[i] >= from && b.revision()[i] == 0 && !b.isRetracted(i)) {
          keep.add(b, i);
          firstTradable = Math.min(firstTradable, b.availableAtMicros(i));
        }
      }
      if (keep.size() > 0) {
        buffer.addBars(keep.build());
      }
    }
    Signal carried = null;
    for (Signal s : signals) {
      if (s.revision() != 0 || s.retracted()) {
        continue;
      }
      if (s.timestampMicros() < firstTradable) {
        carried = s; // decided before the window could trade
      } else {
        if (carried != null) {
          if (s.timestampMicros() > firstTradable) {
            buffer.addSignal(reissue(carried, firstTradable));
          }
          carried = null;
        }
        buffer.addSignal(s);
      }
    }
    if (carried != null && firstTradable != Long.MAX_VALUE) {
      buffer.addSignal(reissue(carried, firstTradable));
    }
  }

  private static Signal reissue(Signal s, long at) {
    return new Signal(s.symbol(), at, s.direction(), s.strength(), s.horizonMicros(),
        "carried into the window: " + s.reason(), 0, false);
  }
}
