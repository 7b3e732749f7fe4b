package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import smile.base.cart.RegressionNode;
import smile.classification.GradientTreeBoost;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.regression.RegressionTree;

/**
 * A binary gradient tree boosting classifier (Smile's {@link GradientTreeBoost}). Smile's binary GBT fits
 * {@code F(x) = b + shrinkage * sum_t tree_t(x)} with {@code P(y = 1 | x) = 1 / (1 + exp(-2 F(x)))} and
 * {@code b = 0.5 ln(n1 / n0)} over the training labels, so the log-odds margin is {@code 2 F(x)}.
 * {@link #predict(double[])} returns Smile's own probability; {@link #margin(double[])} and the TreeSHAP values are
 * in log-odds. Immutable and thread-safe.
 */
public final class GradientBoostingClassifierModel implements TreeEnsemblePredictor {
  private static final long serialVersionUID = 1L;

  private final GradientTreeBoost model;
  private final int featureCount;
  private final double intercept;
  private final double shrinkage;
  private final double expectedMargin;

  /**
   * Wraps a trained model.
   *
   * @param model the Smile model, trained on the columns x0..x(p-1) with labels 0/1
   * @param featureCount p
   * @param intercept Smile's {@code b}, {@code 0.5 ln(n1 / n0)} over the labels it was trained on
   * @param shrinkage the learning rate it was trained with
   */
  GradientBoostingClassifierModel(GradientTreeBoost model, int featureCount, double intercept, double shrinkage) {
    this.model = Checks.notNull(model, "model");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    this.intercept = intercept;
    this.shrinkage = shrinkage;
    double e = intercept;
    for (RegressionTree tree : model.trees()) {
      e += shrinkage * SmileData.expectation(tree.root(), leaf -> ((RegressionNode) leaf).output());
    }
    this.expectedMargin = 2 * e;
  }

  /** The probability of the positive class (label 1), Smile's posterior. */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount);
    double[] posteriori = new double[2];
    model.predict(SmileData.tuple(x, model.schema()), posteriori);
    return posteriori[1];
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.LOG_ODDS;
  }

  /** The log-odds of the positive class, {@code 2 (b + shrinkage * sum_t tree_t(x))}. */
  @Override
  public double margin(double[] x) {
    SmileData.checkRow(x, featureCount);
    Tuple t = SmileData.tuple(x, model.schema());
    double f = intercept;
    for (RegressionTree tree : model.trees()) {
      f += shrinkage * tree.predict(t);
    }
    return 2 * f;
  }

  /** TreeSHAP values in log-odds: {@code 2 * shrinkage * sum_t phi_t(x)}. */
  @Override
  public double[] treeShap(double[] x) {
    SmileData.checkRow(x, featureCount);
    Tuple t = SmileData.tuple(x, model.schema());
    double[] phi = new double[featureCount];
    for (RegressionTree tree : model.trees()) {
      double[] treePhi = tree.shap(t);
      for (int j = 0; j < featureCount; j++) {
        phi[j] += treePhi[j];
      }
    }
    for (int j = 0; j < featureCount; j++) {
      phi[j] *= 2 * shrinkage;
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

  /** The wrapped Smile model (for inspection; do not mutate, e.g. by {@code trim}). */
  public GradientTreeBoost smileModel() {
    return model;
  }
}
