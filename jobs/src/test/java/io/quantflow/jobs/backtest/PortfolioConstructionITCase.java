package io.quantflow.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.optimize.LocalBacktestEvaluator;
import io.quantflow.jobs.optimize.TrialEvaluator;
import io.quantflow.operators.portfolio.Construction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portfolio.construction: {method: minimum-variance, rebalance: daily}} through the whole backtest on the
 * real sample (AAPL, BAC, SPY, 2019-02-11 to 15): BATCH, STREAMING and the in-process {@code LocalPipeline} run the
 * same kernel and give the same fills and equity, and every order is decided when a session's first bar closes.
 */
class PortfolioConstructionITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();
  private static final long FIRST = 1_549_895_400_000_000L; // 2019-02-11T14:30Z, the first sample bar
  private static final long DAY = 86_400_000_000L;

  @TempDir static Path dir;
  private static BarStore store;
  private static JobConfig config;
  private static BacktestJob.Result batch;

  @BeforeAll
  static void runBatch() throws Exception {
    store = TestStores.sample(dir.resolve("store"), b -> List.of("AAPL", "BAC", "SPY").contains(b.symbol()));
    // two daily returns, so that the optimiser can take over from the fallback on Thursday
    config = load("{method: minimum-variance, rebalance: daily, lookbackDays: 2}");
    batch = BacktestJob.run(config.withMode("batch"), store, dir.resolve("batch"), Progress.NONE);
  }

  @Test
  void theYamlKeyReachesTheSimulation() {
    assertThat(config.simulation(3).construction()).isEqualTo(
        Construction.of("minimum-variance").withRebalance("daily").withCovariance("ledoit-wolf", 2));
  }

  @Test
  void everyOrderIsDecidedWhenASessionsFirstBarCloses() {
    assertThat(batch.fills()).isNotEmpty();
    for (Fill f : batch.fills()) {
      assertThat(Instant.ofEpochSecond(f.decisionMicros() / 1_000_000).atZone(ExchangeCalendar.NEW_YORK)
          .toLocalTime()).as(f.orderId()).isEqualTo(LocalTime.of(9, 31));
    }
  }

  @Test
  void streamingGivesTheFillsAndEquityOfBatch() throws Exception {
    BacktestJob.Result streaming = BacktestJob.run(config.withMode("streaming"), store, dir.resolve("streaming"),
        Progress.NONE);
    assertThat(streaming.signals()).isEqualTo(batch.signals());
    assertThat(streaming.fills()).isEqualTo(batch.fills());
    assertThat(streaming.equity()).isEqualTo(batch.equity());
  }

  @Test
  void theInProcessPipelineGivesTheEquityOfTheJob() throws Exception {
    assertSameEquity(new LocalBacktestEvaluator(store.root()).evaluate(config, ALL), batch);
  }

  @Test
  void rebalancingOnSignalsTheOptimiserTakesOverOnceTheLookbackIsFull() throws Exception {
    // the trend rule is flat at most session starts after Wednesday, so the optimiser shows best on signals
    JobConfig onSignals = load("{method: minimum-variance, rebalance: signal, lookbackDays: 2}");
    BacktestJob.Result job = BacktestJob.run(onSignals, store, dir.resolve("on-signals"), Progress.NONE);
    LocalBacktestEvaluator local = new LocalBacktestEvaluator(store.root());
    TrialEvaluator.TrialResult r = local.evaluate(onSignals, ALL);
    assertSameEquity(r, job);
    // with a lookback longer than the sample only the fallback trades: a different curve from Thursday on
    TrialEvaluator.TrialResult fallback = local.evaluate(load("{method: minimum-variance, rebalance: signal}"), ALL);
    int thursday = 3 * 390 + 1;
    assertThat(java.util.Arrays.copyOf(fallback.equity(), thursday))
        .isEqualTo(java.util.Arrays.copyOf(r.equity(), thursday));
    assertThat(fallback.equity()).isNotEqualTo(r.equity());
  }

  private static final TrialEvaluator.Window ALL = new TrialEvaluator.Window(FIRST, FIRST, FIRST + 5 * DAY);

  private static JobConfig load(String construction) throws Exception {
    Path yaml = Files.createTempFile(dir, "construction", ".yaml");
    Files.writeString(yaml, "portfolio:\n  construction: " + construction + "\n");
    return ConfigLoader.load(yaml, JobConfig.class);
  }

  private static void assertSameEquity(TrialEvaluator.TrialResult r, BacktestJob.Result job) {
    List<EquityPoint> equity = job.equity();
    assertThat(job.fills()).isNotEmpty();
    assertThat(r.equity()).hasSize(equity.size() + 1);
    for (int i = 0; i < equity.size(); i++) {
      assertThat(r.timesMicros()[i + 1]).isEqualTo(equity.get(i).timestampMicros());
      assertThat(r.equity()[i + 1]).as("equity at point %d", i + 1).isEqualTo(equity.get(i).equity());
    }
    assertThat(r.metrics().get("fills")).isEqualTo((double) job.fills().size());
  }
}
