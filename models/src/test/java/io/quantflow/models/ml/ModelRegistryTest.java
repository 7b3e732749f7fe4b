package io.quantflow.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.models.ml.Synthetic.Classification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  private static final long START = 1_704_067_200_000_000L; // 2024-01-01T00:00:00Z
  private static final long END = 1_719_792_000_000_000L; // 2024-07-01T00:00:00Z
  private static Classification data;
  private static ModelArtifact gbt;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    data = Synthetic.logistic(600, 0, 1.5, 5);
    ModelSpec spec = ModelSpec.defaultSpec(Synthetic.FEATURES).withName("meta-aapl")
        .withHyperparameters(Hyperparameters.none().withTrees(30));
    gbt = artifact(spec, Trainer.fitClassifier(spec, data.x(), data.y()));
  }

  private static ModelArtifact artifact(ModelSpec spec, Predictor predictor) {
    Map<String, Object> validation = new LinkedHashMap<>();
    validation.put("folds", List.of(Map.of("fold", 0, "auc", 0.61), Map.of("fold", 1, "auc", 0.57)));
    validation.put("auc", Map.of("mean", 0.59, "std", 0.028284271247461905));
    double[] labels = Arrays.stream(data.y()).asDoubleStream().toArray();
    ModelInfo info = ModelInfo.of(spec, new LabelInfo("triple-barrier", 20, Map.of("upper", 2.0, "lower", 1.0)),
        START, END, data.x(), labels, validation);
    return new ModelArtifact(info, predictor);
  }

  @Test
  void publishingTwiceGivesVersionsOneAndTwoAndLatestIsTwo() {
    ModelRegistry registry = new ModelRegistry(dir);
    assertThat(registry.publish(gbt).info().version()).isEqualTo(1);
    ModelArtifact second = registry.publish(gbt);
    assertThat(second.info().version()).isEqualTo(2);
    assertThat(registry.versions("meta-aapl")).containsExactly(1, 2);
    assertThat(registry.names()).containsExactly("meta-aapl");
    assertThat(Files.isRegularFile(dir.resolve("meta-aapl/v0001/model.json"))).isTrue();
    assertThat(Files.isRegularFile(dir.resolve("meta-aapl/v0002/model.bin"))).isTrue();

    ModelArtifact latest = registry.latest("meta-aapl");
    assertThat(latest.info()).isEqualTo(gbt.info().withVersion(2));
    assertThat(registry.load("meta-aapl", 1).info().version()).isEqualTo(1);
    double[] expected = Synthetic.predictAll(gbt.predictor(), data.x());
    assertThat(Synthetic.predictAll(latest.predictor(), data.x())).containsExactly(expected);
    assertThat(Synthetic.predictAll(ModelRegistry.load(dir.resolve("meta-aapl/v0001")).predictor(), data.x()))
        .containsExactly(expected);
    assertThat(ModelRegistry.load(dir.resolve("meta-aapl/v0002/model.bin")).info().version()).isEqualTo(2);
  }

  /** model.json is plain JSON an analyst reads with any JSON library; the fields and values are checked here. */
  @Test
  void modelJsonIsReadableByPlainJackson() throws Exception {
    new ModelRegistry(dir).publish(gbt);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("meta-aapl/v0001/model.json").toFile());
    assertThat(json.get("name").asText()).isEqualTo("meta-aapl");
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("type").asText()).isEqualTo("GRADIENT_BOOSTING");
    assertThat(json.get("task").asText()).isEqualTo("CLASSIFICATION");
    assertThat(json.get("features").toString()).isEqualTo("[\"f0\",\"f1\",\"f2\",\"f3\",\"f4\",\"f5\"]");
    assertThat(json.get("label").get("kind").asText()).isEqualTo("triple-barrier");
    assertThat(json.get("label").get("horizonBars").asInt()).isEqualTo(20);
    assertThat(json.get("label").get("barriers").get("upper").asDouble()).isEqualTo(2.0);
    assertThat(json.get("trainStartMicros").asLong()).isEqualTo(START);
    assertThat(json.get("trainEndMicros").asLong()).isEqualTo(END);
    assertThat(json.get("nSamples").asInt()).isEqualTo(600);
    assertThat(json.get("dataHash").asText()).isEqualTo(
        DataHash.of(data.x(), data.y())).matches("[0-9a-f]{64}");
    assertThat(json.get("createdFrom").get("hyperparameters").get("trees").asInt()).isEqualTo(30);
    assertThat(json.get("createdFrom").get("seed").asLong()).isEqualTo(42);
    assertThat(json.get("validation").get("folds").get(1).get("auc").asDouble()).isEqualTo(0.57);
    assertThat(json.get("validation").get("auc").get("mean").asDouble()).isEqualTo(0.59);
    // and it reads back into the same ModelInfo
    assertThat(ModelJson.readInfo(Files.readString(dir.resolve("meta-aapl/v0001/model.json"))))
        .isEqualTo(gbt.info().withVersion(1));
  }

  /** A publish that died after writing its hidden temporary directory leaves no visible version. */
  @Test
  void aPartialPublishLeavesNoVisibleVersion() throws Exception {
    ModelRegistry registry = new ModelRegistry(dir);
    registry.publish(gbt);
    Path crashed = Files.createDirectories(dir.resolve("meta-aapl/.v0002.0f2c.tmp"));
    Files.write(crashed.resolve("model.bin"), Arrays.copyOf(gbt.toBytes(), 100));
    Files.createDirectories(dir.resolve("meta-aapl/notes")); // not a version directory either

    assertThat(registry.versions("meta-aapl")).containsExactly(1);
    assertThat(registry.latest("meta-aapl").info().version()).isEqualTo(1);
    assertThat(registry.publish(gbt).info().version()).isEqualTo(2);
    assertThat(registry.versions("meta-aapl")).containsExactly(1, 2);
    try (var children = Files.list(dir.resolve("meta-aapl"))) {
      assertThat(children.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(".v0002.0f2c.tmp", "notes", "v0001", "v0002"); // the publish left no temp dir of its own
    }
  }

  @Test
  void concurrentPublishersGetDistinctVersions() throws Exception {
    ModelRegistry registry = new ModelRegistry(dir);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> versions = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        versions.add(pool.submit(() -> registry.publish(gbt).info().version()));
      }
      List<Integer> got = new ArrayList<>();
      for (Future<Integer> v : versions) {
        got.add(v.get());
      }
      assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.versions("meta-aapl")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    for (int v = 1; v <= 8; v++) {
      assertThat(registry.load("meta-aapl", v).info().version()).isEqualTo(v);
    }
  }

  @Test
  void missingModelsAndVersionsGiveClearErrors() {
    ModelRegistry registry = new ModelRegistry(dir);
    assertThat(registry.versions("nothing")).isEmpty();
    assertThatThrownBy(() -> registry.latest("nothing")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No model named nothing in registry " + dir.toAbsolutePath().normalize()
            + "; train one with quant train");
    registry.publish(gbt);
    assertThatThrownBy(() -> registry.load("meta-aapl", 3))
        .hasMessageContaining("No version 3 of model meta-aapl").hasMessageContaining("(versions: [1])");
    assertThatThrownBy(() -> registry.latest("../x")).hasMessageContaining("Argument 'name' must be letters");
    assertThatThrownBy(() -> ModelRegistry.load(dir.resolve("meta-aapl/v0009")))
        .hasMessageContaining("No model artefact at");
  }

  @Test
  void everyFamilyRoundTripsThroughBytes() {
    double[] r = TrainerTest.regressionTarget(data.x(), 0.01, 3);
    List<ModelSpec> specs = List.of(
        new ModelSpec("rf", ModelType.RANDOM_FOREST, ModelTask.CLASSIFICATION, Synthetic.FEATURES,
            Hyperparameters.none().withTrees(20), null, 42),
        new ModelSpec("logit", ModelType.LOGISTIC, null, Synthetic.FEATURES, null, null, 42),
        new ModelSpec("gbtr", ModelType.GRADIENT_BOOSTING, ModelTask.REGRESSION, Synthetic.FEATURES,
            Hyperparameters.none().withTrees(20), null, 42),
        new ModelSpec("rfr", ModelType.RANDOM_FOREST, ModelTask.REGRESSION, Synthetic.FEATURES,
            Hyperparameters.none().withTrees(20), null, 42),
        new ModelSpec("ols", ModelType.LINEAR, null, Synthetic.FEATURES, null, null, 42),
        new ModelSpec("regime", ModelType.GAUSSIAN_MIXTURE_REGIME, null, Synthetic.FEATURES, null, null, 42));
    for (ModelSpec spec : specs) {
      Predictor model = Trainer.train(spec, data.x(), data.y(), r);
      ModelArtifact artifact = new ModelArtifact(ModelInfo.of(spec, LabelInfo.none(), START, END, data.x(), r,
          Map.of()), model);
      ModelArtifact back = ModelArtifact.fromBytes(artifact.toBytes());
      assertThat(back.info()).isEqualTo(artifact.info());
      assertThat(back.predictor()).isInstanceOf(model.getClass());
      assertThat(Synthetic.predictAll(back.predictor(), data.x())).as(spec.name())
          .containsExactly(Synthetic.predictAll(model, data.x()));
    }
  }

  /** A predictor holding a class outside the allow-list (here java.net.URI) is refused on reading. */
  record SneakyPredictor(Object payload) implements Predictor {
    @Override
    public double predict(double[] x) {
      return 0;
    }
  }

  @Test
  void unreadableBytesAreRejectedWithAReason() {
    byte[] good = gbt.toBytes();
    assertThatThrownBy(() -> ModelArtifact.fromBytes("hello".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> ModelArtifact.fromBytes("NOTAMODEL-AT-ALL".getBytes()))
        .hasMessageContaining("not a QuantFlow model artefact");
    assertThatThrownBy(() -> ModelArtifact.fromBytes(Arrays.copyOf(good, good.length - 10)))
        .hasMessageContaining("truncated");
    ModelArtifact sneaky = new ModelArtifact(gbt.info(), new SneakyPredictor(java.net.URI.create("http://x")));
    assertThatThrownBy(() -> ModelArtifact.fromBytes(sneaky.toBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REJECTED");
  }
}
