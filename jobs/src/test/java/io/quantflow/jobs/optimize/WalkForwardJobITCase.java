package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WalkForwardJob} over Mon 2019-02-11 .. Fri 2019-02-15 (5 sessions) with train 2, test 1, step 1 and one
 * warm-up session, on a MiniCluster with a {@link RecordingEvaluator}: it never trains on its test sessions, it
 * trades out of sample exactly the train-best parameters, and the stitched curve chains the test segments.
 *
 * <p>The {@link SyntheticEvaluator}'s drift is negative on Mon, Tue and Fri and positive on Wed and Thu (epoch days
 * 17938..17942 mod 4 = 2, 3, 0, 1, 2), so the best exposure differs between steps.
 */
class WalkForwardJobITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String SPEC = """
      config:
        seed: ${exposure}
        portfolio: {costBps: "${cost}"}
      parameters:
        exposure: {min: -1, max: 1}
        cost: {values: [1, 3]}
      window: {start: 2019-02-11, end: 2019-02-15}
      walkForward: {train: 2d, test: 1d, warmupDays: 1, anchored: ANCHORED}
      """;

  /** New York midnights, UTC epoch micros: Fri 02-08 and Mon 02-11 .. Sat 02-16 (EST, 05:00Z). */
  private static final long FRI_8 = 1_549_602_000_000_000L;
  private static final long MON_11 = 1_549_861_200_000_000L;
  private static final long TUE_12 = 1_549_947_600_000_000L;
  private static final long WED_13 = 1_550_034_000_000_000L;
  private static final long THU_14 = 1_550_120_400_000_000L;
  private static final long FRI_15 = 1_550_206_800_000_000L;
  private static final long SAT_16 = 1_550_293_200_000_000L;

  /** Test windows of steps 0..2, the same rolling or anchored: one warm-up session, one test session. */
  private static final List<TrialEvaluator.Window> TESTS = List.of(
      new TrialEvaluator.Window(TUE_12, WED_13, THU_14),
      new TrialEvaluator.Window(WED_13, THU_14, FRI_15),
      new TrialEvaluator.Window(THU_14, FRI_15, SAT_16));

  /** Rolling train windows: 2 sessions each, the warm-up session before them. */
  private static final List<TrialEvaluator.Window> ROLLING_TRAIN = List.of(
      new TrialEvaluator.Window(FRI_8, MON_11, WED_13),
      new TrialEvaluator.Window(MON_11, TUE_12, THU_14),
      new TrialEvaluator.Window(TUE_12, WED_13, FRI_15));

  /** Anchored train windows: all from Monday. */
  private static final List<TrialEvaluator.Window> ANCHORED_TRAIN = List.of(
      new TrialEvaluator.Window(FRI_8, MON_11, WED_13),
      new TrialEvaluator.Window(FRI_8, MON_11, THU_14),
      new TrialEvaluator.Window(FRI_8, MON_11, FRI_15));

  @TempDir Path dir;

  private OptimizeSpec spec(boolean anchored) throws Exception {
    Path f = dir.resolve("wf.yaml");
    Files.writeString(f, SPEC.replace("ANCHORED", String.valueOf(anchored)));
    return OptimizeSpec.load(f);
  }

  private static String paramsOf(JobConfig c) {
    return "exposure=" + c.seed() + ",cost=" + (int) c.portfolio().costBps().doubleValue();
  }

  /** Per-period Sharpe ratio: mean over sample standard deviation of {@code e_t / e_(t-1) - 1}. */
  private static double sharpe(double[] equity) {
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
  void rollingWalkForwardNeverTrainsOnItsTestWindow() throws Exception {
    checkRun(false, ROLLING_TRAIN);
  }

  @Test
  void anchoredWalkForwardNeverTrainsOnItsTestWindow() throws Exception {
    checkRun(true, ANCHORED_TRAIN);
  }

  private void checkRun(boolean anchored, List<TrialEvaluator.Window> trains) throws Exception {
    RecordingEvaluator evaluator = new RecordingEvaluator("wf-" + anchored);
    Path out = dir.resolve("out");
    WalkForwardJob.Result r = WalkForwardJob.run(spec(anchored), evaluator, out, Progress.NONE);
    List<RecordingEvaluator.Call> calls = evaluator.calls();

    // 3 steps x 6 train trials + 3 test backtests, and no window other than the listed ones
    assertThat(calls).hasSize(21);
    assertThat(calls).allSatisfy(c -> assertThat(c.window()).isIn(concat(trains, TESTS)));
    List<String> chosen = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      TrialEvaluator.Window train = trains.get(k);
      long testStart = TESTS.get(k).startMicros();
      List<RecordingEvaluator.Call> trainCalls = calls.stream().filter(c -> c.window().equals(train)).toList();
      assertThat(trainCalls).hasSize(6);
      // the optimisation of step k sees nothing from its test session on
      assertThat(trainCalls).allSatisfy(c -> assertThat(c.window().endMicros()).isLessThanOrEqualTo(testStart));
      // the train-best by per-period Sharpe (ties would go to grid order: exposure slowest, cost fastest)
      RecordingEvaluator.Call best = null;
      for (String id : List.of("exposure=-1,cost=1", "exposure=-1,cost=3", "exposure=0,cost=1",
          "exposure=0,cost=3", "exposure=1,cost=1", "exposure=1,cost=3")) {
        RecordingEvaluator.Call c = trainCalls.stream().filter(x -> paramsOf(x.config()).equals(id)).findFirst()
            .orElseThrow();
        if (best == null || sharpe(c.result().equity()) > sharpe(best.result().equity())) {
          best = c;
        }
      }
      int step = k;
      List<RecordingEvaluator.Call> testCalls =
          calls.stream().filter(c -> c.window().equals(TESTS.get(step))).toList();
      assertThat(testCalls).hasSize(1);
      assertThat(paramsOf(testCalls.get(0).config())).isEqualTo(paramsOf(best.config()));
      assertThat(r.windows().get(k).chosen().parameters().id()).isEqualTo(paramsOf(best.config()));
      assertThat(r.windows().get(k).outOfSample().equity()).isEqualTo(testCalls.get(0).result().equity());
      chosen.add(paramsOf(best.config()));
    }
    // the fixture is discriminating: Mon-Tue (falling) and Wed-Thu (rising) train windows pick opposite exposures
    assertThat(chosen.get(0)).startsWith("exposure=-1");
    assertThat(chosen.get(2)).startsWith("exposure=1");

    checkStitchedCurve(r, out);
    checkWindowsTable(out, chosen, trains);
  }

  /** The curve is the hand-chained product of the test segments' returns. */
  private static void checkStitchedCurve(WalkForwardJob.Result r, Path out) throws Exception {
    List<Double> expected = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<Integer> windows = new ArrayList<>();
    double level = r.windows().get(0).outOfSample().equity()[0]; // 1,000,000 USD initial cash
    expected.add(level);
    times.add(WED_13);
    windows.add(0);
    for (int k = 0; k < 3; k++) {
      TrialEvaluator.TrialResult seg = r.windows().get(k).outOfSample();
      for (int t = 1; t < seg.equity().length; t++) {
        level *= 1 + (seg.equity()[t] / seg.equity()[t - 1] - 1);
        expected.add(level);
        times.add(seg.timesMicros()[t]);
        windows.add(k);
      }
    }
    // 24 hourly points per test day; the first segment keeps its start, the others add 23 points each: 70
    assertThat(expected).hasSize(70);
    assertThat(r.equity()).hasSize(70);
    for (int i = 0; i < 70; i++) {
      assertThat(r.equity()[i]).isCloseTo(expected.get(i), within(1e-6));
      assertThat(r.timesMicros()[i]).isEqualTo(times.get(i));
      assertThat(r.segments()[i]).isEqualTo(windows.get(i));
    }
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.get("total_return").asDouble()).isCloseTo(expected.get(69) / 1e6 - 1, within(1e-12));
    assertThat(metrics.get("periods").asInt()).isEqualTo(69);
    assertThat(metrics.get("windows").asInt()).isEqualTo(3);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT epoch_us(timestamp), equity, \"window\" FROM '"
            + out.resolve("oos-equity.parquet") + "' ORDER BY timestamp")) {
      int i = 0;
      while (rs.next()) {
        assertThat(rs.getLong(1)).isEqualTo(times.get(i));
        assertThat(rs.getDouble(2)).isCloseTo(expected.get(i), within(1e-6));
        assertThat(rs.getInt(3)).isEqualTo(windows.get(i));
        i++;
      }
      assertThat(i).isEqualTo(70);
    }
  }

  private static void checkWindowsTable(Path out, List<String> chosen, List<TrialEvaluator.Window> trains)
      throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT \"window\", epoch_us(train_start), epoch_us(train_end), "
          + "epoch_us(test_start), epoch_us(test_end), chosen_parameters, test_first_session FROM '"
          + out.resolve("windows.parquet") + "' ORDER BY \"window\"")) {
        for (int k = 0; k < 3; k++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(k);
          assertThat(rs.getLong(2)).isEqualTo(trains.get(k).startMicros());
          assertThat(rs.getLong(3)).isEqualTo(trains.get(k).endMicros());
          assertThat(rs.getLong(4)).isEqualTo(TESTS.get(k).startMicros());
          assertThat(rs.getLong(5)).isEqualTo(TESTS.get(k).endMicros());
          assertThat(rs.getString(6)).isEqualTo(chosen.get(k));
          assertThat(rs.getString(7)).isEqualTo("2019-02-1" + (3 + k));
        }
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = s.executeQuery("SELECT \"window\", count(*), count(DISTINCT parameters) FROM '"
          + out.resolve("trials.parquet") + "' GROUP BY \"window\" ORDER BY \"window\"")) {
        Set<Integer> seen = new HashSet<>();
        while (rs.next()) {
          seen.add(rs.getInt(1));
          assertThat(rs.getInt(2)).isEqualTo(6);
          assertThat(rs.getInt(3)).isEqualTo(6);
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
      }
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
