package io.quantflow.models.ml.explain;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.validation.ClassificationMetrics;
import io.quantflow.models.ml.Predictor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Permutation importance (Breiman 2001; Fisher, Rudin and Dominici 2019): how much a model's held-out score drops when
 * one feature's column is shuffled, which breaks that feature's link to the label while keeping its distribution.
 * Each feature is shuffled {@code repeats} times; the shuffles are seeded per feature and repeat, so a result does not
 * depend on which other features were scored. Importance is {@code baseline - permuted score}: positive when the
 * feature helps; near 0 (either sign) when it does not.
 */
public final class PermutationImportance {
  /** The held-out score, higher is better. */
  public enum Metric {
    /** Area under the ROC curve of a classifier's probabilities against 0/1 labels. */
    AUC,
    /** Coefficient of determination {@code 1 - SSE / SST} of a regressor's predictions. */
    R_SQUARED,
    /** Minus the mean squared error of a regressor's predictions. */
    NEG_MSE
  }

  private PermutationImportance() {}

  /**
   * The permutation importance of every feature, most important first (ties by column).
   *
   * @param model the model to explain
   * @param x held-out rows, not used in training; not modified
   * @param y held-out labels (0/1 for AUC) or targets, one per row
   * @param features the feature names in column order
   * @param metric the score
   * @param repeats shuffles per feature, at least 1
   * @param seed the seed of the shuffles
   */
  public static List<FeatureImportance> compute(Predictor model, double[][] x, double[] y, List<String> features,
      Metric metric, int repeats, long seed) {
    Checks.notNull(model, "model");
    Checks.notNull(metric, "metric");
    Checks.positive(repeats, "repeats");
    int p = checkData(x, y, features);
    double[][] work = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      work[i] = x[i].clone();
    }
    double baseline = score(metric, y, predict(model, work));
    List<FeatureImportance> result = new ArrayList<>(p);
    double[] column = new double[x.length];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < x.length; i++) {
        column[i] = x[i][j];
      }
      double[] drops = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (j * 1_000_003L + r + 1)));
        double[] shuffled = column.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
          int k = random.nextInt(i + 1);
          double tmp = shuffled[i];
          shuffled[i] = shuffled[k];
          shuffled[k] = tmp;
        }
        for (int i = 0; i < work.length; i++) {
          work[i][j] = shuffled[i];
        }
        drops[r] = baseline - score(metric, y, predict(model, work));
      }
      for (int i = 0; i < work.length; i++) {
        work[i][j] = column[i];
      }
      result.add(new FeatureImportance(features.get(j), j, mean(drops), std(drops)));
    }
    result.sort(Comparator.comparingDouble(FeatureImportance::mean).reversed()
        .thenComparingInt(FeatureImportance::index));
    return List.copyOf(result);
  }

  /**
   * The score of predictions against labels or targets, higher is better.
   *
   * @throws IllegalArgumentException for AUC when one class is absent, for R² when the targets are constant
   */
  public static double score(Metric metric, double[] y, double[] predictions) {
    Checks.notNull(metric, "metric");
    Checks.notNull(y, "y");
    Checks.notNull(predictions, "predictions");
    Checks.isTrue(y.length == predictions.length && y.length > 0,
        "Arguments 'y' (%d) and 'predictions' (%d) must be equally long and not empty", y.length,
        predictions.length);
    return switch (metric) {
      case AUC -> {
        int[] labels = new int[y.length];
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
          labels[i] = y[i] == 1.0 ? 1 : 0; // any value other than 1 counts as negative
          positives += labels[i];
        }
        double auc = ClassificationMetrics.auc(predictions, labels);
        Checks.isTrue(!Double.isNaN(auc), "AUC needs both classes but the labels have %d positives of %d",
            positives, y.length);
        yield auc;
      }
      case NEG_MSE -> -sse(y, predictions) / y.length;
      case R_SQUARED -> {
        double m = mean(y);
        double sst = 0;
        for (double v : y) {
          sst += (v - m) * (v - m);
        }
        Checks.isTrue(sst > 0, "R squared needs targets that are not all equal");
        yield 1 - sse(y, predictions) / sst;
      }
    };
  }

  private static double[] predict(Predictor model, double[][] x) {
    double[] predictions = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      predictions[i] = model.predict(x[i]);
    }
    return predictions;
  }

  static int checkData(double[][] x, double[] y, List<String> features) {
    Checks.notNull(x, "x");
    Checks.notNull(y, "y");
    Checks.notNull(features, "features");
    Checks.isTrue(x.length > 1, "Argument 'x' must have at least 2 rows but has %d", x.length);
    Checks.isTrue(y.length == x.length, "Argument 'y' must have one value per row (%d) but has %d", x.length,
        y.length);
    int p = features.size();
    for (int i = 0; i < x.length; i++) {
      Checks.isTrue(x[i] != null && x[i].length == p,
          "Argument 'x' must have %d columns (one per feature) in every row but row %d does not", p, i);
    }
    return p;
  }

  private static double sse(double[] y, double[] predictions) {
    double sse = 0;
    for (int i = 0; i < y.length; i++) {
      double e = y[i] - predictions[i];
      sse += e * e;
    }
    return sse;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
