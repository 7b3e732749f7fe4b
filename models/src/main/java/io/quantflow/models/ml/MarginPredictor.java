package io.quantflow.models.ml;

/**
 * A predictor whose prediction is a fixed link of a raw output, its margin; explanations ({@code ml.explain.Shap})
 * attribute the margin to the features. Immutable and thread-safe like every {@link Predictor}.
 */
public interface MarginPredictor extends Predictor {
  /** The space of {@link #margin(double[])}: log-odds, probability or the prediction itself. */
  OutputSpace outputSpace();

  /** The raw output for one feature row, in {@link #outputSpace()}; features in the model's order. */
  double margin(double[] x);

  /** The number of features the model takes. */
  int featureCount();
}
