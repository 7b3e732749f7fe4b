package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;

/**
 * Out-of-sample metrics of one fold of a classifier. Metrics are NaN when undefined (e.g. AUC with one class
 * absent). Immutable and thread-safe.
 *
 * @param fold the split's number, 0-based
 * @param nTrain training samples
 * @param nTest test samples
 * @param auc ROC AUC, see {@link ClassificationMetrics#auc}
 * @param logLoss mean log loss, natural log
 * @param accuracy share correct at threshold 0.5
 * @param brier Brier score
 * @param ic Spearman IC of the predicted probability against the realised return, NaN without returns
 */
public record FoldMetrics(int fold, int nTrain, int nTest, double auc, double logLoss, double accuracy,
    double brier, double ic) {

  /** Checks the counts. */
  public FoldMetrics {
    Checks.isTrue(fold >= 0, "Argument 'fold' must not be negative but was %d", fold);
    Checks.isTrue(nTrain >= 0, "Argument 'nTrain' must not be negative but was %d", nTrain);
    Checks.isTrue(nTest >= 0, "Argument 'nTest' must not be negative but was %d", nTest);
  }

  /**
   * Scores one fold.
   *
   * @param split the fold's split, for its number and sizes
   * @param probability predicted probability of label 1 for each test sample, in [0, 1]
   * @param label 0 or 1 for each test sample
   * @param realisedReturn realised return (decimal) of each test sample for the IC, or null
   */
  public static FoldMetrics of(Split split, double[] probability, int[] label, double[] realisedReturn) {
    Checks.notNull(split, "split");
    Checks.notNull(probability, "probability");
    Checks.isTrue(probability.length == split.test().length, "Argument 'probability' must have one value per test"
        + " sample (%d) but has %d", split.test().length, probability.length);
    double ic = realisedReturn == null ? Double.NaN : InformationCoefficient.spearman(probability, realisedReturn);
    return new FoldMetrics(split.fold(), split.train().length, split.test().length,
        ClassificationMetrics.auc(probability, label), ClassificationMetrics.logLoss(probability, label),
        ClassificationMetrics.accuracy(probability, label), ClassificationMetrics.brier(probability, label), ic);
  }
}
