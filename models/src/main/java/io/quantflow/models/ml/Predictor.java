package io.quantflow.models.ml;

import java.io.Serializable;

/**
 * A trained model reduced to what scoring needs: one number per feature row. Implementations are immutable and
 * thread-safe, and serializable so that a model travels in Flink broadcast state and in the registry's artefact.
 *
 * <p>Conventions: {@code x} holds the model's features in the order of {@link ModelInfo#features()}; no value is NaN
 * (callers skip rows with missing features). A classifier returns the probability of the positive class (an up
 * move, or "take the trade" for a meta-label), in [0, 1]; a regressor returns the predicted forward return as a
 * decimal (0.01 is 1 percent) over the label horizon; a regime model returns the regime index 0..k-1 (0 the calmest).
 */
public interface Predictor extends Serializable {
  /** The score of one feature row. */
  double predict(double[] x);
}
