package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import java.util.Map;

/**
 * The inverse-volatility portfolio {@code w_i = budget (1 / sigma_i) / sum_j (1 / sigma_j)},
 * {@code sigma_i = sqrt(S_ii)}: risk parity when all correlations are equal. Needs no expected returns; fails when
 * the weights violate another of the problem's constraints. Details: none. Immutable and thread-safe.
 */
public final class InverseVolatility implements PortfolioOptimizer {

  @Override
  public String name() {
    return OptimizationMethod.INVERSE_VOLATILITY.cliName();
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    Constraints k = problem.constraints();
    Checks.isTrue(k.hasBudget(), "%s needs a budget (sum of weights)", name());
    double[] w = inverseVolatility(problem, name());
    for (int i = 0; i < w.length; i++) {
      w[i] *= k.budget();
    }
    PortfolioQp.requireSatisfied(name(), problem, w);
    return PortfolioResult.of(name(), problem, w, Map.of());
  }

  /** {@code (1 / sigma_i) / sum_j (1 / sigma_j)}, failing on a zero variance. */
  static double[] inverseVolatility(PortfolioProblem problem, String method) {
    double[] sigma = problem.covariance().volatilities();
    double[] w = new double[sigma.length];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      Checks.isTrue(sigma[i] > 0, "%s needs a positive variance for every asset but %s has 0: drop it", method,
          problem.assets().get(i));
      w[i] = 1 / sigma[i];
      total += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= total;
    }
    return w;
  }
}
