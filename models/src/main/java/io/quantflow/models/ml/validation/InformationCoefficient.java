package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;
import io.quantflow.models.signals.Spearman;
import java.util.Arrays;

/**
 * Information coefficients: the correlation of predictions with realised returns (decimals) over the same samples.
 * Pairs with a NaN on either side are skipped (e.g. returns not yet known); the result is NaN with fewer than 2
 * pairs left or when either side is constant. Stateless and thread-safe.
 */
public final class InformationCoefficient {
  private InformationCoefficient() {}

  /** Spearman rank IC in [-1, 1], ties ranked by their average rank (see {@link Spearman}). */
  public static double spearman(double[] predicted, double[] realised) {
    double[][] pairs = pairs(predicted, realised);
    return Spearman.correlation(pairs[0], pairs[1]);
  }

  /** Pearson IC in [-1, 1]: {@code cov(x, y) / (sd(x) sd(y))}. */
  public static double pearson(double[] predicted, double[] realised) {
    double[][] pairs = pairs(predicted, realised);
    return pairs[0].length < 2 ? Double.NaN : Spearman.pearson(pairs[0], pairs[1]);
  }

  private static double[][] pairs(double[] predicted, double[] realised) {
    Checks.notNull(predicted, "predicted");
    Checks.notNull(realised, "realised");
    Checks.isTrue(predicted.length == realised.length, "Arguments 'predicted' and 'realised' must have the same"
        + " length but have %d and %d", predicted.length, realised.length);
    int n = 0;
    double[] x = new double[predicted.length];
    double[] y = new double[predicted.length];
    for (int i = 0; i < predicted.length; i++) {
      if (Double.isNaN(predicted[i]) || Double.isNaN(realised[i])) {
        continue;
      }
      x[n] = Checks.finite(predicted[i], "predicted[" + i + "]");
      y[n] = Checks.finite(realised[i], "realised[" + i + "]");
      n++;
    }
    return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
  }
}
