package io.quantflow.jobs.optimize;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.domain.Checks;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.models.metrics.PerformanceMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code quant walk-forward}: for each step of {@link WalkForwardWindow#plan}, optimises on the train sessions as
 * {@link OptimizeJob} does (one Flink job per step, one per round for TPE), picks the best trial by the objective,
 * and backtests its parameters on the following test sessions, which the optimisation never saw. The out-of-sample
 * test segments, chained into one equity curve, are the reported result.
 *
 * <p>Window lengths count sessions of the NYSE calendar. The test backtests of all steps are independent of each
 * other once every step is trained, so they run together as one final Flink job. Stitching: the curve starts at
 * the first segment's initial equity; every segment contributes its period returns {@code e_t / e_{t-1} - 1}
 * ({@code t >= 1}) compounded onto the previous segment's final equity, so a segment's own start (at its initial
 * cash) adds no period.
 *
 * <p>Writes {@code windows.parquet} (one row per step), {@code oos-equity.parquet} (the stitched curve),
 * {@code trials.parquet} (every step's trials, with a {@code window} column) and {@code metrics.json} (performance
 * of the stitched curve), each also as {@code .arrow} where it is a table.
 */
public final class WalkForwardJob {
  private WalkForwardJob() {}

  /**
   * One step of a walk-forward run.
   *
   * @param window the step's sessions
   * @param train the window the optimisation backtested over
   * @param test the out-of-sample window
   * @param trials the step's optimisation trials, in trial order
   * @param chosen the best trial of {@code trials}
   * @param outOfSample the chosen parameters backtested over {@code test}
   * @param outOfSampleObjective the objective of {@code outOfSample}, NaN when undefined
   */
  public record WindowResult(WalkForwardWindow window, TrialEvaluator.Window train, TrialEvaluator.Window test,
      List<TrialOutcome> trials, TrialOutcome chosen, TrialEvaluator.TrialResult outOfSample,
      double outOfSampleObjective) {}

  /**
   * What a walk-forward run produced.
   *
   * @param outputDir where the files are
   * @param windows every step, in order
   * @param timesMicros instants of the stitched out-of-sample curve, UTC epoch micros
   * @param equity the stitched out-of-sample equity, USD
   * @param segments the step each point of the curve comes from
   * @param metrics performance of the stitched curve, null with fewer than 2 points
   */
  public record Result(Path outputDir, List<WindowResult> windows, long[] timesMicros, double[] equity,
      int[] segments, PerformanceMetrics metrics) {

    /** A text table of the steps and the out-of-sample performance, for the console. */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "Walk-forward: %d steps%n", windows.size()));
      sb.append(String.format(Locale.ROOT, "%4s  %-23s  %-23s %11s %11s %9s  %s%n", "step", "train", "test",
          "IS obj", "OOS obj", "OOS ret", "chosen parameters"));
      for (WindowResult w : windows) {
        Double ret = w.outOfSample().metrics().get("total_return");
        sb.append(String.format(Locale.ROOT, "%4d  %s..%s  %s..%s %11.4f %11.4f %8.3f%%  %s%n",
            w.window().index(), w.window().trainStart(), w.window().trainEnd(), w.window().testStart(),
            w.window().testEnd(), w.chosen().objective(), w.outOfSampleObjective(),
            ret == null ? Double.NaN : 100 * ret, w.chosen().parameters().id()));
      }
      if (metrics != null) {
        sb.append(String.format(Locale.ROOT, "Out of sample (stitched): total return %+.3f%%, Sharpe %.2f, "
                + "Sortino %.2f, max drawdown %.3f%% over %d periods%n", 100 * metrics.totalReturn(),
            metrics.sharpe(), metrics.sortino(), 100 * metrics.maxDrawdown(), metrics.periods()));
      }
      return sb.toString();
    }
  }

  /**
   * Runs the walk-forward analysis of {@code spec} and writes its files into {@code outputDir}.
   *
   * @param spec a spec with {@code walkForward} settings and window dates
   * @param evaluator backtests one trial; serialised to every slot
   * @param progress receives progress lines
   * @throws IllegalArgumentException when the spec has no walk-forward settings, its window is too short for one
   *     step, a config is invalid or the objective is not a metric
   * @throws Exception when a Flink job fails
   */
  public static Result run(OptimizeSpec spec, TrialEvaluator evaluator, Path outputDir, Progress progress)
      throws Exception {
    return run(spec, evaluator, null, outputDir, progress);
  }

  /**
   * As {@link #run(OptimizeSpec, TrialEvaluator, Path, Progress)}; with {@code walkForward.retrain} set, each step
   * first trains the model of {@code config.model.name} on the bars of its train window (warm-up included) from
   * {@code store}, publishes it to {@code <output>/registry} (step {@code k} is version {@code k + 1}), and runs its
   * trials and its test backtest with that version. The model never sees a bar of the test window it is tested on:
   * its labels end with the train window's bars.
   *
   * @param store the bars to train on; required with {@code walkForward.retrain}
   */
  public static Result run(OptimizeSpec spec, TrialEvaluator evaluator, io.quantflow.connectors.store.BarStore store,
      Path outputDir, Progress progress) throws Exception {
    Checks.notNull(spec, "spec");
    Checks.notNull(evaluator, "evaluator");
    Checks.notNull(outputDir, "outputDir");
    Checks.notNull(progress, "progress");
    OptimizeSpec.WalkForward wf = spec.walkForward();
    Checks.isTrue(wf != null, "The spec has no 'walkForward:' section; add e.g. walkForward: {train: 60d, test: "
        + "20d}, or run it with quant optimize");
    List<LocalDate> sessions = OptimizeJob.sessions(spec);
    List<WalkForwardWindow> plan = WalkForwardWindow.plan(sessions, wf.trainSessions(), wf.testSessions(),
        wf.stepSessions(), wf.anchored());
    int warmup = wf.warmupDays();
    progress.report(String.format(Locale.ROOT, "walk-forward: %d steps over %d sessions %s..%s (%s, train %s, test "
            + "%s, step %s), %s search, objective %s", plan.size(), sessions.size(), sessions.get(0),
        sessions.get(sessions.size() - 1), wf.anchored() ? "anchored" : "rolling", wf.train(), wf.test(), wf.step(),
        spec.search().method(), spec.objective()));

    List<List<TrialOutcome>> trials = new ArrayList<>();
    List<TrialOutcome> chosen = new ArrayList<>();
    List<TrialRunner.Task> tests = new ArrayList<>();
    Retrainer retrainer = wf.retrain() == null ? null : new Retrainer(spec, store, outputDir, progress);
    List<Integer> modelVersions = new ArrayList<>();
    for (WalkForwardWindow w : plan) {
      OptimizeSpec stepSpec = spec;
      if (retrainer != null) {
        int v = retrainer.train(w, w.trainWindow(warmup));
        modelVersions.add(v);
        stepSpec = spec.withModel(spec.modelName(), retrainer.registry.root(), v);
      }
      List<TrialOutcome> t = OptimizeJob.search(stepSpec, evaluator, w.trainWindow(warmup),
          "walk-forward step " + w.index() + " train", progress);
      TrialOutcome best = OptimizeJob.best(t);
      trials.add(t);
      chosen.add(best);
      tests.add(new TrialRunner.Task(w.index(), best.config(), w.testWindow(warmup)));
    }
    List<TrialEvaluator.TrialResult> oos = TrialRunner.run(tests, evaluator, spec.parallelism(),
        "walk-forward test", progress, 0, tests.size());

    Objective objective = spec.objectiveFunction();
    List<WindowResult> windows = new ArrayList<>();
    for (int k = 0; k < plan.size(); k++) {
      WalkForwardWindow w = plan.get(k);
      windows.add(new WindowResult(w, w.trainWindow(warmup), w.testWindow(warmup), trials.get(k), chosen.get(k),
          oos.get(k), objective.of(oos.get(k).metrics())));
    }
    Stitched curve = stitch(oos);
    double periodsPerYear = oos.get(0).periodsPerYear();
    double riskFree = chosen.get(0).config().riskFreeRate();
    PerformanceMetrics metrics = curve.equity().length >= 2
        ? PerformanceMetrics.of(curve.equity(), periodsPerYear, riskFree) : null;

    progress.report("writing " + outputDir);
    Files.createDirectories(outputDir);
    RunOutputs.table(outputDir, "windows", windowsTable(spec), windows);
    List<OosPoint> points = new ArrayList<>();
    for (int i = 0; i < curve.equity().length; i++) {
      points.add(new OosPoint(curve.timesMicros()[i], curve.equity()[i], curve.segments()[i]));
    }
    RunOutputs.table(outputDir, "oos-equity", OOS_EQUITY, points);
    List<OptimizeJob.TrialRow> rows = new ArrayList<>();
    for (int k = 0; k < trials.size(); k++) {
      for (TrialOutcome t : trials.get(k)) {
        rows.add(new OptimizeJob.TrialRow(k, t));
      }
    }
    RunOutputs.table(outputDir, "trials", OptimizeJob.trialsTable(spec.space(), true), rows);
    RunOutputs.writeText(outputDir.resolve("metrics.json"), ConfigLoader.json().writeValueAsString(
        metricsJson(spec, plan, curve, metrics, oos)) + "\n");
    if (retrainer != null) {
      retrainer.writeSummary(plan, modelVersions);
    }
    return new Result(outputDir, windows, curve.timesMicros(), curve.equity(), curve.segments(), metrics);
  }

  /** Trains the model of each step on its train window only ({@code walkForward.retrain}). */
  private static final class Retrainer {
    private final String name;
    private final io.quantflow.jobs.config.TrainConfig config;
    private final io.quantflow.connectors.store.BarStore store;
    private final Path outputDir;
    private final Progress progress;
    final io.quantflow.models.ml.ModelRegistry registry;
    private final List<io.quantflow.jobs.ml.TrainJob.Result> results = new ArrayList<>();
    private List<io.quantflow.domain.Bar> bars;

    Retrainer(OptimizeSpec spec, io.quantflow.connectors.store.BarStore store, Path outputDir, Progress progress) {
      String retrain = spec.walkForward().retrain();
      this.name = spec.modelName();
      if (name == null) {
        throw new io.quantflow.jobs.cli.UserError("walkForward.retrain is set but config.model.name is not: name "
            + "the model to retrain, e.g. 'config: {model: {name: trend-gbt}}'");
      }
      if (store == null) {
        throw new IllegalArgumentException("walkForward.retrain needs the bar store to train on");
      }
      io.quantflow.jobs.config.TrainConfig c;
      if (retrain.equals("default")) {
        c = io.quantflow.jobs.config.TrainConfig.defaults();
      } else {
        Path file = Path.of(retrain);
        if (!Files.exists(file)) {
          throw new io.quantflow.jobs.cli.UserError("walkForward.retrain: no training config at " + file
              .toAbsolutePath() + "; give the path of a quant train YAML (e.g. config/model.yaml) or 'default'");
        }
        c = io.quantflow.jobs.config.ConfigLoader.load(file, io.quantflow.jobs.config.TrainConfig.class);
      }
      this.config = new io.quantflow.jobs.config.TrainConfig(c.pipeline(), c.label(), c.model().withName(name),
          c.validation());
      this.store = store;
      this.outputDir = outputDir;
      this.progress = progress;
      this.registry = new io.quantflow.models.ml.ModelRegistry(outputDir.resolve("registry"));
    }

    /** Trains on the bars of {@code train} (its warm-up included) and returns the published version. */
    int train(WalkForwardWindow w, TrialEvaluator.Window train) throws Exception {
      Path dir = outputDir.resolve("steps").resolve("step-" + w.index());
      io.quantflow.connectors.store.BarStore window = io.quantflow.connectors.store.BarStore.at(dir.resolve("store"));
      if (bars == null) { // read once for every step
        bars = store.read(config.pipeline().timeframe());
      }
      window.write(bars.stream()
          .filter(b -> b.timestampMicros() >= train.warmupStartMicros() && b.timestampMicros() < train.endMicros())
          .toList());
      progress.report("walk-forward step " + w.index() + ": retraining " + name + " on " + w.trainStart() + ".."
          + w.trainEnd());
      io.quantflow.jobs.ml.TrainJob.Result r = io.quantflow.jobs.ml.TrainJob.run(config, window,
          Files.createDirectories(dir.resolve("train")), registry, progress);
      results.add(r);
      return r.artifact().info().version();
    }

    /** {@code models.json}: per step, the version, its training window and its out-of-sample validation. */
    void writeSummary(List<WalkForwardWindow> plan, List<Integer> versions) throws java.io.IOException {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int k = 0; k < plan.size(); k++) {
        io.quantflow.jobs.ml.TrainJob.Result r = results.get(k);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", plan.get(k).index());
        m.put("model", name);
        m.put("version", versions.get(k));
        m.put("trainStart", plan.get(k).trainStart().toString());
        m.put("trainEnd", plan.get(k).trainEnd().toString());
        m.put("samples", r.set().size());
        m.put("validation", r.artifact().info().validation());
        rows.add(m);
      }
      RunOutputs.writeText(outputDir.resolve("models.json"), ConfigLoader.json().writeValueAsString(rows) + "\n");
    }
  }

  /**
   * The out-of-sample curve of consecutive test segments.
   *
   * @param timesMicros instants, UTC epoch micros
   * @param equity USD
   * @param segments the segment index of each point
   */
  record Stitched(long[] timesMicros, double[] equity, int[] segments) {}

  /**
   * Chains segment returns: point 0 is segment 0's first point; then for each segment {@code k} and {@code t >= 1},
   * {@code level_k * e_t / e_0}, where {@code level_k} is the curve's value before the segment.
   */
  static Stitched stitch(List<TrialEvaluator.TrialResult> segments) {
    Checks.isTrue(!segments.isEmpty(), "Argument 'segments' must not be empty");
    int n = 1;
    for (TrialEvaluator.TrialResult s : segments) {
      n += s.equity().length - 1;
    }
    long[] times = new long[n];
    double[] equity = new double[n];
    int[] window = new int[n];
    times[0] = segments.get(0).timesMicros()[0];
    equity[0] = segments.get(0).equity()[0];
    int i = 1;
    for (int k = 0; k < segments.size(); k++) {
      TrialEvaluator.TrialResult s = segments.get(k);
      double level = equity[i - 1];
      double start = s.equity()[0];
      Checks.isTrue(start > 0, "Segment %s starts at equity %s; it must be positive to chain returns", k, start);
      for (int t = 1; t < s.equity().length; t++, i++) {
        times[i] = s.timesMicros()[t];
        equity[i] = level * (s.equity()[t] / start);
        window[i] = k;
      }
    }
    return new Stitched(times, equity, window);
  }

  /** A point of {@code oos-equity.parquet}. */
  record OosPoint(long timestampMicros, double equity, int window) {}

  private static final ParquetTable<OosPoint> OOS_EQUITY = ParquetTable.<OosPoint>builder("oos_equity")
      .timestampMicros("timestamp", OosPoint::timestampMicros)
      .float64("equity", OosPoint::equity)
      .int64("window", OosPoint::window)
      .build();

  /**
   * {@code windows.parquet}: step, train and test bounds (UTC instants, start inclusive, end exclusive), session
   * dates, the chosen trial, the in-sample objective and the out-of-sample objective and metrics.
   */
  private static ParquetTable<WindowResult> windowsTable(OptimizeSpec spec) {
    ParquetTable.Builder<WindowResult> b = ParquetTable.<WindowResult>builder("walk_forward_window")
        .int64("window", w -> w.window().index())
        .timestampMicros("train_start", w -> w.train().startMicros())
        .timestampMicros("train_end", w -> w.train().endMicros())
        .timestampMicros("test_start", w -> w.test().startMicros())
        .timestampMicros("test_end", w -> w.test().endMicros())
        .string("train_first_session", w -> w.window().trainStart().toString())
        .string("train_last_session", w -> w.window().trainEnd().toString())
        .string("test_first_session", w -> w.window().testStart().toString())
        .string("test_last_session", w -> w.window().testEnd().toString())
        .int64("chosen_trial", w -> w.chosen().trial())
        .string("chosen_parameters", w -> w.chosen().parameters().id())
        .optionalFloat64("in_sample_objective", w -> w.chosen().objective())
        .optionalFloat64("oos_objective", WindowResult::outOfSampleObjective);
    for (String m : OptimizeJob.MAIN_METRICS) {
      b.optionalFloat64("oos_" + m, w -> {
        Double v = w.outOfSample().metrics().get(m);
        return v == null ? Double.NaN : v;
      });
    }
    return b.build();
  }

  private static Map<String, Object> metricsJson(OptimizeSpec spec, List<WalkForwardWindow> plan, Stitched curve,
      PerformanceMetrics m, List<TrialEvaluator.TrialResult> oos) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (m != null) {
      json.put("total_return", io.quantflow.jobs.backtest.RunAnalysis.finite(m.totalReturn()));
      json.put("annualized_return", io.quantflow.jobs.backtest.RunAnalysis.finite(m.annualizedReturn()));
      json.put("annualized_volatility", io.quantflow.jobs.backtest.RunAnalysis.finite(m.annualizedVolatility()));
      json.put("sharpe", io.quantflow.jobs.backtest.RunAnalysis.finite(m.sharpe()));
      json.put("sortino", io.quantflow.jobs.backtest.RunAnalysis.finite(m.sortino()));
      json.put("calmar", io.quantflow.jobs.backtest.RunAnalysis.finite(m.calmar()));
      json.put("max_drawdown", io.quantflow.jobs.backtest.RunAnalysis.finite(m.maxDrawdown()));
      json.put("max_drawdown_duration_periods", m.maxDrawdownPeriods());
      json.put("skewness", io.quantflow.jobs.backtest.RunAnalysis.finite(m.skewness()));
      json.put("excess_kurtosis", io.quantflow.jobs.backtest.RunAnalysis.finite(m.excessKurtosis()));
      json.put("best_period", io.quantflow.jobs.backtest.RunAnalysis.finite(m.bestPeriod()));
      json.put("worst_period", io.quantflow.jobs.backtest.RunAnalysis.finite(m.worstPeriod()));
      json.put("periods", m.periods());
      json.put("periods_per_year", m.periodsPerYear());
      json.put("risk_free_rate", m.riskFreeRate());
    }
    double[] e = curve.equity();
    json.put("initial_equity", e[0]);
    json.put("final_equity", e[e.length - 1]);
    json.put("start", io.quantflow.jobs.backtest.RunAnalysis.iso(curve.timesMicros()[0]));
    json.put("end", io.quantflow.jobs.backtest.RunAnalysis.iso(curve.timesMicros()[curve.timesMicros().length - 1]));
    json.put("windows", plan.size());
    OptimizeSpec.WalkForward wf = spec.walkForward();
    json.put("train_sessions", wf.trainSessions());
    json.put("test_sessions", wf.testSessions());
    json.put("step_sessions", wf.stepSessions());
    json.put("anchored", wf.anchored());
    json.put("warmup_sessions", wf.warmupDays());
    json.put("method", spec.search().method());
    json.put("objective", spec.objective());
    List<String> notes = new ArrayList<>();
    if (oos.stream().anyMatch(r -> r.periodsPerYear() != oos.get(0).periodsPerYear())) {
      notes.add("The test segments have different periods per year; the metrics use the first segment's");
    }
    json.put("notes", notes);
    return json;
  }
}
