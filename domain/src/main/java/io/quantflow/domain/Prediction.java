package io.quantflow.domain;

/**
 * A model's score of one aligned feature row: what the model said, when, and which version said it.
 *
 * @param symbol ticker
 * @param timestampMicros when the prediction became known: the close of the row's base bar, UTC epoch micros (the
 *     row's {@code available_at}; the prediction uses nothing later)
 * @param model the model's name in the registry
 * @param modelVersion the version that scored the row (1, 2, ...)
 * @param score the model's output: probability of an up move in [0, 1] for a classifier, the predicted forward
 *     return as a decimal for a regressor, the regime index for a regime model
 */
public record Prediction(String symbol, long timestampMicros, String model, int modelVersion, double score) {
  /** Checks the fields. */
  public Prediction {
    Checks.notBlank(symbol, "symbol");
    Checks.notBlank(model, "model");
    Checks.isTrue(modelVersion >= 1, "Argument 'modelVersion' must be at least 1 but was %d", modelVersion);
    Checks.finite(score, "score");
  }
}
