package io.quantflow.models.ml;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The model family a {@link ModelSpec} trains. */
public enum ModelType {
  /** Smile's gradient tree boosting (Friedman's stochastic GBT); classification or regression. */
  GRADIENT_BOOSTING,
  /** Smile's random forest; classification or regression. */
  RANDOM_FOREST,
  /** Smile's binomial logistic regression with an L2 penalty {@code lambda}; classification only. */
  LOGISTIC,
  /** Linear regression: ordinary least squares, ridge or lasso by {@link Penalty}; regression only. */
  LINEAR,
  /** A Gaussian mixture over the features whose components are market regimes; regime task only. */
  GAUSSIAN_MIXTURE_REGIME;

  /** Parses a name case-insensitively, with '-' or ' ' accepted for '_' (so YAML may say "gradient-boosting"). */
  @JsonCreator
  public static ModelType parse(String name) {
    return Enums.parse(ModelType.class, name, "type");
  }
}
