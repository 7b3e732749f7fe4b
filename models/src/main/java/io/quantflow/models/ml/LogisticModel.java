package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import smile.classification.LogisticRegression;

/**
 * A binomial logistic regression (Smile's {@link LogisticRegression.Binomial}) on the raw features:
 * {@code P(y = 1 | x) = 1 / (1 + exp(-(b + w . x)))}. The margin is the log-odds {@code b + w . x}. Immutable and
 * thread-safe.
 */
public final class LogisticModel implements LinearPredictor {
  private static final long serialVersionUID = 1L;

  private final LogisticRegression.Binomial model;
  private final int featureCount;
  private final double[] weights;
  private final double intercept;

  LogisticModel(LogisticRegression.Binomial model, int featureCount) {
    this.model = Checks.notNull(model, "model");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    double[] w = model.coefficients(); // p weights, then the intercept
    Checks.isTrue(w.length == featureCount + 1, "Smile's logistic model has %d coefficients, expected %d",
        w.length, featureCount + 1);
    this.weights = Arrays.copyOf(w, featureCount);
    this.intercept = w[featureCount];
  }

  /** The probability of the positive class (label 1), Smile's score. */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount);
    return model.score(x);
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.LOG_ODDS;
  }

  /** The log-odds {@code b + w . x}. */
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
  public LogisticRegression.Binomial smileModel() {
    return model;
  }
}
