package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import java.util.Map;

/**
 * The equal-weight (1/N) portfolio {@code w_i = budget / n}. Needs no covariance estimate beyond reporting and no
 * expected returns; fails when {@code budget / n} violates another of the problem's constraints. Details: none.
 * Immutable and thread-safe.
 */
public final class EqualWeight implements PortfolioOptimizer {

  @Override
  public String name() {
    return OptimizationMethod.EQUAL_WEIGHT.cliName();
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    Constraints k = problem.constraints();
    Checks.isTrue(k.hasBudget(), "%s needs a budget (sum of weights)", name());
    double[] w = new double[problem.size()];
    Arrays.fill(w, k.budget() / w.length);
    PortfolioQp.requireSatisfied(name(), problem, w);
    return PortfolioResult.of(name(), problem, w, Map.of());
  }
}
