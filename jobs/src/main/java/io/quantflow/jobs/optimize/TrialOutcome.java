package io.quantflow.jobs.optimize;

import io.quantflow.domain.Checks;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.optimize.ParameterSet;

/**
 * One evaluated trial of an optimisation. Immutable.
 *
 * @param trial the trial id: 0, 1, ... in the order the search asked for the points (grid order for grid search)
 * @param parameters the point of the parameter space
 * @param config the backtest config rendered with {@code parameters}
 * @param objective the objective of the trial, negated for a minimised metric; NaN when the metric is undefined
 *     (such a trial ranks last)
 * @param result what the evaluator returned
 */
public record TrialOutcome(int trial, ParameterSet parameters, JobConfig config, double objective,
    TrialEvaluator.TrialResult result) {

  /** Checks the parts are present. */
  public TrialOutcome {
    Checks.isTrue(trial >= 0, "Argument 'trial' must not be negative but was %s", trial);
    Checks.notNull(parameters, "parameters");
    Checks.notNull(config, "config");
    Checks.notNull(result, "result");
  }

  /** The metric {@code key} of the result, NaN when absent. */
  public double metric(String key) {
    Double v = result.metrics().get(key);
    return v == null ? Double.NaN : v;
  }
}
