package io.quantflow.models.ml.explain;

/**
 * Area under the ROC curve by the Mann-Whitney U statistic: the rank sum of the positives, with tied scores given
 * their average rank, so a tie between a positive and a negative counts one half. O(n log n).
 */
final class Auc {
  private Auc() {}

  /**
   * The AUC of {@code scores} for 0/1 {@code labels} (any value other than 1 counts as negative).
   *
   * @throws IllegalArgumentException when one class is absent
   */
  static double of(double[] labels, double[] scores) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1.0) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("AUC needs both classes but the labels have " + positives
          + " positives of " + n);
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
