package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import smile.regression.LinearModel;

/**
 * A linear regression (Smile's {@link LinearModel} from OLS, ridge or lasso): {@code f(x) = b + w . x} in the
 * target's units. Immutable and thread-safe.
 */
public final class LinearRegressionModel extends LinearMargin {
  private static final long serialVersionUID = 1L;

  private final LinearModel model;

  LinearRegressionModel(LinearModel model, int featureCount) {
    super(featureCount, weights(model, featureCount), model.intercept());
    this.model = model;
  }

  private static double[] weights(LinearModel model, int featureCount) {
    double[] w = Checks.notNull(model, "model").coefficients().clone();
    Checks.isTrue(w.length == featureCount, "Smile's linear model has %d coefficients, expected %d", w.length,
        featureCount);
    return w;
  }

  /** The predicted target (forward return as a decimal), Smile's prediction. */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount());
    return model.predict(x);
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.PREDICTION;
  }

  /** The wrapped Smile model (for inspection; do not mutate, e.g. by online {@code update}). */
  public LinearModel smileModel() {
    return model;
  }
}
