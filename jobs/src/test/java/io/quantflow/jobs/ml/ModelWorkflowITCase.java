package io.quantflow.jobs.ml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Prediction;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.TestStores;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.ModelSettings;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.models.ml.Hyperparameters;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.models.ml.validation.Split;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, publish and score on real bars: {@code TrainJob} builds the training set with the BATCH pipeline, validates
 * with purged folds and publishes version 1; a backtest with {@code model.name} then scores every aligned row with
 * it, identically in BATCH and STREAMING mode and identically to the model applied to the training set's rows.
 */
class ModelWorkflowITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();

  @TempDir static Path dir;
  static BarStore store;
  static TrainConfig config;
  static TrainJob.Result trained;
  static ModelRegistry registry;

  @BeforeAll
  static void train() throws Exception {
    long end = 1_550_102_400_000_000L; // 2019-02-14T00:00:00Z: three sessions
    store = TestStores.sample(dir.resolve("store"),
        b -> List.of("AAPL", "JPM", "SPY").contains(b.symbol()) && b.timestampMicros() < end);
    TrainConfig d = TrainConfig.defaults();
    config = new TrainConfig(d.pipeline(), d.label(),
        d.model().withName("it-gbt").withHyperparameters(Hyperparameters.none().withTrees(20)),
        new TrainConfig.Validation(null, 3, null, null));
    registry = new ModelRegistry(dir.resolve("registry"));
    trained = TrainJob.run(config, store, java.nio.file.Files.createDirectories(dir.resolve("train")), registry,
        Progress.NONE);
  }

  @Test
  void theBundledSpecIsTheBuiltInDefault() {
    TrainConfig file = ConfigLoader.load(Path.of("../config/model.yaml"), TrainConfig.class);
    TrainConfig builtIn = TrainConfig.defaults();
    assertThat(file.model()).isEqualTo(builtIn.model());
    assertThat(file.label()).isEqualTo(builtIn.label());
    assertThat(file.validation().method()).isEqualTo(builtIn.validation().method());
    assertThat(file.validation().folds()).isEqualTo(builtIn.validation().folds());
    assertThat(TrainJob.embargoMicros(file)).isEqualTo(TrainJob.embargoMicros(builtIn));
  }

  @Test
  void samplesHaveFeaturesFromTheirBarAndLabelsFromLaterBars() {
    TrainingSet set = trained.set();
    Map<String, Set<Long>> closes = new HashMap<>();
    for (Bar b : store.read(io.quantflow.domain.Timeframe.M1)) {
      closes.computeIfAbsent(b.symbol(), k -> new HashSet<>()).add(b.availableAtMicros());
    }
    // 3 symbols x 3 sessions of about 390 bars, minus warm-up (15m EMA: 20 bars of 15m) and the last 15 of a day
    assertThat(set.size()).isBetween(1500, 3500);
    for (int i = 0; i < set.size(); i++) {
      assertThat(closes.get(set.symbol()[i])).contains(set.t0Micros()[i], set.t1Micros()[i]);
      assertThat(set.t1Micros()[i]).isGreaterThan(set.t0Micros()[i]);
      // a label window stays within one session and the horizon
      assertThat(set.t1Micros()[i] - set.t0Micros()[i]).isLessThanOrEqualTo(60 * 60_000_000L);
      assertThat(set.y()[i]).isBetween(0, 1);
    }
  }

  @Test
  void noTrainingLabelWindowOverlapsATestWindowOnRealData() {
    TrainingSet set = trained.set();
    assertThat(trained.splits()).hasSize(3);
    for (Split s : trained.splits()) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (int i : s.test()) {
        lo = Math.min(lo, set.t0Micros()[i]);
        hi = Math.max(hi, set.t1Micros()[i]);
      }
      for (int i : s.train()) {
        boolean overlaps = set.t0Micros()[i] <= hi && set.t1Micros()[i] >= lo;
        boolean embargoed = set.t0Micros()[i] > hi && set.t0Micros()[i] <= hi + 15 * 60_000_000L;
        assertThat(overlaps || embargoed).as("train sample %d in fold %d", i, s.fold()).isFalse();
      }
    }
  }

  @Test
  void theArtefactRecordsFeaturesWindowHashAndAucPerFold() throws Exception {
    assertThat(registry.versions("it-gbt")).containsExactly(1);
    JsonNode json = new ObjectMapper().readTree(registry.versionDir("it-gbt", 1).resolve("model.json").toFile());
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("features").size()).isEqualTo(15);
    assertThat(json.get("features").get(1).asText()).isEqualTo("close_1m/ema_20_1m");
    assertThat(json.get("trainStartMicros").asLong()).isEqualTo(trained.set().trainStartMicros());
    assertThat(json.get("trainEndMicros").asLong()).isEqualTo(trained.set().trainEndMicros());
    assertThat(json.get("nSamples").asInt()).isEqualTo(trained.set().size());
    assertThat(json.get("dataHash").asText()).hasSize(64);
    JsonNode folds = json.get("validation").get("folds");
    assertThat(folds.size()).isEqualTo(3);
    for (JsonNode f : folds) {
      assertThat(f.get("auc").asDouble()).isBetween(0.0, 1.0);
      assertThat(f.get("nTest").asInt()).isPositive();
    }
    double mean = (folds.get(0).get("auc").asDouble() + folds.get(1).get("auc").asDouble()
        + folds.get(2).get("auc").asDouble()) / 3;
    assertThat(json.get("validation").get("auc").get("mean").asDouble()).isCloseTo(mean,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(ParquetFiles.rowCount(trained.outputDir().resolve("training-set.parquet")))
        .isEqualTo(trained.set().size());

    // the drift reference travels in model.bin: the model's features, the out-of-fold scores, the label horizon
    var drift = registry.latest("it-gbt").drift();
    assertThat(drift).isNotNull();
    assertThat(drift.names()).isEqualTo(trained.set().features());
    long scored = java.util.Arrays.stream(trained.outOfFold()).filter(v -> !Double.isNaN(v)).count();
    assertThat(drift.scores().n()).isEqualTo(scored);
    assertThat(drift.upThreshold()).isEqualTo(0.5);
    assertThat(drift.horizonBars()).isEqualTo(config.label().horizonBars());
  }

  @Test
  void batchAndStreamingBacktestsScoreEveryRowAsTheTrainedModelDoes() throws Exception {
    JobConfig withModel = JobConfig.defaults().withModel(ModelSettings.NONE.withName("it-gbt", registry.root()));
    BacktestJob.Result batch = BacktestJob.run(withModel, store, dir.resolve("bt-batch"), Progress.NONE);
    BacktestJob.Result streaming = BacktestJob.run(withModel.withMode("streaming"), store,
        dir.resolve("bt-streaming"), Progress.NONE);
    assertThat(batch.predictions()).isNotEmpty();
    assertThat(streaming.predictions()).isEqualTo(batch.predictions());
    assertThat(streaming.decisions()).isEqualTo(batch.decisions());
    assertThat(batch.decisions()).hasSize(batch.signals().size());
    // the drift checks run in the same operator in both modes: the same alerts, in drift-alerts.json
    assertThat(streaming.drift()).isEqualTo(batch.drift());
    JsonNode alerts = new ObjectMapper().readTree(dir.resolve("bt-batch/drift-alerts.json").toFile());
    assertThat(alerts.isArray()).isTrue();
    assertThat(alerts.size()).isEqualTo(batch.drift().size());

    // the training set's rows, scored by the published model, are the backtest's predictions at the same instants
    var model = registry.latest("it-gbt").predictor();
    Map<String, Double> byKey = new HashMap<>();
    for (Prediction p : batch.predictions()) {
      assertThat(p.modelVersion()).isEqualTo(1);
      byKey.put(p.symbol() + "@" + p.timestampMicros(), p.score());
    }
    TrainingSet set = trained.set();
    for (int i = 0; i < set.size(); i++) {
      assertThat(byKey.get(set.symbol()[i] + "@" + set.t0Micros()[i])).as("sample %d", i)
          .isEqualTo(model.predict(set.x()[i]));
    }
    // every row with all features scored: the training rows plus those without a label (last bars of a day)
    assertThat(batch.predictions().size()).isGreaterThan(set.size());
  }

  @Test
  void explainRebuildsTheTrainingDataAndRanksEveryFeature() throws Exception {
    Path out = java.nio.file.Files.createDirectories(dir.resolve("explain"));
    ExplainJob.Result r = ExplainJob.run(registry, "it-gbt", null, store, out, true, Progress.NONE);
    assertThat(r.dataMatches()).isTrue(); // same store, same train.yaml: the artefact's data hash
    assertThat(r.rows()).extracting(ExplainJob.Row::feature)
        .containsExactlyInAnyOrderElementsOf(trained.set().features());
    for (int i = 1; i < r.rows().size(); i++) {
      assertThat(r.rows().get(i - 1).permutationMean()).isGreaterThanOrEqualTo(r.rows().get(i).permutationMean());
    }
    assertThat(r.rows()).allSatisfy(row -> assertThat(row.meanAbsShap()).isNotNegative());
    assertThat(java.nio.file.Files.readAllLines(out.resolve("importance.csv"))).hasSize(16);
    assertThat(java.nio.file.Files.readString(out.resolve("importance.svg"))).startsWith("<svg").contains("rsi_14");
    assertThat(ParquetFiles.rowCount(out.resolve("shap-values.parquet"))).isEqualTo(trained.set().size());
  }

  @Test
  void theDailyDriftReportMatchesIndependentStatisticsAndFlagsAnInjectedShift() throws Exception {
    DriftReportJob.Result same = DriftReportJob.run(registry, "it-gbt", null, store,
        io.quantflow.operators.ml.DriftConfig.DEFAULT, java.nio.file.Files.createDirectories(dir.resolve("drift")),
        Progress.NONE);
    TrainingSet set = trained.set();
    assertThat(same.days()).extracting(DriftReportJob.Day::date).containsExactly(
        java.time.LocalDate.of(2019, 2, 11), java.time.LocalDate.of(2019, 2, 12), java.time.LocalDate.of(2019, 2, 13));
    assertThat(same.days().stream().mapToInt(DriftReportJob.Day::rows).sum()).isEqualTo(set.size());
    // the second day's IC and hit rate, recomputed from the training set's rows and returns
    var model = registry.latest("it-gbt").predictor();
    List<Double> s = new java.util.ArrayList<>();
    List<Double> r = new java.util.ArrayList<>();
    var nyse = io.quantflow.domain.calendar.ExchangeCalendar.nyse();
    for (int i = 0; i < set.size(); i++) {
      if (nyse.localDate(set.t0Micros()[i]).equals(java.time.LocalDate.of(2019, 2, 12))) {
        s.add(model.predict(set.x()[i]));
        r.add(set.ret()[i]);
      }
    }
    double[] sa = s.stream().mapToDouble(Double::doubleValue).toArray();
    double[] ra = r.stream().mapToDouble(Double::doubleValue).toArray();
    int hits = 0;
    for (int i = 0; i < sa.length; i++) {
      hits += (sa[i] > 0.5) == (ra[i] > 0) ? 1 : 0;
    }
    DriftReportJob.Day day2 = same.days().get(1);
    assertThat(day2.rows()).isEqualTo(sa.length);
    assertThat(day2.ic()).isEqualTo(io.quantflow.models.signals.Spearman.correlation(sa, ra));
    assertThat(day2.hitRate()).isEqualTo((double) hits / sa.length);
    assertThat(java.nio.file.Files.readAllLines(dir.resolve("drift/drift-days.csv"))).hasSize(4);

    // two later sessions with every log return tripled (p' = p0 (p / p0)^3): realised volatility triples
    long from = 1_550_102_400_000_000L;
    Map<String, Double> first = new HashMap<>();
    List<Bar> shifted = new java.util.ArrayList<>();
    for (Bar b : io.quantflow.domain.testing.SampleBars.all()) {
      if (!List.of("AAPL", "JPM", "SPY").contains(b.symbol()) || b.timestampMicros() < from) {
        continue;
      }
      double p0 = first.computeIfAbsent(b.symbol(), k -> b.open());
      java.util.function.DoubleUnaryOperator f = p -> p0 * Math.pow(p / p0, 3);
      shifted.add(Bar.of(b.symbol(), b.timeframe(), b.timestampMicros(), f.applyAsDouble(b.open()),
          f.applyAsDouble(b.high()), f.applyAsDouble(b.low()), f.applyAsDouble(b.close()), b.volume()));
    }
    BarStore shiftedStore = BarStore.at(dir.resolve("shifted-store"));
    shiftedStore.write(shifted);
    BarStore laterStore = TestStores.sample(dir.resolve("later-store"),
        b -> List.of("AAPL", "JPM", "SPY").contains(b.symbol()) && b.timestampMicros() >= from);
    DriftReportJob.Result later = DriftReportJob.run(registry, "it-gbt", null, laterStore,
        io.quantflow.operators.ml.DriftConfig.DEFAULT, java.nio.file.Files.createDirectories(dir.resolve("d2")),
        Progress.NONE);
    DriftReportJob.Result shock = DriftReportJob.run(registry, "it-gbt", null, shiftedStore,
        io.quantflow.operators.ml.DriftConfig.DEFAULT, java.nio.file.Files.createDirectories(dir.resolve("d3")),
        Progress.NONE);
    assertThat(shock.days()).hasSize(2);
    for (int d = 0; d < 2; d++) {
      assertThat(shock.days().get(d).alerts()).anySatisfy(a -> assertThat(a).startsWith("feature rvol_20_cc_1m PSI"));
      assertThat(psi(shock.days().get(d), "rvol_20_cc_1m")).isGreaterThan(0.25)
          .isGreaterThan(psi(later.days().get(d), "rvol_20_cc_1m"));
    }
  }

  private static double psi(DriftReportJob.Day day, String feature) {
    return day.features().features().stream().filter(f -> f.name().equals(feature)).findFirst().orElseThrow().psi();
  }
}
