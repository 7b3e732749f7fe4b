package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.EquityPoint;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.TestStores;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The in-process trial backtest against the Flink backtest job on real bars. */
class LocalBacktestEvaluatorTest {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();
  @TempDir static Path dir;
  static BarStore store;
  static final long DAY = 86_400_000_000L;
  static final long FIRST = 1_549_895_400_000_000L; // 2019-02-11T14:30Z, the first sample bar

  @BeforeAll
  static void store() {
    store = TestStores.sample(dir.resolve("store"), b -> List.of("AAPL", "BAC", "SPY").contains(b.symbol())
        && b.timestampMicros() < FIRST + 3 * DAY);
  }

  @Test
  void aWholeStoreTrialGivesTheEquityOfTheBacktestJob() throws Exception {
    JobConfig config = JobConfig.defaults();
    BacktestJob.Result job = BacktestJob.run(config, store, dir.resolve("job"), Progress.NONE);
    LocalBacktestEvaluator eval = new LocalBacktestEvaluator(store.root());
    TrialEvaluator.TrialResult r = eval.evaluate(config, new TrialEvaluator.Window(FIRST, FIRST, FIRST + 3 * DAY));
    List<EquityPoint> equity = job.equity();
    assertThat(job.fills()).isNotEmpty();
    assertThat(r.equity()).hasSize(equity.size() + 1);
    assertThat(r.equity()[0]).isEqualTo(1_000_000);
    for (int i = 0; i < equity.size(); i++) {
      assertThat(r.timesMicros()[i + 1]).isEqualTo(equity.get(i).timestampMicros());
      assertThat(r.equity()[i + 1]).as("equity at point %d", i + 1).isEqualTo(equity.get(i).equity());
    }
    assertThat(r.metrics().get("sharpe")).isEqualTo(job.metrics().sharpe());
    assertThat(r.metrics().get("fills")).isEqualTo((double) job.fills().size());
    // deterministic: the same trial again (input cached) gives the same curve
    assertThat(eval.evaluate(config, new TrialEvaluator.Window(FIRST, FIRST, FIRST + 3 * DAY)).equity())
        .isEqualTo(r.equity());
  }

  @Test
  void withAModelTheTrialGivesTheEquityOfTheGatedBacktestJob() throws Exception {
    io.quantflow.jobs.config.TrainConfig d = io.quantflow.jobs.config.TrainConfig.defaults();
    io.quantflow.jobs.config.TrainConfig tc = new io.quantflow.jobs.config.TrainConfig(d.pipeline(), d.label(),
        d.model().withName("local").withHyperparameters(io.quantflow.models.ml.Hyperparameters.none().withTrees(10)),
        new io.quantflow.jobs.config.TrainConfig.Validation(null, 2, null, null));
    io.quantflow.models.ml.ModelRegistry reg = new io.quantflow.models.ml.ModelRegistry(dir.resolve("registry"));
    io.quantflow.jobs.ml.TrainJob.run(tc, store, java.nio.file.Files.createDirectories(dir.resolve("train")), reg,
        Progress.NONE);
    // a strict gate, so that the model changes the trades
    JobConfig config = JobConfig.defaults().withModel(new io.quantflow.jobs.config.ModelSettings("local",
        reg.root(), 1, false, null, new io.quantflow.operators.ml.GateConfig(0.55, 0.45, null, null), null));
    BacktestJob.Result job = BacktestJob.run(config, store, dir.resolve("gated"), Progress.NONE);
    BacktestJob.Result ungated = BacktestJob.run(JobConfig.defaults(), store, dir.resolve("ungated"), Progress.NONE);
    assertThat(job.fills()).isNotEmpty().isNotEqualTo(ungated.fills());
    TrialEvaluator.TrialResult r = new LocalBacktestEvaluator(store.root()).evaluate(config,
        new TrialEvaluator.Window(FIRST, FIRST, FIRST + 3 * DAY));
    List<EquityPoint> equity = job.equity();
    assertThat(r.equity()).hasSize(equity.size() + 1);
    for (int i = 0; i < equity.size(); i++) {
      assertThat(r.equity()[i + 1]).as("equity at point %d", i + 1).isEqualTo(equity.get(i).equity());
    }
    assertThat(r.metrics().get("fills")).isEqualTo((double) job.fills().size());
  }

  @Test
  void aTrainWindowSeesNothingAfterItsEnd() throws Exception {
    // the same store with every bar from Tuesday on replaced by other prices
    long cut = FIRST + DAY;
    List<io.quantflow.domain.Bar> changed = store.read(io.quantflow.domain.Timeframe.M1).stream()
        .map(b -> b.timestampMicros() < cut ? b : io.quantflow.domain.Bar.of(b.symbol(), b.timeframe(),
            b.timestampMicros(), b.open() * 1.5, b.high() * 1.5, b.low() * 1.5, b.close() * 1.5, b.volume() * 3))
        .toList();
    BarStore other = BarStore.at(dir.resolve("changed"));
    other.write(changed);
    TrialEvaluator.Window train = new TrialEvaluator.Window(FIRST, FIRST, cut);
    TrialEvaluator.TrialResult a = new LocalBacktestEvaluator(store.root()).evaluate(JobConfig.defaults(), train);
    TrialEvaluator.TrialResult b = new LocalBacktestEvaluator(other.root()).evaluate(JobConfig.defaults(), train);
    assertThat(a.equity()).hasSize(391);
    assertThat(b.equity()).isEqualTo(a.equity());
    assertThat(b.metrics()).isEqualTo(a.metrics());
  }

  @Test
  void aWindowTradesOnlyInsideItAndWarmsUpBeforeIt() throws Exception {
    LocalBacktestEvaluator eval = new LocalBacktestEvaluator(store.root());
    long start = FIRST + DAY; // Tuesday's open
    TrialEvaluator.TrialResult warm = eval.evaluate(JobConfig.defaults(),
        new TrialEvaluator.Window(FIRST, start, FIRST + 3 * DAY));
    TrialEvaluator.TrialResult cold = eval.evaluate(JobConfig.defaults(),
        new TrialEvaluator.Window(start, start, FIRST + 3 * DAY));
    assertThat(warm.timesMicros()[0]).isEqualTo(start);
    assertThat(warm.equity()[0]).isEqualTo(1_000_000);
    for (int i = 1; i < warm.timesMicros().length; i++) {
      assertThat(warm.timesMicros()[i]).isGreaterThan(start).isLessThanOrEqualTo(FIRST + 3 * DAY);
    }
    // 2 sessions of 390 one-minute valuations each
    assertThat(warm.equity()).hasSize(2 * 390 + 1);
    // warmed-up indicators decide from the first bars on; cold ones need the warm-up inside the window
    assertThat(warm.equity()).isNotEqualTo(cold.equity());
  }
}
