package io.quantflow.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.ml.Synthetic.Classification;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final List<String> F = Synthetic.FEATURES;

  static ModelSpec gbt() {
    return ModelSpec.defaultSpec(F).withName("gbt");
  }

  static ModelSpec forest() {
    return new ModelSpec("rf", ModelType.RANDOM_FOREST, ModelTask.CLASSIFICATION, F,
        Hyperparameters.none().withTrees(100).withMaxNodes(64), null, 42);
  }

  static ModelSpec logistic() {
    return new ModelSpec("logit", ModelType.LOGISTIC, null, F, null, null, 42);
  }

  /** Feature 2 drives the label with log-odds slope 2 (Bayes AUC about 0.84); the other five are noise. */
  @Test
  void everyClassifierFindsThePlantedFeatureOnHeldOutData() {
    Classification data = Synthetic.logistic(3000, 0.0, 2.0, 7);
    for (ModelSpec spec : List.of(gbt(), forest(), logistic())) {
      Predictor model = Trainer.fitClassifier(spec, data.trainX(), data.trainY());
      double[] p = Synthetic.predictAll(model, data.testX());
      double auc = Synthetic.pairwiseAuc(data.testY(), p);
      assertThat(auc).as(spec.type() + " held-out AUC").isGreaterThan(0.7);
      assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
      assertThat(Arrays.stream(p).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void onPureNoiseHeldOutAucIsAboutOneHalf() {
    Classification data = Synthetic.logistic(3000, 0.0, 0.0, 11);
    for (ModelSpec spec : List.of(gbt(), forest(), logistic())) {
      Predictor model = Trainer.fitClassifier(spec, data.trainX(), data.trainY());
      double auc = Synthetic.pairwiseAuc(data.testY(), Synthetic.predictAll(model, data.testX()));
      assertThat(auc).as(spec.type() + " held-out AUC on noise").isCloseTo(0.5, within(0.06));
    }
  }

  /** Same data and seed: the same predictions on every row, also when the second training runs on another thread. */
  @Test
  void trainingIsDeterministicForEveryFamily() throws Exception {
    Classification data = Synthetic.logistic(1200, 0.0, 1.0, 3);
    double[] r = regressionTarget(data.x(), 0.0, 5);
    List<ModelSpec> specs = List.of(gbt(), forest(), logistic(),
        new ModelSpec("gbtr", ModelType.GRADIENT_BOOSTING, ModelTask.REGRESSION, F,
            Hyperparameters.none().withTrees(50), null, 42),
        new ModelSpec("rfr", ModelType.RANDOM_FOREST, ModelTask.REGRESSION, F,
            Hyperparameters.none().withTrees(50).withMaxNodes(32), null, 42),
        new ModelSpec("regime", ModelType.GAUSSIAN_MIXTURE_REGIME, null, F, null, null, 42));
    for (ModelSpec spec : specs) {
      Predictor first = Trainer.train(spec, data.x(), data.y(), r);
      AtomicReference<Predictor> second = new AtomicReference<>();
      Thread thread = new Thread(() -> second.set(Trainer.train(spec, data.x(), data.y(), r)));
      thread.start();
      thread.join();
      Predictor third = Trainer.train(spec, data.x(), data.y(), r);
      double[] a = Synthetic.predictAll(first, data.x());
      assertThat(Synthetic.predictAll(second.get(), data.x())).as(spec.name()).containsExactly(a);
      assertThat(Synthetic.predictAll(third, data.x())).as(spec.name()).containsExactly(a);
    }
  }

  @Test
  void anotherSeedGivesAnotherForest() {
    Classification data = Synthetic.logistic(1200, 0.0, 1.0, 3);
    double[] a = Synthetic.predictAll(Trainer.fitClassifier(forest(), data.x(), data.y()), data.x());
    double[] b = Synthetic.predictAll(Trainer.fitClassifier(forest().withSeed(43), data.x(), data.y()), data.x());
    assertThat(Arrays.equals(a, b)).isFalse();
  }

  /**
   * About 10 percent positives (intercept -2.6, slope 1 on feature 2). On a held-out subset with as many positives as
   * negatives, a model trained as is predicts a mean probability near the 10 percent base rate; trained BALANCED
   * (oversampling for GBT and logistic, Smile's class weights for the forest) it predicts near 0.5.
   */
  @Test
  void balancedTrainingCentresProbabilitiesOnABalancedPrior() {
    Classification data = Synthetic.logistic(3000, -2.6, 1.0, 19);
    int positives = Arrays.stream(data.trainY()).sum();
    assertThat((double) positives / data.split()).isBetween(0.07, 0.13);
    double[][] balancedTest = balancedSubset(data.testX(), data.testY());
    for (ModelSpec spec : List.of(gbt(), forest(), logistic())) {
      double plain = mean(Synthetic.predictAll(
          Trainer.fitClassifier(spec, data.trainX(), data.trainY()), balancedTest));
      double balanced = mean(Synthetic.predictAll(
          Trainer.fitClassifier(spec.withClassBalance(ClassBalance.BALANCED), data.trainX(), data.trainY()),
          balancedTest));
      assertThat(plain).as(spec.type() + " NONE").isBetween(0.05, 0.2);
      assertThat(balanced).as(spec.type() + " BALANCED").isBetween(0.4, 0.6);
      assertThat(balanced - plain).as(spec.type() + " shift").isGreaterThan(0.25);
    }
  }

  @Test
  void oversamplingEqualisesTheClassesAndKeepsEveryRow() {
    int[] y = new int[23];
    for (int i = 0; i < 5; i++) {
      y[i * 4] = 1; // five positives, eighteen negatives: 3 copies each (2 extra) + 3 drawn = 18
    }
    int[] rows = Trainer.oversampleMinority(y, 42);
    assertThat(rows).hasSize(36);
    assertThat(Arrays.copyOf(rows, 23)).containsExactly(java.util.stream.IntStream.range(0, 23).toArray());
    long positives = Arrays.stream(rows).filter(i -> y[i] == 1).count();
    assertThat(positives).isEqualTo(18);
    int[] extraDraws = Arrays.copyOfRange(rows, 33, 36);
    assertThat(extraDraws).doesNotHaveDuplicates();
    assertThat(Arrays.stream(extraDraws).map(i -> y[i])).containsOnly(1);
    assertThat(Trainer.oversampleMinority(y, 42)).containsExactly(rows);
  }

  /** r = 0.01 x1 + 0.01 e: the best possible R squared is 0.5. */
  @Test
  void regressorsExplainAPlantedLinearTargetAndNotNoise() {
    Classification data = Synthetic.logistic(3000, 0, 0, 23);
    double[] planted = regressionTarget(data.x(), 0.01, 29);
    double[] noise = regressionTarget(data.x(), 0.0, 31);
    List<ModelSpec> specs = List.of(
        new ModelSpec("gbtr", ModelType.GRADIENT_BOOSTING, ModelTask.REGRESSION, F, null, null, 42),
        new ModelSpec("rfr", ModelType.RANDOM_FOREST, ModelTask.REGRESSION, F,
            Hyperparameters.none().withTrees(60).withMaxNodes(64), null, 42),
        new ModelSpec("ols", ModelType.LINEAR, null, F, null, null, 42),
        new ModelSpec("ridge", ModelType.LINEAR, null, F,
            Hyperparameters.none().withPenalty(Penalty.RIDGE).withLambda(1.0), null, 42),
        new ModelSpec("lasso", ModelType.LINEAR, null, F,
            Hyperparameters.none().withPenalty(Penalty.LASSO).withLambda(1e-4), null, 42));
    for (ModelSpec spec : specs) {
      double r2 = heldOutR2(spec, data.x(), planted, data.split());
      double r2Noise = heldOutR2(spec, data.x(), noise, data.split());
      assertThat(r2).as(spec.name() + " planted").isGreaterThan(0.35);
      assertThat(r2Noise).as(spec.name() + " noise").isCloseTo(0.0, within(0.05));
    }
  }

  @Test
  void linearModelsMarginsAreTheirPredictionsLink() {
    Classification data = Synthetic.logistic(900, 0.3, 1.5, 37);
    LogisticModel logit = (LogisticModel) Trainer.fitClassifier(logistic(), data.x(), data.y());
    GradientBoostingClassifierModel boost = (GradientBoostingClassifierModel) Trainer.fitClassifier(
        gbt().withHyperparameters(Hyperparameters.none().withTrees(40)), data.x(), data.y());
    for (double[] row : data.x()) {
      assertThat(1 / (1 + Math.exp(-logit.margin(row)))).isCloseTo(logit.predict(row), within(1e-12));
      // checks the replicated Smile intercept b = 0.5 ln(n1 / n0): Smile's probability is sigmoid(2 F)
      assertThat(1 / (1 + Math.exp(-boost.margin(row)))).isCloseTo(boost.predict(row), within(1e-12));
    }
  }

  @Test
  void badArgumentsAreNamed() {
    Classification data = Synthetic.logistic(100, 0, 1, 1);
    assertThatThrownBy(() -> Trainer.fitClassifier(gbt(), new double[][] {{1, 2}}, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' must have 6 columns").hasMessageContaining("row 0 has 2");
    int[] three = data.y().clone();
    three[5] = 3;
    assertThatThrownBy(() -> Trainer.fitClassifier(gbt(), data.x(), three))
        .hasMessageContaining("'y' must hold 0 or 1 but y[5] = 3");
    assertThatThrownBy(() -> Trainer.fitClassifier(gbt(), data.x(), new int[100]))
        .hasMessageContaining("'y' must contain both classes but has 0 positives of 100");
    double[][] nan = Arrays.stream(data.x()).map(double[]::clone).toArray(double[][]::new);
    nan[3][2] = Double.NaN;
    assertThatThrownBy(() -> Trainer.fitClassifier(gbt(), nan, data.y()))
        .hasMessageContaining("x[3][2] (f2) = NaN");
    assertThatThrownBy(() -> Trainer.fitRegressor(gbt(), data.x(), new double[100]))
        .hasMessageContaining("'spec' must have task REGRESSION but has CLASSIFICATION");
    Predictor model = Trainer.fitClassifier(logistic(), data.x(), data.y());
    assertThatThrownBy(() -> model.predict(new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'x' must have 6 features (the model's) but had 5");
  }

  static double[] regressionTarget(double[][] x, double slope, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = slope * x[i][1] + 0.01 * Synthetic.gaussian(random);
    }
    return r;
  }

  private static double heldOutR2(ModelSpec spec, double[][] x, double[] r, int split) {
    Predictor model = Trainer.fitRegressor(spec, Arrays.copyOfRange(x, 0, split), Arrays.copyOfRange(r, 0, split));
    double[][] testX = Arrays.copyOfRange(x, split, x.length);
    return Synthetic.rSquared(Arrays.copyOfRange(r, split, r.length), Synthetic.predictAll(model, testX));
  }

  private static double[][] balancedSubset(double[][] x, int[] y) {
    int positives = Arrays.stream(y).sum();
    double[][] subset = new double[2 * positives][];
    int k = 0;
    int negatives = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 1) {
        subset[k++] = x[i];
      } else if (negatives < positives) {
        subset[k++] = x[i];
        negatives++;
      }
    }
    return subset;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }
}
