package io.quantflow.models.ml;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a model predicts; fixes the meaning of {@link Predictor#predict(double[])}. */
public enum ModelTask {
  /** Binary classification: the prediction is the probability of the positive class (label 1), in [0, 1]. */
  CLASSIFICATION,
  /** Regression: the prediction is the forward return as a decimal (0.01 is 1 percent) over the label horizon. */
  REGRESSION,
  /** Regime detection: the prediction is the regime index 0..k-1, 0 the calmest. */
  REGIME;

  /** Parses a name case-insensitively, with '-' or ' ' accepted for '_'. */
  @JsonCreator
  public static ModelTask parse(String name) {
    return Enums.parse(ModelTask.class, name, "task");
  }
}
