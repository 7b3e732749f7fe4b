package io.quantflow.models.portfolio;

/**
 * Turns a {@link PortfolioProblem} into weights. Implementations are immutable and thread-safe; each documents its
 * objective, the constraints it honours and its defaults, and rejects constraints it cannot honour with an
 * {@link IllegalArgumentException}.
 */
public interface PortfolioOptimizer {

  /** The method's CLI name, as in {@link OptimizationMethod}. */
  String name();

  /**
   * The optimal weights for {@code problem}.
   *
   * @throws IllegalArgumentException if the problem lacks an input the method needs, or its constraints are
   *     infeasible or unsupported
   */
  PortfolioResult optimize(PortfolioProblem problem);
}
