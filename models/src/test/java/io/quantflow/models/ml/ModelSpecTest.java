package io.quantflow.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  private static final List<String> F = List.of("rsi_14", "vol_20", "ret_5");

  @Test
  void theDefaultSpecIsAModestGradientBoostingClassifier() {
    ModelSpec spec = ModelSpec.defaultSpec(F);
    assertThat(spec.type()).isEqualTo(ModelType.GRADIENT_BOOSTING);
    assertThat(spec.task()).isEqualTo(ModelTask.CLASSIFICATION);
    assertThat(spec.features()).containsExactly("rsi_14", "vol_20", "ret_5");
    assertThat(spec.classBalance()).isEqualTo(ClassBalance.NONE);
    assertThat(spec.seed()).isEqualTo(42);
    assertThat(spec.hyperparameters()).isEqualTo(
        new Hyperparameters(100, 20, 8, 5, 0.05, 0.7, null, null, null, null, null, null));
  }

  @Test
  void readsFromJsonWithDefaultsAndLenientEnumNames() throws Exception {
    String json = """
        {"name": "meta-aapl", "type": "random-forest", "task": "classification",
         "features": ["vol_20", "rsi_14"], "hyperparameters": {"trees": 300, "mtry": 1},
         "classBalance": "balanced"}
        """;
    ModelSpec spec = new ObjectMapper().readValue(json, ModelSpec.class);
    assertThat(spec.name()).isEqualTo("meta-aapl");
    assertThat(spec.type()).isEqualTo(ModelType.RANDOM_FOREST);
    assertThat(spec.features()).containsExactly("vol_20", "rsi_14");
    assertThat(spec.classBalance()).isEqualTo(ClassBalance.BALANCED);
    assertThat(spec.seed()).isEqualTo(ModelSpec.DEFAULT_SEED);
    assertThat(spec.hyperparameters()).isEqualTo(
        new Hyperparameters(300, 20, 128, 5, null, 1.0, 1, null, null, null, null, null));

    ModelSpec logistic = ModelJson.readSpec("""
        {"name": "l", "type": "LOGISTIC", "features": ["a"], "seed": 7}""");
    assertThat(logistic.task()).isEqualTo(ModelTask.CLASSIFICATION);
    assertThat(logistic.hyperparameters().lambda()).isEqualTo(0.1);
    assertThat(logistic.seed()).isEqualTo(7);
  }

  @Test
  void writesAndReadsBackTheResolvedSpec() {
    ModelSpec spec = new ModelSpec("lasso", ModelType.LINEAR, null, F,
        Hyperparameters.none().withPenalty(Penalty.LASSO).withLambda(0.01), null, 3);
    String json = ModelJson.write(spec);
    assertThat(json).contains("\"penalty\" : \"LASSO\"").doesNotContain("trees");
    assertThat(ModelJson.readSpec(json)).isEqualTo(spec);
  }

  @Test
  void badSpecsFailWithMessagesNamingTheField() {
    assertThatThrownBy(() -> ModelSpec.defaultSpec(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Argument 'features' must not be empty");
    assertThatThrownBy(() -> ModelSpec.defaultSpec(List.of("a", "b", "a")))
        .hasMessage("Argument 'features' must not repeat a name but has 'a' twice");
    assertThatThrownBy(() -> ModelSpec.defaultSpec(F).withName("../etc"))
        .hasMessageContaining("Argument 'name' must be letters, digits");
    assertThatThrownBy(() -> new ModelSpec("x", ModelType.GRADIENT_BOOSTING, null, F, null, null, 1))
        .hasMessage("Argument 'task' is required for model type GRADIENT_BOOSTING (CLASSIFICATION or REGRESSION)");
    assertThatThrownBy(() -> new ModelSpec("x", ModelType.LOGISTIC, ModelTask.REGRESSION, F, null, null, 1))
        .hasMessage("Argument 'task' REGRESSION does not suit model type LOGISTIC");
    assertThatThrownBy(() -> new ModelSpec("x", ModelType.LINEAR, null, F, null, ClassBalance.BALANCED, 1))
        .hasMessage("Argument 'classBalance' must be NONE for task REGRESSION but was BALANCED");
    assertThatThrownBy(() -> ModelSpec.defaultSpec(F).withHyperparameters(Hyperparameters.none().withLambda(1)))
        .hasMessage("Hyperparameters [lambda] do not apply to model type GRADIENT_BOOSTING (it takes [trees,"
            + " maxDepth, maxNodes, nodeSize, shrinkage, subsample])");
    assertThatThrownBy(() -> ModelSpec.defaultSpec(F).withHyperparameters(Hyperparameters.none().withShrinkage(0)))
        .hasMessage("Argument 'shrinkage' must be in (0, 1] but was 0.0");
    assertThatThrownBy(() -> ModelSpec.defaultSpec(F).withHyperparameters(Hyperparameters.none().withTrees(0)))
        .hasMessage("Argument 'trees' must be at least 1 but was 0");
    assertThatThrownBy(() -> new ModelSpec("x", ModelType.RANDOM_FOREST, ModelTask.CLASSIFICATION, F,
        Hyperparameters.none().withMtry(4), null, 1))
        .hasMessageContaining("Argument 'mtry' must be in [0, 3]");
    assertThatThrownBy(() -> new ModelSpec("x", ModelType.LINEAR, null, F,
        Hyperparameters.none().withPenalty(Penalty.RIDGE), null, 1))
        .hasMessage("Argument 'lambda' is required for penalty RIDGE");
    assertThatThrownBy(() -> new ModelSpec("x", ModelType.LINEAR, null, F,
        Hyperparameters.none().withLambda(1), null, 1))
        .hasMessageContaining("Argument 'lambda' does not apply to penalty NONE");
    assertThatThrownBy(() -> ModelJson.readSpec("{\"name\": \"x\", \"type\": \"boosted\", \"features\": [\"a\"]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Argument 'type' must be one of [GRADIENT_BOOSTING");
    assertThatThrownBy(() -> ModelJson.readSpec(
        "{\"name\": \"x\", \"type\": \"logistic\", \"features\": [\"a\"], \"sed\": 1}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sed");
  }
}
