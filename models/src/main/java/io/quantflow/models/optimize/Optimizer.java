package io.quantflow.models.optimize;

import java.util.List;
import java.util.Optional;

/**
 * An ask/tell parameter search that maximises an objective. The caller asks for a point, evaluates it (e.g. runs a
 * backtest) and tells the score back:
 *
 * <pre>{@code
 * for (ParameterSet p = optimizer.ask(); p != null && optimizer.trials().size() < 100; p = optimizer.ask()) {
 *   optimizer.tell(p, backtest(p).sharpe());
 * }
 * }</pre>
 *
 * Implementations are not thread-safe. Keep every score told: the number of trials feeds the deflated Sharpe ratio
 * ({@code io.quantflow.models.stats.SharpeStatistics}).
 */
public interface Optimizer {

  /** Returns the space searched. */
  ParameterSpace space();

  /** Returns the next point to evaluate, or null when the search is exhausted (only a finite grid ends). */
  ParameterSet ask();

  /**
   * Records the score of {@code parameters}, which must lie in {@link #space()}; higher is better.
   *
   * @param objective the score, not NaN; negative infinity marks an infeasible point
   */
  void tell(ParameterSet parameters, double objective);

  /** Returns every trial told so far, in telling order. */
  List<Trial> trials();

  /** Returns the trial with the highest objective, the earliest on ties; empty before the first tell. */
  Optional<Trial> best();
}
