package io.quantflow.jobs.optimize;

import static io.quantflow.jobs.backtest.RunAnalysis.finite;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.domain.Checks;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.models.optimize.Dimension;
import io.quantflow.models.optimize.ParameterSet;
import io.quantflow.models.optimize.ParameterSpace;
import io.quantflow.models.optimize.RandomSearch;
import io.quantflow.models.optimize.TpeOptimizer;
import io.quantflow.models.stats.PboResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code quant optimize}: searches the parameter space of an {@link OptimizeSpec}, backtesting every trial with a
 * {@link TrialEvaluator} inside Flink, and reports the best trial with its deflated Sharpe ratio and the
 * probability of backtest overfitting.
 *
 * <p>Grid and random search run as one Flink BATCH job: the points are a bounded source, rebalanced round-robin
 * over the slots, each slot evaluating its share with its own evaluator instance. TPE runs in rounds of
 * {@code search.batch} points, one Flink job per round; each round's results are told back to the optimiser in
 * trial order before the next round is asked for, so the search is the same at any parallelism.
 *
 * <p>Writes into the output folder: {@code trials.parquet} and {@code trials.arrow} (one row per trial, in trial
 * order), {@code best.yaml} (the best trial's config, ready for {@code quant backtest --config}) and
 * {@code optimization.json} (best trial, deflated Sharpe ratio, PBO). Every file is a pure function of the spec and
 * the evaluator's results, so the same at any parallelism; only {@code best.yaml} records
 * {@code config.parallelism}.
 */
public final class OptimizeJob {
  /** The metrics columns of {@code trials.parquet}, keys of the trials' metrics. */
  static final List<String> MAIN_METRICS = List.of("total_return", "annualized_return", "annualized_volatility",
      "sharpe", "sortino", "calmar", "max_drawdown");

  private OptimizeJob() {}

  /**
   * What an optimisation produced.
   *
   * @param outputDir where the files are
   * @param spec the spec run
   * @param window the window every trial was backtested over
   * @param trials every trial, in trial order
   * @param best the trial with the highest objective (the lowest trial id on ties)
   * @param overfitting deflated Sharpe ratio and PBO of the search
   */
  public record Result(Path outputDir, OptimizeSpec spec, TrialEvaluator.Window window, List<TrialOutcome> trials,
      TrialOutcome best, OverfittingReport overfitting) {

    /** A text table of the 10 best trials followed by the deflated Sharpe ratio and PBO, for the console. */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "Optimisation: %d trials (%s search), objective %s; best trial %d: %s%n",
          trials.size(), spec.search().method(), spec.objective(), best.trial(), best.parameters().id()));
      sb.append(String.format(Locale.ROOT, "%4s %6s %11s %8s %11s %10s  %s%n", "rank", "trial", "objective",
          "sharpe", "total ret", "max dd", "parameters"));
      List<TrialOutcome> ranked = ranked(trials);
      for (int i = 0; i < Math.min(10, ranked.size()); i++) {
        TrialOutcome t = ranked.get(i);
        sb.append(String.format(Locale.ROOT, "%4d %6d %11.4f %8.3f %10.3f%% %9.3f%%  %s%n", i + 1, t.trial(),
            t.objective(), t.metric("sharpe"), 100 * t.metric("total_return"), 100 * t.metric("max_drawdown"),
            t.parameters().id()));
      }
      sb.append(overfittingLines(overfitting));
      return sb.toString();
    }
  }

  /**
   * Runs the search of {@code spec} and writes its files into {@code outputDir}.
   *
   * @param spec the spec; its window dates must be set ({@link OptimizeSpec#withDefaultWindow} fills them from a
   *     store)
   * @param evaluator backtests one trial; serialised to every slot
   * @param progress receives "trials done / total" lines
   * @throws IllegalArgumentException when the spec has no window dates, the window holds no session, a trial's
   *     config is invalid or the objective is not a metric of the trials
   * @throws Exception when a Flink job fails
   */
  public static Result run(OptimizeSpec spec, TrialEvaluator evaluator, Path outputDir, Progress progress)
      throws Exception {
    Checks.notNull(spec, "spec");
    Checks.notNull(evaluator, "evaluator");
    Checks.notNull(outputDir, "outputDir");
    Checks.notNull(progress, "progress");
    List<LocalDate> sessions = sessions(spec);
    TrialEvaluator.Window window = Sessions.window(sessions.get(0), sessions.get(sessions.size() - 1),
        spec.window().warmupDays());
    progress.report(String.format(Locale.ROOT, "optimize: %s search, objective %s, %d sessions %s..%s, "
            + "parallelism %d", spec.search().method(), spec.objective(), sessions.size(), sessions.get(0),
        sessions.get(sessions.size() - 1), spec.parallelism()));
    List<TrialOutcome> trials = search(spec, evaluator, window, "optimize", progress);
    TrialOutcome best = best(trials);
    OverfittingReport overfitting = OverfittingReport.of(trials, best);

    progress.report("writing " + outputDir);
    Files.createDirectories(outputDir);
    List<TrialRow> rows = trials.stream().map(t -> new TrialRow(0, t)).toList();
    RunOutputs.table(outputDir, "trials", trialsTable(spec.space(), false), rows);
    RunOutputs.writeText(outputDir.resolve("best.yaml"), ConfigLoader.toYaml(best.config()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", spec.search().method());
    json.put("objective", spec.objective());
    json.put("trials", trials.size());
    json.put("window", windowJson(sessions.get(0), sessions.get(sessions.size() - 1), window));
    json.put("best", trialJson(best));
    json.put("deflated_sharpe", deflatedSharpeJson(overfitting));
    json.put("pbo", pboJson(overfitting));
    json.put("notes", overfitting.notes());
    RunOutputs.writeText(outputDir.resolve("optimization.json"), ConfigLoader.json().writeValueAsString(json) + "\n");
    return new Result(outputDir, spec, window, trials, best, overfitting);
  }

  /** The NYSE sessions of the spec's window. */
  static List<LocalDate> sessions(OptimizeSpec spec) {
    LocalDate start = spec.window().startDate();
    LocalDate end = spec.window().endDate();
    Checks.isTrue(start != null && end != null, "The spec has no window dates; set window.start and window.end, or "
        + "run it through quant, which takes the missing ones from the --data store");
    List<LocalDate> sessions = Sessions.between(start, end);
    Checks.isTrue(!sessions.isEmpty(), "The window %s..%s holds no NYSE session; widen window.start and window.end",
        start, end);
    return sessions;
  }

  /**
   * Runs the search of {@code spec} over {@code window}: one Flink job for grid and random search, one per round of
   * {@code search.batch} trials for TPE.
   *
   * @param jobName Flink job name and progress prefix
   * @return every trial in trial order
   */
  static List<TrialOutcome> search(OptimizeSpec spec, TrialEvaluator evaluator, TrialEvaluator.Window window,
      String jobName, Progress progress) throws Exception {
    ParameterSpace space = spec.space();
    OptimizeSpec.Search s = spec.search();
    switch (s.method()) {
      case "grid" -> {
        List<ParameterSet> grid = space.grid();
        return evaluate(spec, evaluator, window, grid, 0, jobName, progress, grid.size());
      }
      case "random" -> {
        RandomSearch random = new RandomSearch(space, s.seed());
        List<ParameterSet> points = new ArrayList<>();
        for (int i = 0; i < s.trials(); i++) {
          points.add(random.ask());
        }
        return evaluate(spec, evaluator, window, points, 0, jobName, progress, points.size());
      }
      default -> {
        TpeOptimizer tpe = new TpeOptimizer(space, s.seed());
        List<TrialOutcome> all = new ArrayList<>();
        for (int round = 1; all.size() < s.trials(); round++) {
          int k = Math.min(s.batch(), s.trials() - all.size());
          List<ParameterSet> asks = new ArrayList<>(k);
          for (int i = 0; i < k; i++) {
            asks.add(tpe.ask());
          }
          List<TrialOutcome> done = evaluate(spec, evaluator, window, asks, all.size(),
              jobName + " round " + round, progress, s.trials());
          for (TrialOutcome t : done) {
            tpe.tell(t.parameters(), Objective.rankable(t.objective()));
          }
          all.addAll(done);
        }
        return all;
      }
    }
  }

  private static List<TrialOutcome> evaluate(OptimizeSpec spec, TrialEvaluator evaluator,
      TrialEvaluator.Window window, List<ParameterSet> points, int firstId, String jobName, Progress progress,
      int total) throws Exception {
    List<TrialRunner.Task> tasks = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      tasks.add(new TrialRunner.Task(firstId + i, spec.render(points.get(i)), window));
    }
    List<TrialEvaluator.TrialResult> results =
        TrialRunner.run(tasks, evaluator, spec.parallelism(), jobName, progress, firstId, total);
    Objective objective = spec.objectiveFunction();
    List<TrialOutcome> out = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      TrialEvaluator.TrialResult r = results.get(i);
      out.add(new TrialOutcome(firstId + i, points.get(i), tasks.get(i).config(), objective.of(r.metrics()), r));
    }
    return out;
  }

  /** The trial with the highest objective, NaN ranking last, the lowest trial id on ties. */
  static TrialOutcome best(List<TrialOutcome> trials) {
    Checks.isTrue(!trials.isEmpty(), "Argument 'trials' must not be empty");
    TrialOutcome best = trials.get(0);
    for (TrialOutcome t : trials) {
      if (Objective.rankable(t.objective()) > Objective.rankable(best.objective())) {
        best = t;
      }
    }
    return best;
  }

  /** Trials best first (NaN last), ties in trial order. */
  static List<TrialOutcome> ranked(List<TrialOutcome> trials) {
    List<TrialOutcome> out = new ArrayList<>(trials);
    out.sort(Comparator.comparingDouble((TrialOutcome t) -> Objective.rankable(t.objective())).reversed()
        .thenComparingInt(TrialOutcome::trial));
    return out;
  }

  /** A row of {@code trials.parquet}; {@code window} is written only by walk-forward runs. */
  record TrialRow(int window, TrialOutcome trial) {}

  /**
   * The trials table: {@code [window,] trial, param_<name>... (categories as strings, numbers as doubles),
   * parameters, objective, <metrics>}; undefined values are null.
   */
  static ParquetTable<TrialRow> trialsTable(ParameterSpace space, boolean withWindow) {
    ParquetTable.Builder<TrialRow> b = ParquetTable.builder("trial");
    if (withWindow) {
      b.int64("window", TrialRow::window);
    }
    b.int64("trial", r -> r.trial().trial());
    for (Dimension d : space.dimensions()) {
      String name = d.name();
      if (d instanceof Dimension.Categorical) {
        b.string("param_" + name, r -> r.trial().parameters().getString(name));
      } else {
        b.float64("param_" + name, r -> r.trial().parameters().getDouble(name));
      }
    }
    b.string("parameters", r -> r.trial().parameters().id());
    b.optionalFloat64("objective", r -> r.trial().objective());
    for (String m : MAIN_METRICS) {
      b.optionalFloat64(m, r -> r.trial().metric(m));
    }
    return b.build();
  }

  static Map<String, Object> trialJson(TrialOutcome t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("trial", t.trial());
    json.put("parameters", t.parameters().values());
    json.put("objective", finite(t.objective()));
    Map<String, Object> metrics = new LinkedHashMap<>();
    t.result().metrics().forEach((k, v) -> metrics.put(k, v == null ? null : finite(v)));
    json.put("metrics", metrics);
    return json;
  }

  static Map<String, Object> windowJson(LocalDate first, LocalDate last, TrialEvaluator.Window w) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("first_session", first.toString());
    json.put("last_session", last.toString());
    json.put("warmup_start", io.quantflow.jobs.backtest.RunAnalysis.iso(w.warmupStartMicros()));
    json.put("start", io.quantflow.jobs.backtest.RunAnalysis.iso(w.startMicros()));
    json.put("end", io.quantflow.jobs.backtest.RunAnalysis.iso(w.endMicros()));
    return json;
  }

  static Map<String, Object> deflatedSharpeJson(OverfittingReport r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("value", finite(r.deflatedSharpe()));
    json.put("sharpe_per_period", finite(r.sharpe()));
    json.put("expected_max_sharpe", finite(r.expectedMaxSharpe()));
    json.put("trial_sharpe_variance", finite(r.trialSharpeVariance()));
    json.put("trials", r.trials());
    json.put("periods", r.periods());
    json.put("skewness", finite(r.skewness()));
    json.put("kurtosis", finite(r.kurtosis()));
    return json;
  }

  static Map<String, Object> pboJson(OverfittingReport r) {
    PboResult p = r.pbo();
    if (p == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("value", p.pbo());
    json.put("probability_of_loss", p.probabilityOfLoss());
    json.put("blocks", r.pboBlocks());
    json.put("combinations", p.combinations());
    json.put("periods", r.pboPeriods());
    json.put("aligned_on_common_instants", r.aligned());
    return json;
  }

  static String overfittingLines(OverfittingReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Deflated Sharpe ratio of the best trial: %s (per-period Sharpe %.4f vs "
            + "%.4f expected from the best of %d skill-less trials; n = %d periods)%n", number(r.deflatedSharpe()),
        r.sharpe(), r.expectedMaxSharpe(), r.trials(), r.periods()));
    if (r.pbo() != null) {
      sb.append(String.format(Locale.ROOT, "Probability of backtest overfitting: %.3f (CSCV: %d splits of %d blocks "
              + "over %d periods; P(out-of-sample loss) %.3f)%n", r.pbo().pbo(), r.pbo().combinations(),
          r.pboBlocks(), r.pboPeriods(), r.pbo().probabilityOfLoss()));
    } else {
      sb.append(String.format(Locale.ROOT, "Probability of backtest overfitting: n/a%n"));
    }
    for (String note : r.notes()) {
      sb.append("note: ").append(note).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String number(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : "n/a";
  }


}
