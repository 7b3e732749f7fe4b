package io.quantflow.jobs.optimize;

import io.quantflow.domain.Checks;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an optimisation maximises: a key of a trial's metrics, negated when written with a leading {@code -} (so
 * {@code -max_drawdown} prefers small drawdowns). An undefined metric (NaN) ranks below every number.
 *
 * @param metric the metrics key, e.g. {@code sharpe}
 * @param minimise whether the key was prefixed with {@code -}
 */
record Objective(String metric, boolean minimise) {

  /** Parses {@code sharpe} or {@code -max_drawdown}. */
  static Objective parse(String text) {
    Checks.isTrue(text != null && !text.isBlank() && !text.strip().equals("-"), "Setting 'objective' must be a "
        + "metrics key such as sharpe, sortino, calmar or total_return, or -max_drawdown to minimise, but was '%s'",
        text);
    String t = text.strip();
    return t.startsWith("-") ? new Objective(t.substring(1).strip(), true) : new Objective(t, false);
  }

  /**
   * The objective of a trial: the metric, negated when minimised; NaN when the metric is undefined.
   *
   * @throws IllegalArgumentException when the metrics have no such key, naming the keys they have
   */
  double of(Map<String, Double> metrics) {
    if (!metrics.containsKey(metric)) {
      throw new IllegalArgumentException(String.format("Setting 'objective' names '%s', which is not a metric of "
          + "the trials; use one of %s (prefix '-' to minimise)", metric, new TreeSet<>(metrics.keySet())));
    }
    Double v = metrics.get(metric);
    double x = v == null ? Double.NaN : v;
    return minimise ? -x : x;
  }

  /** The value used to rank and to tell optimisers: NaN becomes negative infinity (infeasible). */
  static double rankable(double objective) {
    return Double.isNaN(objective) ? Double.NEGATIVE_INFINITY : objective;
  }

  @Override
  public String toString() {
    return (minimise ? "-" : "") + metric;
  }
}
