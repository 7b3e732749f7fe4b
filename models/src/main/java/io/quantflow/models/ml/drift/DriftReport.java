package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.util.List;

/**
 * Drift of each feature of a current window against the training window, from {@link FeatureDrift}. Immutable and
 * thread-safe.
 *
 * @param features one entry per feature, in the model's feature order
 * @param maxPsi largest PSI over the features; NaN if no feature has one
 * @param thresholds the thresholds used for the levels and flags
 */
public record DriftReport(List<Feature> features, double maxPsi, DriftThresholds thresholds) {

  /**
   * Drift of one feature.
   *
   * @param name feature name
   * @param psi PSI of the current values against the reference bins; NaN if there are no current values
   * @param ks Kolmogorov-Smirnov D against the reference sample; NaN if there are no current values
   * @param ksPValue asymptotic p-value of {@code ks}; NaN if there are no current values
   * @param nReference non-NaN reference values (the KS reference may be a thinned subset of them)
   * @param nCurrent non-NaN current values
   * @param nMissing NaN current values, excluded from both statistics
   * @param level PSI level under {@code thresholds}
   * @param ksShift whether {@code ksPValue} is below the KS threshold
   */
  public record Feature(String name, double psi, double ks, double ksPValue, int nReference, int nCurrent,
      int nMissing, DriftThresholds.PsiLevel level, boolean ksShift) {
    /** Checks the name. */
    public Feature {
      Checks.notBlank(name, "name");
      Checks.notNull(level, "level");
    }

    /** Whether PSI is significant or KS rejects "same distribution". */
    public boolean drifted() {
      return level == DriftThresholds.PsiLevel.SIGNIFICANT || ksShift;
    }
  }

  /** Checks and copies the list. */
  public DriftReport {
    features = List.copyOf(Checks.notNull(features, "features"));
    Checks.notNull(thresholds, "thresholds");
  }

  /** The features that {@link Feature#drifted()}, in feature order. */
  public List<Feature> drifted() {
    return features.stream().filter(Feature::drifted).toList();
  }
}
