package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import smile.base.cart.RegressionNode;
import smile.data.Tuple;
import smile.regression.GradientTreeBoost;
import smile.regression.RegressionTree;

/**
 * A least-squares gradient tree boosting regressor (Smile's {@link GradientTreeBoost}):
 * {@code f(x) = mean(y) + shrinkage * sum_t tree_t(x)}. Margin, prediction and TreeSHAP values are all in the
 * target's units (a forward return as a decimal). Immutable and thread-safe.
 */
public final class GradientBoostingRegressorModel implements TreeEnsemblePredictor {
  private static final long serialVersionUID = 1L;

  private final GradientTreeBoost model;
  private final int featureCount;
  private final double shrinkage;
  private final double expectedMargin;

  /**
   * Wraps a trained model.
   *
   * @param model the Smile model, trained with least-squares loss on the columns x0..x(p-1)
   * @param featureCount p
   * @param intercept Smile's {@code b}, the mean of the training targets
   * @param shrinkage the learning rate it was trained with
   */
  GradientBoostingRegressorModel(GradientTreeBoost model, int featureCount, double intercept, double shrinkage) {
    this.model = Checks.notNull(model, "model");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    this.shrinkage = shrinkage;
    double e = intercept;
    for (RegressionTree tree : model.trees()) {
      e += shrinkage * SmileData.expectation(tree.root(), leaf -> ((RegressionNode) leaf).output());
    }
    this.expectedMargin = e;
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

  /** TreeSHAP values in the target's units: {@code shrinkage * sum_t phi_t(x)}. */
  @Override
  public double[] treeShap(double[] x) {
    SmileData.checkRow(x, featureCount);
    Tuple t = SmileData.tuple(x, model.schema());
    double[] phi = new double[featureCount];
    for (RegressionTree tree : model.trees()) {
      double[] treePhi = tree.shap(t);
      for (int j = 0; j < featureCount; j++) {
        phi[j] += shrinkage * treePhi[j];
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
  public GradientTreeBoost smileModel() {
    return model;
  }
}
