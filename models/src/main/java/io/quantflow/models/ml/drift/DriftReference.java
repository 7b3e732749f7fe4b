package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.List;

/**
 * What a model looked like on its training window, kept with the model so that the live job and the batch drift
 * report test later windows against the same reference: the distribution of each feature ({@link FeatureDrift}),
 * the distribution of the model's out-of-fold scores, and the label horizon over which realised returns are
 * measured for IC and hit-rate decay. Immutable, thread-safe and serializable.
 *
 * <p>The score reference uses out-of-fold scores, not the final model's in-sample scores: in-sample scores of a
 * tree ensemble are more extreme than anything it says live, so they would raise a prediction-drift alert on the
 * first day.
 *
 * @param features per-feature training distributions, in the model's feature order
 * @param scores the distribution of out-of-sample scores
 * @param upThreshold scores above it mean "up": 0.5 for a classifier's probability, 0 for a predicted return
 * @param horizonBars bars of the base timeframe between a prediction and its realised return (the label horizon);
 *     0 when the model has none (a regime model), which turns performance decay checks off
 */
public record DriftReference(FeatureDrift features, PopulationStability.Reference scores, double upThreshold,
    int horizonBars) implements Serializable {

  /** Checks the fields. */
  public DriftReference {
    Checks.notNull(features, "features");
    Checks.notNull(scores, "scores");
    Checks.finite(upThreshold, "upThreshold");
    Checks.isTrue(horizonBars >= 0, "Argument 'horizonBars' must not be negative but was %d", horizonBars);
  }

  /**
   * The reference of a training window.
   *
   * @param names feature names, in the columns' order
   * @param x training rows x features; NaN is missing
   * @param scores out-of-sample scores of the training rows; NaN (rows in no test fold) are ignored
   * @throws IllegalArgumentException if a feature column or the scores hold no finite value
   */
  public static DriftReference of(List<String> names, double[][] x, double[] scores, double upThreshold,
      int horizonBars) {
    return new DriftReference(FeatureDrift.of(names, x), PopulationStability.reference(scores), upThreshold,
        horizonBars);
  }

  /** The feature names, in column order. */
  public List<String> names() {
    return features.features();
  }
}
