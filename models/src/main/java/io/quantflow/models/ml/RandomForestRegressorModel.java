package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import smile.base.cart.RegressionNode;
import smile.data.Tuple;
import smile.regression.RandomForest;

/**
 * A random forest regressor (Smile's {@link RandomForest}): the plain mean of the trees' leaf means. Margin,
 * prediction and TreeSHAP values are in the target's units. Immutable and thread-safe.
 */
public final class RandomForestRegressorModel implements TreeEnsemblePredictor {
  private static final long serialVersionUID = 1L;

  private final RandomForest model;
  private final int featureCount;
  private final double expectedMargin;

  /**
   * Wraps a trained model.
   *
   * @param model the Smile model, trained on the columns x0..x(p-1)
   * @param featureCount p
   */
  RandomForestRegressorModel(RandomForest model, int featureCount) {
    this.model = Checks.notNull(model, "model");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    double e = 0;
    for (RandomForest.Model m : model.models()) {
      e += SmileData.expectation(m.tree.root(), leaf -> ((RegressionNode) leaf).output());
    }
    this.expectedMargin = e / model.models().length;
  }

  /** The predicted target (forward return as a decimal). */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount);
    return model.predict(SmileData.tuple(x, model.schema()));
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.PREDICTION;
  }

  /** The prediction itself. */
  @Override
  public double margin(double[] x) {
    return predict(x);
  }

  @Override
  public double[] treeShap(double[] x) {
    SmileData.checkRow(x, featureCount);
    Tuple t = SmileData.tuple(x, model.schema());
    double[] phi = new double[featureCount];
    RandomForest.Model[] models = model.models();
    for (RandomForest.Model m : models) {
      double[] treePhi = m.tree.shap(t);
      for (int j = 0; j < featureCount; j++) {
        phi[j] += treePhi[j] / models.length;
      }
    }
    return phi;
  }

  @Override
  public double expectedMargin() {
    return expectedMargin;
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  /** The wrapped Smile model (for inspection; do not mutate). */
  public RandomForest smileModel() {
    return model;
  }
}
