package io.quantflow.models.ml;

/** The space a model's raw output (its margin) and its SHAP values live in. */
public enum OutputSpace {
  /** Natural log of the odds of the positive class: probability = 1 / (1 + exp(-margin)). */
  LOG_ODDS,
  /** The probability of the positive class itself (random forests average per-tree class frequencies). */
  PROBABILITY,
  /** The prediction itself, in the target's units (a regressor's forward return as a decimal). */
  PREDICTION
}
