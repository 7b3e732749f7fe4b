package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;
import io.quantflow.models.signals.Spearman;

/**
 * Metrics of a binary classifier's scores against labels 0/1. Each method returns NaN for empty input. Stateless
 * and thread-safe.
 */
public final class ClassificationMetrics {
  /** Probabilities are clipped to {@code [EPS, 1 - EPS]} before taking logs, so that log loss stays finite. */
  public static final double EPS = 1e-15;

  private ClassificationMetrics() {}

  /**
   * Area under the ROC curve by the Mann-Whitney U statistic: {@code (R1 - n1 (n1 + 1) / 2) / (n1 n0)} with
   * {@code R1} the sum of the positives' ranks among all scores, tied scores getting the average of their ranks
   * (so a tied positive/negative pair counts one half). 1 for a perfect ranking, 0 for a reversed one; NaN when
   * either class is absent.
   *
   * @param score finite scores, larger meaning more likely positive (need not be probabilities)
   * @param label 0 or 1 per score
   */
  public static double auc(double[] score, int[] label) {
    check(score, label, "score");
    double[] ranks = Spearman.averageRanks(score);
    long positives = 0;
    double rankSum = 0;
    for (int i = 0; i < label.length; i++) {
      if (label[i] == 1) {
        positives++;
        rankSum += ranks[i];
      }
    }
    long negatives = label.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Mean log loss {@code -mean(y ln p + (1 - y) ln(1 - p))}, natural log, {@code p} clipped to
   * {@code [EPS, 1 - EPS]}.
   *
   * @param probability predicted probability of label 1, in [0, 1]
   * @param label 0 or 1 per probability
   */
  public static double logLoss(double[] probability, int[] label) {
    checkProbabilities(probability, label);
    double sum = 0;
    for (int i = 0; i < label.length; i++) {
      double p = Math.min(Math.max(probability[i], EPS), 1 - EPS);
      sum -= label[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return label.length == 0 ? Double.NaN : sum / label.length;
  }

  /**
   * Share of correct predictions, predicting 1 when {@code probability >= 0.5}.
   *
   * @param probability predicted probability of label 1, in [0, 1]
   * @param label 0 or 1 per probability
   */
  public static double accuracy(double[] probability, int[] label) {
    checkProbabilities(probability, label);
    int correct = 0;
    for (int i = 0; i < label.length; i++) {
      if ((probability[i] >= 0.5 ? 1 : 0) == label[i]) {
        correct++;
      }
    }
    return label.length == 0 ? Double.NaN : (double) correct / label.length;
  }

  /**
   * Brier score {@code mean((p - y)^2)}, in [0, 1], lower is better.
   *
   * @param probability predicted probability of label 1, in [0, 1]
   * @param label 0 or 1 per probability
   */
  public static double brier(double[] probability, int[] label) {
    checkProbabilities(probability, label);
    double sum = 0;
    for (int i = 0; i < label.length; i++) {
      double d = probability[i] - label[i];
      sum += d * d;
    }
    return label.length == 0 ? Double.NaN : sum / label.length;
  }

  private static void checkProbabilities(double[] probability, int[] label) {
    check(probability, label, "probability");
    for (int i = 0; i < probability.length; i++) {
      Checks.inRange(probability[i], 0, 1, "probability[" + i + "]");
    }
  }

  private static void check(double[] values, int[] label, String name) {
    Checks.notNull(values, name);
    Checks.notNull(label, "label");
    Checks.isTrue(values.length == label.length, "Arguments '%s' and 'label' must have the same length but have %d"
        + " and %d", name, values.length, label.length);
    for (int i = 0; i < label.length; i++) {
      Checks.isTrue(label[i] == 0 || label[i] == 1, "Argument 'label' must hold 0 or 1 but has %d at index %d",
          label[i], i);
    }
  }
}
