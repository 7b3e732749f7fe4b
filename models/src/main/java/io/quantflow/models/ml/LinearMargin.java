package io.quantflow.models.ml;

import io.quantflow.domain.Checks;

/**
 * What the linear models share: the weights and intercept copied out of Smile's model, and the margin
 * {@code b + w . x} computed from them. Subclasses say what the prediction and the margin's space are.
 */
abstract class LinearMargin implements LinearPredictor {
  private static final long serialVersionUID = 1L;

  private final int featureCount;
  private final double[] weights;
  private final double intercept;

  LinearMargin(int featureCount, double[] weights, double intercept) {
    this.featureCount = Checks.positive(featureCount, "featureCount");
    this.weights = weights;
    this.intercept = intercept;
  }

  /** {@code b + w . x}. */
  @Override
  public double margin(double[] x) {
    SmileData.checkRow(x, featureCount);
    double m = intercept;
    for (int j = 0; j < featureCount; j++) {
      m += weights[j] * x[j];
    }
    return m;
  }

  @Override
  public double[] coefficients() {
    return weights.clone();
  }

  @Override
  public double intercept() {
    return intercept;
  }

  @Override
  public int featureCount() {
    return featureCount;
  }
}
