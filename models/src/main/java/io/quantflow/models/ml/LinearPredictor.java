package io.quantflow.models.ml;

/**
 * A model whose margin is linear in the features: {@code margin(x) = intercept() + sum_j coefficients()[j] * x[j]}.
 * Its exact SHAP values against background means m are {@code w_j * (x_j - m_j)}.
 */
public interface LinearPredictor extends MarginPredictor {
  /** The coefficients, one per feature in the model's order (a copy). */
  double[] coefficients();

  /** The intercept, in {@link #outputSpace()}. */
  double intercept();
}
