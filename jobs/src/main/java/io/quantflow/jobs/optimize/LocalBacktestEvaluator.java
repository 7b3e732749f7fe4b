package io.quantflow.jobs.optimize;

import io.quantflow.connectors.parquet.BarBlockReader;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Checks;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Timeframe;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.RunAnalysis;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.operators.pipeline.LocalPipeline;
import io.quantflow.operators.portfolio.SimulationConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-process backtest of one trial over a bar store: the pipeline's own functions run in the calling thread
 * ({@link LocalPipeline}), so an optimisation spreads trials over the slots of one Flink job instead of starting a
 * job per trial. A backtest job and this evaluator give the same equity for the same bars and configuration
 * ({@code LocalBacktestEvaluatorTest}). The store is read once per instance and timeframe and kept in memory as
 * columnar blocks (about 100 bytes per bar).
 */
public final class LocalBacktestEvaluator implements TrialEvaluator {
  private static final long serialVersionUID = 1L;

  /** The store's root folder as a string, so the evaluator serialises to task managers. */
  private final String storeRoot;
  private transient Map<Timeframe, Map<String, List<BarBlock>>> cache;
  private transient Map<String, io.quantflow.operators.ml.ScoringModel> models;

  /**
   * An evaluator over the bar store at {@code storeRoot}, a path that must exist on every task manager.
   *
   * @param storeRoot the store's root folder (with {@code bars/})
   */
  public LocalBacktestEvaluator(Path storeRoot) {
    this.storeRoot = Checks.notNull(storeRoot, "storeRoot").toAbsolutePath().normalize().toString();
  }

  @Override
  public TrialResult evaluate(JobConfig config, Window window) throws Exception {
    Timeframe tf = config.timeframe();
    Map<String, List<BarBlock>> all = bars(tf);
    Map<String, List<BarBlock>> slice = new TreeMap<>();
    for (Map.Entry<String, List<BarBlock>> e : all.entrySet()) {
      List<BarBlock> kept = new ArrayList<>();
      for (BarBlock b : e.getValue()) {
        BarBlock.Builder out = BarBlock.builder(b.symbol(), tf, b.size());
        for (int i = 0; i < b.size(); i++) {
          long t = b.startMicros()[i];
          if (t >= window.warmupStartMicros() && t < window.endMicros()) {
            out.add(b, i);
          }
        }
        if (out.size() > 0) {
          kept.add(out.build());
        }
      }
      if (!kept.isEmpty()) {
        slice.put(e.getKey(), kept);
      }
    }
    if (slice.isEmpty()) {
      throw new IllegalArgumentException("The store " + storeRoot + " has no " + tf.label() + " bars between "
          + io.quantflow.jobs.backtest.RunAnalysis.iso(window.warmupStartMicros()) + " and "
          + io.quantflow.jobs.backtest.RunAnalysis.iso(window.endMicros()) + "; set 'window' (or leave it out for "
          + "the whole store) to dates the store covers");
    }
    SimulationConfig simulation = config.simulation(Math.max(1, all.size()))
        .withCorporateActions(BacktestJob.corporateActions(Path.of(storeRoot)));
    io.quantflow.operators.ml.ScoringModel model = model(config);
    LocalPipeline.Result r = LocalPipeline.run(config.pipeline(), simulation, slice, window.startMicros(), model,
        config.model().gate());
    List<EquityPoint> equity = r.equity();
    double ppy = BacktestJob.periodsPerYear(tf);
    long[] times = new long[equity.size() + 1];
    double[] curve = new double[equity.size() + 1];
    times[0] = window.startMicros();
    curve[0] = simulation.initialCash();
    for (int i = 0; i < equity.size(); i++) {
      times[i + 1] = equity.get(i).timestampMicros();
      curve[i + 1] = equity.get(i).equity();
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!equity.isEmpty()) {
      RunAnalysis a = RunAnalysis.of(simulation.initialCash(), equity, r.output().fills, null, ppy,
          config.riskFreeRate());
      a.metrics().forEach((k, v) -> metrics.put(k, v instanceof Number n ? n.doubleValue()
          : "inf".equals(v) ? Double.POSITIVE_INFINITY : Double.NaN));
    }
    metrics.put("fills", (double) r.output().fills.size());
    metrics.put("signals", (double) r.signals().size());
    return new TrialResult(times, curve, metrics, ppy);
  }

  /** The configured model bound to the pipeline's rows, loaded once per version; null without {@code model.name}. */
  private synchronized io.quantflow.operators.ml.ScoringModel model(JobConfig config) {
    io.quantflow.jobs.config.ModelSettings m = config.model();
    if (!m.enabled()) {
      return null;
    }
    if (models == null) {
      models = new HashMap<>();
    }
    String key = io.quantflow.jobs.ml.ModelStage.registry(m).root() + "/" + m.name() + "@" + m.version();
    return models.computeIfAbsent(key, k -> io.quantflow.operators.ml.ArtefactLoader.of(
        io.quantflow.jobs.ml.ModelStage.load(m), config.pipeline().alignment().schema()));
  }

  private synchronized Map<String, List<BarBlock>> bars(Timeframe tf) {
    if (cache == null) {
      cache = new HashMap<>();
    }
    return cache.computeIfAbsent(tf, t -> {
      BarStore store = BarStore.at(Path.of(storeRoot));
      Map<String, List<BarBlock>> bySymbol = new TreeMap<>();
      for (Path file : store.files(t)) { // path order is time order within a symbol
        String dir = file.getParent().getFileName().toString();
        String symbol = dir.startsWith("symbol=") ? dir.substring("symbol=".length()) : dir;
        bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).addAll(BarBlockReader.read(file, t, 65_536));
      }
      return bySymbol;
    });
  }

  @Override
  public String toString() {
    return "LocalBacktestEvaluator[" + storeRoot + "]";
  }
}
