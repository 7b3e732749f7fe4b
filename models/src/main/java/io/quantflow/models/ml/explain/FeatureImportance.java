package io.quantflow.models.ml.explain;

import io.quantflow.domain.Checks;

/**
 * The importance of one feature: the mean and standard deviation of a per-repeat or per-row importance score. For
 * permutation importance the score is the drop of the metric when the feature is shuffled (repeats); for SHAP it is
 * the absolute SHAP value (rows). Immutable and thread-safe.
 *
 * @param feature the feature's name
 * @param index the feature's column in the model's input
 * @param mean the mean importance, in the metric's or the SHAP output space's units
 * @param std the sample standard deviation of the importance (n - 1 in the denominator), 0 for a single value
 */
public record FeatureImportance(String feature, int index, double mean, double std) {
  /** Checks the arguments. */
  public FeatureImportance {
    Checks.notBlank(feature, "feature");
    Checks.isTrue(index >= 0, "Argument 'index' must not be negative but was %d", index);
  }
}
