package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import java.util.List;
import java.util.Map;

/**
 * The global minimum-variance portfolio: minimise {@code w' S w} subject to {@code 1'w = budget} and the other
 * {@link Constraints}. With only the budget (long-short, no bounds) it is the closed form
 * {@code w = budget S^-1 1 / (1' S^-1 1)}, which needs a positive definite covariance; otherwise a convex QP solved
 * by ojAlgo. Needs no expected returns. Details: {@code closedForm} (1 or 0). Immutable and thread-safe.
 */
public final class MinimumVariance implements PortfolioOptimizer {

  @Override
  public String name() {
    return OptimizationMethod.MINIMUM_VARIANCE.cliName();
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    Constraints k = problem.constraints();
    Checks.isTrue(k.hasBudget(), "%s needs a budget (sum of weights): without one the minimum variance is w = 0",
        name());
    if (k.isBudgetOnly()) {
      double[][] s = problem.covariance().matrix();
      Checks.isTrue(problem.covariance().isPositiveDefinite(),
          "covariance is singular (smallest eigenvalue %s): the unconstrained minimum-variance portfolio is not "
              + "unique; use LedoitWolf shrinkage or add bounds", problem.covariance().smallestEigenvalue());
      double[] x = Linalg.solve(s, Linalg.ones(s.length));
      double total = Linalg.sum(x);
      double[] w = new double[x.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = k.budget() * x[i] / total;
      }
      return PortfolioResult.of(name(), problem, w, Map.of("closedForm", 1.0));
    }
    double[] w = PortfolioQp.minimise(name(), problem, problem.covariance().matrix(), null, List.of());
    return PortfolioResult.of(name(), problem, w, Map.of("closedForm", 0.0));
  }
}
