package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.TestStores;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant walk-forward} with {@code walkForward.retrain}: each step trains a new version on its train window
 * only, and the step's test backtest uses that version, which has seen no bar of the test session.
 */
class WalkForwardRetrainITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();
  @TempDir Path dir;

  static final String SPEC = """
      config:
        parallelism: 2
        timeframe: 1m
        model:
          name: wf-gbt
          gate:
            longThreshold: ${threshold}
      parameters:
        threshold: {values: [0.5, 0.55]}
      search: {method: grid}
      objective: total_return
      window: {warmupDays: 0}
      walkForward: {train: 2d, test: 1d, step: 1d, warmupDays: 0, retrain: RETRAIN}
      """;

  /** config/model.yaml with 10 trees and 2 folds. */
  static String train() throws java.io.IOException {
    String yaml = Files.readString(io.quantflow.domain.testing.SampleBars.repoRoot().resolve("config/model.yaml"));
    assertThat(yaml).contains("trees: 100,").contains("folds: 5");
    return yaml.replace("trees: 100,", "trees: 10,").replace("folds: 5", "folds: 2");
  }

  @Test
  void everyStepTrainsItsOwnVersionOnItsTrainWindowOnly() throws Exception {
    BarStore store = TestStores.sample(dir.resolve("store"),
        b -> List.of("AAPL", "JPM", "SPY").contains(b.symbol()));
    Path train = dir.resolve("train.yaml");
    Files.writeString(train, train());
    Path specFile = dir.resolve("wf.yaml");
    Files.writeString(specFile, SPEC.replace("RETRAIN", train.toString()));
    OptimizeSpec spec = ConfigLoader.load(specFile, OptimizeSpec.class)
        .withDefaultWindow(java.time.LocalDate.of(2019, 2, 11), java.time.LocalDate.of(2019, 2, 15));
    Path out = dir.resolve("out");
    WalkForwardJob.Result r = WalkForwardJob.run(spec, new LocalBacktestEvaluator(store.root()), store, out,
        Progress.NONE);
    assertThat(r.windows()).hasSize(3);

    ModelRegistry reg = new ModelRegistry(out.resolve("registry"));
    assertThat(reg.versions("wf-gbt")).containsExactly(1, 2, 3);
    ExchangeCalendar nyse = ExchangeCalendar.nyse();
    JsonNode models = ConfigLoader.json().readTree(out.resolve("models.json").toFile());
    for (int k = 0; k < 3; k++) {
      WalkForwardWindow w = r.windows().get(k).window();
      ModelArtifact a = reg.load("wf-gbt", k + 1);
      // trained on the train sessions only: its first and last sample fall inside them, before the test session
      assertThat(nyse.localDate(a.info().trainStartMicros())).isEqualTo(w.trainStart());
      assertThat(nyse.localDate(a.info().trainEndMicros())).isEqualTo(w.trainEnd());
      assertThat(w.trainEnd()).isBefore(w.testStart());
      assertThat(a.info().createdFrom().hyperparameters().trees()).isEqualTo(10);
      assertThat(models.get(k).get("version").asInt()).isEqualTo(k + 1);
      assertThat(models.get(k).get("trainEnd").asText()).isEqualTo(w.trainEnd().toString());
    }
    // the versions differ: each step's test is scored by the model of its own train window
    assertThat(reg.load("wf-gbt", 1).info().dataHash()).isNotEqualTo(reg.load("wf-gbt", 2).info().dataHash());

    // the step's test backtest equals a trial of the chosen parameters with that step's version, evaluated alone
    WalkForwardJob.WindowResult step1 = r.windows().get(1);
    var config = step1.chosen().config();
    assertThat(config.model().version()).isEqualTo(2);
    TrialEvaluator.TrialResult alone = new LocalBacktestEvaluator(store.root()).evaluate(config, step1.test());
    assertThat(step1.outOfSample().equity()).isEqualTo(alone.equity());
  }

  @Test
  void retrainingNeedsAModelName() throws Exception {
    Path specFile = dir.resolve("wf.yaml");
    Files.writeString(specFile, SPEC.replace("RETRAIN", "default").replace("    name: wf-gbt\n", ""));
    assertThatThrownBy(() -> WalkForwardJob.run(ConfigLoader.load(specFile, OptimizeSpec.class)
            .withDefaultWindow(java.time.LocalDate.of(2019, 2, 11), java.time.LocalDate.of(2019, 2, 15)),
        new LocalBacktestEvaluator(dir), BarStore.at(dir), dir.resolve("o"), Progress.NONE))
        .hasMessageContaining("walkForward.retrain is set but config.model.name is not");
  }
}
