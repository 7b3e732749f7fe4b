package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.metrics.PerformanceMetrics;
import io.quantflow.models.optimize.ParameterSet;
import io.quantflow.models.optimize.TpeOptimizer;
import io.quantflow.models.stats.Pbo;
import io.quantflow.models.stats.PboResult;
import io.quantflow.models.stats.SharpeStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OptimizeJob} on a MiniCluster with the {@link SyntheticEvaluator}: the grid job evaluates every trial
 * exactly once and writes the same bytes at parallelism 1 and 2, TPE rounds replay exactly, and the deflated
 * Sharpe ratio and PBO it reports are those of direct calls on the trials' curves.
 */
class OptimizeJobITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** 3 x 3 x 2 = 18 trials over Mon 2019-02-11 to Fri 2019-02-15: 5 days of hourly points, 120 points. */
  private static final String GRID = """
      config:
        seed: ${exposure}
        portfolio: {costBps: "${cost}", grossLeverage: "${lev}"}
      parameters:
        exposure: {min: -1, max: 1}
        cost: {min: 0.5, max: 1.5, points: 3}
        lev: {values: [1, 2]}
      window: {start: 2019-02-11, end: 2019-02-15}
      """;

  private static final String TPE = """
      config:
        seed: ${exposure}
        portfolio: {costBps: "${cost}", grossLeverage: "${lev}"}
      parameters:
        exposure: {min: -1, max: 1}
        cost: {min: 0.0, max: 5.0}
        lev: {min: 0.5, max: 2.0, log: true}
      search: {method: tpe, trials: 14, batch: 4, seed: 7}
      window: {start: 2019-02-11, end: 2019-02-15}
      """;

  @TempDir static Path dir;
  private static OptimizeSpec grid;
  private static OptimizeJob.Result p1;
  private static OptimizeJob.Result p2;
  private static List<RecordingEvaluator.Call> calls1;
  private static List<RecordingEvaluator.Call> calls2;
  private static final Queue<String> PROGRESS = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void runTheGridAtParallelismOneAndTwo() throws Exception {
    Files.writeString(dir.resolve("grid.yaml"), GRID);
    grid = OptimizeSpec.load(dir.resolve("grid.yaml"));
    RecordingEvaluator e1 = new RecordingEvaluator("grid-p1");
    RecordingEvaluator e2 = new RecordingEvaluator("grid-p2");
    p1 = OptimizeJob.run(grid.withParallelism(1), e1, dir.resolve("p1"), PROGRESS::add);
    p2 = OptimizeJob.run(grid.withParallelism(2), e2, dir.resolve("p2"), Progress.NONE);
    calls1 = e1.calls();
    calls2 = e2.calls();
  }

  /** The parameters a call was evaluated with, read back from its config: {@code exposure,cost,lev}. */
  private static String paramsOf(JobConfig c) {
    return c.seed() + "," + c.portfolio().costBps() + "," + c.portfolio().grossLeverage();
  }

  private static String paramsOf(ParameterSet p) {
    return p.getInt("exposure") + "," + p.getDouble("cost") + "," + Double.parseDouble(p.getString("lev"));
  }

  /** Per-period Sharpe ratio written out: mean over sample standard deviation of {@code e_t / e_(t-1) - 1}. */
  private static double sharpePerPeriod(double[] equity) {
    int n = equity.length - 1;
    double sum = 0;
    for (int t = 1; t <= n; t++) {
      sum += equity[t] / equity[t - 1] - 1;
    }
    double mean = sum / n;
    double ss = 0;
    for (int t = 1; t <= n; t++) {
      double d = equity[t] / equity[t - 1] - 1 - mean;
      ss += d * d;
    }
    return mean / Math.sqrt(ss / (n - 1));
  }

  @Test
  void everyGridPointIsEvaluatedExactlyOnceAtEitherParallelism() {
    List<String> expected = grid.space().grid().stream().map(OptimizeJobITCase::paramsOf).sorted().toList();
    assertThat(expected).hasSize(18).doesNotHaveDuplicates();
    assertThat(calls1.stream().map(c -> paramsOf(c.config())).sorted().toList()).isEqualTo(expected);
    assertThat(calls2.stream().map(c -> paramsOf(c.config())).sorted().toList()).isEqualTo(expected);
    for (OptimizeJob.Result r : List.of(p1, p2)) {
      assertThat(r.trials()).extracting(TrialOutcome::trial)
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
      assertThat(r.trials()).extracting(TrialOutcome::parameters).isEqualTo(grid.space().grid());
    }
    // every trial saw the whole window: Mon 00:00 New York (05:00Z) to Sat 00:00, 120 hourly points
    assertThat(calls1).allSatisfy(c -> assertThat(c.window()).isEqualTo(
        new TrialEvaluator.Window(1_549_861_200_000_000L, 1_549_861_200_000_000L, 1_550_293_200_000_000L)));
    assertThat(p1.trials()).allSatisfy(t -> assertThat(t.result().equity()).hasSize(120));
    assertThat(PROGRESS).contains("[optimize] 18/18 trials done");
  }

  @Test
  void theFilesAreIdenticalAtParallelismOneAndTwo() throws Exception {
    for (String f : List.of("trials.parquet", "trials.arrow", "optimization.json")) {
      assertThat(Files.readAllBytes(dir.resolve("p2").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("p1").resolve(f)));
    }
    // the best config records the parallelism it was run with, and only that differs
    assertThat(Files.readString(dir.resolve("p2/best.yaml")))
        .isEqualTo(Files.readString(dir.resolve("p1/best.yaml")).replace("parallelism: 1\n", "parallelism: 2\n"))
        .contains("parallelism: 2\n");
  }

  @Test
  void theTrialsTableHoldsEachTrialWithItsParametersAndObjective() throws Exception {
    Path table = dir.resolve("p1").resolve("trials.parquet");
    List<ParameterSet> points = grid.space().grid();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT trial, param_exposure, param_cost, param_lev, parameters, objective, "
            + "sharpe FROM '" + table + "' ORDER BY trial")) {
      int i = 0;
      while (rs.next()) {
        ParameterSet p = points.get(i);
        assertThat(rs.getInt(1)).isEqualTo(i);
        assertThat(rs.getDouble(2)).isEqualTo(p.getInt("exposure"));
        assertThat(rs.getDouble(3)).isEqualTo(p.getDouble("cost"));
        assertThat(rs.getString(4)).isEqualTo(p.getString("lev"));
        assertThat(rs.getString(5)).isEqualTo(p.id());
        // objective sharpe = per-period Sharpe * sqrt(periods per year) of the trial's curve
        double sharpe = sharpePerPeriod(p1.trials().get(i).result().equity())
            * Math.sqrt(SyntheticEvaluator.PERIODS_PER_YEAR);
        assertThat(rs.getDouble(6)).isCloseTo(sharpe, within(1e-9));
        assertThat(rs.getDouble(7)).isEqualTo(rs.getDouble(6));
        i++;
      }
      assertThat(i).isEqualTo(18);
    }
  }

  @Test
  void bestYamlIsTheBestTrialsConfig() throws Exception {
    int best = 0;
    for (TrialOutcome t : p1.trials()) {
      if (sharpePerPeriod(t.result().equity()) > sharpePerPeriod(p1.trials().get(best).result().equity())) {
        best = t.trial();
      }
    }
    assertThat(p1.best().trial()).isEqualTo(best);
    JobConfig config = ConfigLoader.load(dir.resolve("p1").resolve("best.yaml"), JobConfig.class);
    assertThat(paramsOf(config)).isEqualTo(paramsOf(p1.trials().get(best).parameters()));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("p1").resolve("optimization.json").toFile());
    assertThat(json.at("/best/trial").asInt()).isEqualTo(best);
    assertThat(json.at("/trials").asInt()).isEqualTo(18);
  }

  @Test
  void theDeflatedSharpeRatioIsThatOfADirectCallOnTheTrials() throws Exception {
    List<TrialOutcome> trials = p1.trials();
    double[] sr = trials.stream().mapToDouble(t -> sharpePerPeriod(t.result().equity())).toArray();
    double mean = java.util.Arrays.stream(sr).average().orElseThrow();
    double variance = java.util.Arrays.stream(sr).map(x -> (x - mean) * (x - mean)).sum() / (sr.length - 1);
    int best = p1.best().trial();
    double[] bestEquity = trials.get(best).result().equity();
    PerformanceMetrics m = PerformanceMetrics.of(bestEquity, SyntheticEvaluator.PERIODS_PER_YEAR, 0);
    double expected = SharpeStatistics.deflatedSharpe(sr[best], 119, m.skewness(), m.excessKurtosis() + 3,
        variance, 18);

    JsonNode dsr = new ObjectMapper().readTree(dir.resolve("p1").resolve("optimization.json").toFile())
        .get("deflated_sharpe");
    assertThat(dsr.get("value").asDouble()).isCloseTo(expected, within(1e-12));
    assertThat(dsr.get("sharpe_per_period").asDouble()).isCloseTo(sr[best], within(1e-12));
    assertThat(dsr.get("trial_sharpe_variance").asDouble()).isCloseTo(variance, within(1e-15));
    assertThat(dsr.get("trials").asInt()).isEqualTo(18);
    assertThat(dsr.get("periods").asInt()).isEqualTo(119);
    assertThat(dsr.get("kurtosis").asDouble()).isCloseTo(m.excessKurtosis() + 3, within(1e-12));
    assertThat(p1.overfitting().deflatedSharpe()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void pboIsThatOfADirectCallOnTheReturnMatrix() throws Exception {
    List<TrialOutcome> trials = p1.trials();
    double[][] returns = new double[119][trials.size()];
    for (int j = 0; j < trials.size(); j++) {
      double[] e = trials.get(j).result().equity();
      for (int t = 1; t < e.length; t++) {
        returns[t - 1][j] = e[t] / e[t - 1] - 1;
      }
    }
    // T = 119 periods: 16 blocks of 7 or 8 rows
    PboResult expected = Pbo.estimate(returns, 16);

    JsonNode pbo = new ObjectMapper().readTree(dir.resolve("p1").resolve("optimization.json").toFile()).get("pbo");
    assertThat(pbo.get("value").asDouble()).isEqualTo(expected.pbo());
    assertThat(pbo.get("probability_of_loss").asDouble()).isEqualTo(expected.probabilityOfLoss());
    assertThat(pbo.get("blocks").asInt()).isEqualTo(16);
    assertThat(pbo.get("combinations").asInt()).isEqualTo(12_870); // C(16, 8)
    assertThat(pbo.get("periods").asInt()).isEqualTo(119);
    assertThat(pbo.get("aligned_on_common_instants").asBoolean()).isFalse();
    assertThat(p1.overfitting().pbo().logits()).isEqualTo(expected.logits());
  }

  @Test
  void theSummaryListsTheTopTenAndTheStatistics() {
    String summary = p1.summary();
    assertThat(summary.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+ .*"))).hasSize(10);
    assertThat(summary).contains("best trial " + p1.best().trial() + ": " + p1.best().parameters().id())
        .contains("Deflated Sharpe ratio of the best trial: ")
        .contains("Probability of backtest overfitting: ")
        .contains("12870 splits of 16 blocks over 119 periods");
  }

  @Test
  void tpeRoundsAreDeterministicAndReplayTheAskTellProtocol() throws Exception {
    Files.writeString(dir.resolve("tpe.yaml"), TPE);
    OptimizeSpec spec = OptimizeSpec.load(dir.resolve("tpe.yaml"));
    List<String> progress = new ArrayList<>();
    OptimizeJob.Result a = OptimizeJob.run(spec.withParallelism(1), new SyntheticEvaluator(), dir.resolve("tpe1"),
        progress::add);
    OptimizeJob.Result b = OptimizeJob.run(spec.withParallelism(2), new SyntheticEvaluator(), dir.resolve("tpe2"),
        Progress.NONE);

    assertThat(Files.readAllBytes(dir.resolve("tpe2/trials.parquet")))
        .isEqualTo(Files.readAllBytes(dir.resolve("tpe1/trials.parquet")));
    // rounds of 4, 4, 4 and 2 trials, one Flink job each
    assertThat(progress).contains("[optimize round 1] 4/14 trials done", "[optimize round 2] 8/14 trials done",
        "[optimize round 3] 12/14 trials done", "[optimize round 4] 14/14 trials done");

    // the same protocol in-process: ask a round, evaluate it, tell it in trial order, ask the next
    TpeOptimizer tpe = new TpeOptimizer(spec.space(), 7);
    SyntheticEvaluator direct = new SyntheticEvaluator();
    List<ParameterSet> asked = new ArrayList<>();
    List<Double> objectives = new ArrayList<>();
    for (int round : new int[] {4, 4, 4, 2}) {
      List<ParameterSet> batch = new ArrayList<>();
      for (int i = 0; i < round; i++) {
        batch.add(tpe.ask());
      }
      for (ParameterSet p : batch) {
        double sharpe = direct.evaluate(spec.render(p), a.window()).metrics().get("sharpe");
        tpe.tell(p, sharpe);
        asked.add(p);
        objectives.add(sharpe);
      }
    }
    assertThat(a.trials()).extracting(TrialOutcome::parameters).isEqualTo(asked);
    assertThat(a.trials()).extracting(TrialOutcome::objective).isEqualTo(objectives);
    assertThat(b.trials()).extracting(TrialOutcome::parameters).isEqualTo(asked);
  }
}
