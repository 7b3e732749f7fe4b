package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Each metric's mean and spread across folds. Folds where a metric is NaN are skipped for that metric, and each
 * {@link Stat} says how many folds it used. Immutable and thread-safe.
 *
 * @param folds number of folds summarised
 * @param auc ROC AUC across folds
 * @param logLoss log loss across folds
 * @param accuracy accuracy across folds
 * @param brier Brier score across folds
 * @param ic Spearman IC across folds
 */
public record MetricSummary(int folds, Stat auc, Stat logLoss, Stat accuracy, Stat brier, Stat ic) {

  /**
   * Mean and sample standard deviation (divisor {@code count - 1}) of one metric over the folds where it is not NaN.
   *
   * @param mean mean, NaN when {@code count == 0}
   * @param stdev sample standard deviation, NaN when {@code count < 2}
   * @param count folds used
   */
  public record Stat(double mean, double stdev, int count) {
    /** The statistics of the non-NaN values. */
    public static Stat of(double[] values) {
      Checks.notNull(values, "values");
      int count = 0;
      double sum = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          count++;
          sum += v;
        }
      }
      double mean = count == 0 ? Double.NaN : sum / count;
      double ss = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          ss += (v - mean) * (v - mean);
        }
      }
      return new Stat(mean, count < 2 ? Double.NaN : Math.sqrt(ss / (count - 1)), count);
    }
  }

  /** Checks the fields. */
  public MetricSummary {
    Checks.isTrue(folds >= 0, "Argument 'folds' must not be negative but was %d", folds);
    Checks.notNull(auc, "auc");
    Checks.notNull(logLoss, "logLoss");
    Checks.notNull(accuracy, "accuracy");
    Checks.notNull(brier, "brier");
    Checks.notNull(ic, "ic");
  }

  /** Summarises the folds. */
  public static MetricSummary of(List<FoldMetrics> folds) {
    Checks.notNull(folds, "folds");
    return new MetricSummary(folds.size(), stat(folds, FoldMetrics::auc), stat(folds, FoldMetrics::logLoss),
        stat(folds, FoldMetrics::accuracy), stat(folds, FoldMetrics::brier), stat(folds, FoldMetrics::ic));
  }

  private static Stat stat(List<FoldMetrics> folds, ToDoubleFunction<FoldMetrics> metric) {
    return Stat.of(folds.stream().mapToDouble(metric).toArray());
  }
}
