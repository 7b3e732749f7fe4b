package io.quantflow.models.optimize;

import io.quantflow.domain.Checks;

/**
 * One evaluated point: parameters and the objective they scored (higher is better). Immutable and thread-safe.
 *
 * @param parameters the point evaluated
 * @param objective its score, not NaN; negative infinity marks an infeasible point
 */
public record Trial(ParameterSet parameters, double objective) {
  /** Checks that the parameters are present and the objective is not NaN. */
  public Trial {
    Checks.notNull(parameters, "parameters");
    Checks.isTrue(!Double.isNaN(objective), "Argument 'objective' must not be NaN for %s", parameters);
  }
}
