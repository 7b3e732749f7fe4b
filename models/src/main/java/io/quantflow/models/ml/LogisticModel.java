package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import smile.classification.LogisticRegression;

/**
 * A binomial logistic regression (Smile's {@link LogisticRegression.Binomial}) on the raw features:
 * {@code P(y = 1 | x) = 1 / (1 + exp(-(b + w . x)))}. The margin is the log-odds {@code b + w . x}. Immutable and
 * thread-safe.
 */
public final class LogisticModel extends LinearMargin {
  private static final long serialVersionUID = 1L;

  private final LogisticRegression.Binomial model;

  LogisticModel(LogisticRegression.Binomial model, int featureCount) {
    super(featureCount, Arrays.copyOf(coefficients(model, featureCount), featureCount),
        coefficients(model, featureCount)[featureCount]);
    this.model = model;
  }

  /** Smile's coefficients: the p weights, then the intercept. */
  private static double[] coefficients(LogisticRegression.Binomial model, int featureCount) {
    double[] w = Checks.notNull(model, "model").coefficients();
    Checks.isTrue(w.length == featureCount + 1, "Smile's logistic model has %d coefficients, expected %d",
        w.length, featureCount + 1);
    return w;
  }

  /** The probability of the positive class (label 1), Smile's score. */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount());
    return model.score(x);
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.LOG_ODDS;
  }

  /** The wrapped Smile model (for inspection; do not mutate, e.g. by online {@code update}). */
  public LogisticRegression.Binomial smileModel() {
    return model;
  }
}
