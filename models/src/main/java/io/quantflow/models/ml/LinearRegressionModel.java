package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import smile.regression.LinearModel;

/**
 * A linear regression (Smile's {@link LinearModel} from OLS, ridge or lasso): {@code f(x) = b + w . x} in the
 * target's units. Immutable and thread-safe.
 */
public final class LinearRegressionModel implements LinearPredictor {
  private static final long serialVersionUID = 1L;

  private final LinearModel model;
  private final int featureCount;
  private final double[] weights;
  private final double intercept;

  LinearRegressionModel(LinearModel model, int featureCount) {
    this.model = Checks.notNull(model, "model");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    this.weights = model.coefficients().clone();
    Checks.isTrue(weights.length == featureCount, "Smile's linear model has %d coefficients, expected %d",
        weights.length, featureCount);
    this.intercept = model.intercept();
  }

  /** The predicted target (forward return as a decimal), Smile's prediction. */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount);
    return model.predict(x);
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.PREDICTION;
  }

  /** {@code b + w . x}, equal to the prediction. */
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

  /** The wrapped Smile model (for inspection; do not mutate, e.g. by online {@code update}). */
  public LinearModel smileModel() {
    return model;
  }
}
