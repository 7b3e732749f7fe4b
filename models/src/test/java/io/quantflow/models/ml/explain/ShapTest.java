package io.quantflow.models.ml.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.ml.GaussianMixtureRegimeModel;
import io.quantflow.models.ml.GradientBoostingClassifierModel;
import io.quantflow.models.ml.Hyperparameters;
import io.quantflow.models.ml.LinearPredictor;
import io.quantflow.models.ml.ModelSpec;
import io.quantflow.models.ml.ModelTask;
import io.quantflow.models.ml.ModelType;
import io.quantflow.models.ml.OutputSpace;
import io.quantflow.models.ml.Penalty;
import io.quantflow.models.ml.Predictor;
import io.quantflow.models.ml.Synthetic;
import io.quantflow.models.ml.Synthetic.Classification;
import io.quantflow.models.ml.Trainer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smile.base.cart.InternalNode;
import smile.base.cart.RegressionNode;
import smile.regression.RegressionTree;

class ShapTest {
  private static final List<String> F = Synthetic.FEATURES;
  private static Classification data;
  private static double[][] sample;

  @BeforeAll
  static void data() {
    data = Synthetic.logistic(3000, 0.0, 2.0, 7);
    sample = Arrays.copyOfRange(data.testX(), 0, 300);
  }

  @Test
  void logisticShapIsExactAndAddsUpToTheLogOdds() {
    Predictor model = Trainer.fitClassifier(new ModelSpec("logit", ModelType.LOGISTIC, null, F, null, null, 42),
        data.trainX(), data.trainY());
    Shap shap = Shap.of(model, data.trainX());
    assertThat(shap.outputSpace()).isEqualTo(OutputSpace.LOG_ODDS);
    double[] w = ((LinearPredictor) model).coefficients();
    double[] means = new double[6];
    for (double[] row : data.trainX()) {
      for (int j = 0; j < 6; j++) {
        means[j] += row[j] / data.trainX().length;
      }
    }
    for (double[] row : sample) {
      double[] phi = shap.shap(row);
      double p = model.predict(row);
      assertThat(shap.baseValue() + Arrays.stream(phi).sum()).isCloseTo(Math.log(p / (1 - p)), within(1e-9));
      for (int j = 0; j < 6; j++) {
        assertThat(phi[j]).isCloseTo(w[j] * (row[j] - means[j]), within(1e-12));
      }
    }
    assertThat(shap.meanAbsolute(sample, F).get(0).feature()).isEqualTo("f2");
  }

  @Test
  void linearRegressionShapAddsUpToThePrediction() {
    double[] r = new double[data.split()];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < r.length; i++) {
      r[i] = 0.02 * data.x()[i][2] - 0.005 * data.x()[i][4] + 0.01 * Synthetic.gaussian(random);
    }
    Predictor model = Trainer.fitRegressor(new ModelSpec("ridge", ModelType.LINEAR, null, F,
        Hyperparameters.none().withPenalty(Penalty.RIDGE).withLambda(0.5), null, 42), data.trainX(), r);
    Shap shap = Shap.of(model, data.trainX());
    assertThat(shap.outputSpace()).isEqualTo(OutputSpace.PREDICTION);
    for (double[] row : sample) {
      assertThat(shap.baseValue() + Arrays.stream(shap.shap(row)).sum()).isCloseTo(model.predict(row),
          within(1e-12));
    }
    List<FeatureImportance> ranking = shap.meanAbsolute(sample, F);
    assertThat(ranking.get(0).feature()).isEqualTo("f2");
    assertThat(ranking.get(1).feature()).isEqualTo("f4");
  }

  /** TreeSHAP is exact: expected margin plus the row's SHAP values is the row's margin, for every tree family. */
  @Test
  void treeShapAddsUpToTheMarginAndRanksThePlantedFeatureFirst() {
    double[] r = new double[data.split()];
    for (int i = 0; i < r.length; i++) {
      r[i] = 0.01 * Math.tanh(data.x()[i][2]) + 0.001 * data.x()[i][0];
    }
    List<Predictor> models = List.of(
        Trainer.fitClassifier(ModelSpec.defaultSpec(F), data.trainX(), data.trainY()),
        Trainer.fitClassifier(new ModelSpec("rf", ModelType.RANDOM_FOREST, ModelTask.CLASSIFICATION, F,
            Hyperparameters.none().withTrees(60).withMaxNodes(64), null, 42), data.trainX(), data.trainY()),
        Trainer.fitRegressor(new ModelSpec("gbtr", ModelType.GRADIENT_BOOSTING, ModelTask.REGRESSION, F,
            Hyperparameters.none().withTrees(60), null, 42), data.trainX(), r),
        Trainer.fitRegressor(new ModelSpec("rfr", ModelType.RANDOM_FOREST, ModelTask.REGRESSION, F,
            Hyperparameters.none().withTrees(40).withMaxNodes(32), null, 42), data.trainX(), r));
    List<OutputSpace> spaces = List.of(OutputSpace.LOG_ODDS, OutputSpace.PROBABILITY, OutputSpace.PREDICTION,
        OutputSpace.PREDICTION);
    for (int m = 0; m < models.size(); m++) {
      Shap shap = Shap.of(models.get(m), null);
      assertThat(shap.outputSpace()).isEqualTo(spaces.get(m));
      double scale = 0;
      for (double[] row : sample) {
        double margin = shap.margin(row);
        scale = Math.max(scale, Math.abs(margin));
        assertThat(shap.baseValue() + Arrays.stream(shap.shap(row)).sum())
            .as(models.get(m).getClass().getSimpleName()).isCloseTo(margin, within(1e-9 * (1 + scale)));
      }
      List<FeatureImportance> ranking = shap.meanAbsolute(sample, F);
      assertThat(ranking.get(0).feature()).as(models.get(m).getClass().getSimpleName()).isEqualTo("f2");
      assertThat(ranking.get(0).mean()).isGreaterThan(3 * ranking.get(1).mean());
    }
  }

  /**
   * One stump (one tree, two leaves, no subsampling) splitting feature a: by hand, the Shapley value of a is the
   * tree's scaled leaf value minus its size-weighted mean, {@code 2 s (v(x) - (nL vL + nR vR) / n)}, and b gets 0.
   */
  @Test
  void treeShapOfAStumpMatchesTheHandFormula() {
    int n = 200;
    double[][] x = new double[n][2];
    int[] y = new int[n];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      x[i][0] = i / (double) n;
      x[i][1] = random.nextDouble();
      y[i] = x[i][0] > 0.3 ? 1 : 0;
    }
    ModelSpec spec = new ModelSpec("stump", ModelType.GRADIENT_BOOSTING, ModelTask.CLASSIFICATION,
        List.of("a", "b"), Hyperparameters.none().withTrees(1).withMaxNodes(2).withSubsample(1.0)
            .withShrinkage(0.1), null, 42);
    GradientBoostingClassifierModel model = (GradientBoostingClassifierModel) Trainer.fitClassifier(spec, x, y);
    RegressionTree tree = model.smileModel().trees()[0];
    InternalNode root = (InternalNode) tree.root();
    assertThat(root.feature()).isZero();
    RegressionNode left = (RegressionNode) root.trueChild();
    RegressionNode right = (RegressionNode) root.falseChild();
    double mean = (left.size() * left.output() + right.size() * right.output()) / (left.size() + right.size());
    double b = 0.5 * Math.log(139.0 / 61.0); // Smile's intercept: rows 61..199 are positive
    assertThat(model.expectedMargin()).isCloseTo(2 * (b + 0.1 * mean), within(1e-12));
    for (double[] row : new double[][] {{0.1, 0.5}, {0.9, 0.2}}) {
      double leaf = tree.predict(smile.data.Tuple.of(row, model.smileModel().schema()));
      assertThat(leaf).isIn(left.output(), right.output());
      double[] phi = Shap.of(model, null).shap(row);
      assertThat(phi[0]).isCloseTo(2 * 0.1 * (leaf - mean), within(1e-12));
      assertThat(phi[1]).isZero();
    }
  }

  @Test
  void modelsWithoutShapAreRejected() {
    Predictor constant = x -> 0.5;
    assertThatThrownBy(() -> Shap.of(constant, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a tree ensemble or a linear model");
    GaussianMixtureRegimeModel regime = Trainer.fitRegime(
        new ModelSpec("regime", ModelType.GAUSSIAN_MIXTURE_REGIME, null, F, null, null, 42), sample);
    assertThatThrownBy(() -> Shap.of(regime, sample)).isInstanceOf(IllegalArgumentException.class);
  }
}
