package io.quantflow.models.ml.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.ml.Hyperparameters;
import io.quantflow.models.ml.ModelSpec;
import io.quantflow.models.ml.ModelTask;
import io.quantflow.models.ml.ModelType;
import io.quantflow.models.ml.Predictor;
import io.quantflow.models.ml.Synthetic;
import io.quantflow.models.ml.Synthetic.Classification;
import io.quantflow.models.ml.Trainer;
import io.quantflow.models.ml.explain.PermutationImportance.Metric;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
  private static final List<String> F = Synthetic.FEATURES;

  @Test
  void everyClassifierRanksThePlantedFeatureFirst() {
    Classification data = Synthetic.logistic(3000, 0.0, 2.0, 7);
    List<ModelSpec> specs = List.of(ModelSpec.defaultSpec(F),
        new ModelSpec("rf", ModelType.RANDOM_FOREST, ModelTask.CLASSIFICATION, F,
            Hyperparameters.none().withTrees(60).withMaxNodes(64), null, 42),
        new ModelSpec("logit", ModelType.LOGISTIC, null, F, null, null, 42));
    for (ModelSpec spec : specs) {
      Predictor model = Trainer.fitClassifier(spec, data.trainX(), data.trainY());
      List<FeatureImportance> ranking = PermutationImportance.compute(model, data.testX(), data.testYAsDouble(), F,
          Metric.AUC, 3, 42);
      assertThat(ranking).extracting(FeatureImportance::feature).as(spec.name()).startsWith("f2");
      // shuffling the only informative feature takes the AUC (about 0.84) down to about 0.5
      assertThat(ranking.get(0).mean()).as(spec.name()).isGreaterThan(0.25);
      for (FeatureImportance noise : ranking.subList(1, 6)) {
        assertThat(noise.mean()).as(spec.name() + " " + noise.feature()).isCloseTo(0.0, within(0.03));
      }
    }
  }

  /** The model ignores f1, so shuffling f1 changes nothing: importance exactly 0 with zero spread. */
  @Test
  void aFeatureTheModelIgnoresHasExactlyZeroImportance() {
    Predictor model = x -> x[0] + 0.5 * x[2];
    SplittableRandom random = new SplittableRandom(1);
    double[][] x = new double[400][3];
    double[] y = new double[400];
    for (int i = 0; i < 400; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = Synthetic.gaussian(random);
      }
      y[i] = x[i][0] + 0.5 * x[i][2] + 0.1 * Synthetic.gaussian(random);
    }
    List<String> names = List.of("a", "b", "c");
    double[][] before = java.util.Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
    List<FeatureImportance> ranking = PermutationImportance.compute(model, x, y, names, Metric.R_SQUARED, 4, 9);
    assertThat(ranking).extracting(FeatureImportance::feature).containsExactly("a", "c", "b");
    assertThat(ranking.get(2).mean()).isZero();
    assertThat(ranking.get(2).std()).isZero();
    // y = a + c/2 + e has variance 1.26; with a shuffled the error a - a' + e has variance 2.01, so R squared falls
    // from 1 - 0.01 / 1.26 to 1 - 2.01 / 1.26: a drop of 2 / 1.26
    assertThat(ranking.get(0).mean()).isCloseTo(2 / 1.26, within(0.1));
    assertThat(ranking.get(0).std()).isPositive();
    assertThat(PermutationImportance.compute(model, x, y, names, Metric.R_SQUARED, 4, 9)).isEqualTo(ranking);
    assertThat(x).isDeepEqualTo(before); // the caller's matrix is not shuffled
  }

  @Test
  void scoresMatchHandComputedValues() {
    // pairs (positive, negative): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win -> 3/4
    assertThat(PermutationImportance.score(Metric.AUC, new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}))
        .isEqualTo(0.75);
    // ties count one half: (0.5, 0.5) twice -> 1/2 + 1/2, (0.9, 0.5) twice -> 2; total 3 of 4
    assertThat(PermutationImportance.score(Metric.AUC, new double[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.9}))
        .isEqualTo(0.75);
    // y = 1, 2, 3 and predictions 1, 2, 2: SSE 1, SST 2
    assertThat(PermutationImportance.score(Metric.R_SQUARED, new double[] {1, 2, 3}, new double[] {1, 2, 2}))
        .isEqualTo(0.5);
    assertThat(PermutationImportance.score(Metric.NEG_MSE, new double[] {1, 2, 3}, new double[] {1, 2, 2}))
        .isCloseTo(-1.0 / 3, within(1e-15));
  }

  @Test
  void rankSumAucAgreesWithPairCounting() {
    SplittableRandom random = new SplittableRandom(17);
    int n = 500;
    double[] labels = new double[n];
    int[] intLabels = new int[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      intLabels[i] = random.nextInt(3) == 0 ? 1 : 0;
      labels[i] = intLabels[i];
      scores[i] = Math.round((intLabels[i] * 0.5 + random.nextDouble()) * 20) / 20.0; // coarse: many ties
    }
    assertThat(PermutationImportance.score(Metric.AUC, labels, scores))
        .isCloseTo(Synthetic.pairwiseAuc(intLabels, scores), within(1e-12));
  }

  @Test
  void badArgumentsAreNamed() {
    Predictor model = x -> x[0];
    double[][] x = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> PermutationImportance.compute(model, x, new double[] {0, 1}, List.of("a"), Metric.AUC,
        1, 1)).hasMessageContaining("'x' must have 1 columns");
    assertThatThrownBy(() -> PermutationImportance.compute(model, x, new double[] {0, 1}, List.of("a", "b"),
        Metric.AUC, 0, 1)).hasMessageContaining("'repeats' must be positive");
    assertThatThrownBy(() -> PermutationImportance.score(Metric.AUC, new double[] {1, 1}, new double[] {0.2, 0.3}))
        .hasMessageContaining("both classes");
  }
}
