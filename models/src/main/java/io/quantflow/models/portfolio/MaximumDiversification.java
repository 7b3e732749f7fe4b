package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import java.util.List;
import java.util.Map;

/**
 * Choueifaty and Coignard's (2008) most diversified portfolio: maximise the diversification ratio
 * {@code D(w) = w'sigma / sqrt(w'Sw)} ({@code sigma_i = sqrt(S_ii)}) over long-only weights. Solved as the convex
 * QP {@code min y'Sy} subject to {@code sigma'y = 1}, {@code y >= 0} (ojAlgo), then {@code w = budget y / sum(y)}.
 * Because {@code D} is scale-free, per-asset bounds and sector caps on {@code w} become the homogeneous rows
 * {@code y_i - (min / budget) sum(y) >= 0}, {@code y_i - (max / budget) sum(y) <= 0} and
 * {@code sum_{i in k} y_i - (cap_k / budget) sum(y) <= 0}, so they are honoured exactly. With uncorrelated assets
 * {@code w_i} is proportional to {@code 1 / sigma_i}. Needs a positive budget and long-only constraints; turnover
 * limits are rejected (they are not scale-free). Needs no expected returns. Details: {@code diversificationRatio}.
 * Immutable and thread-safe.
 */
public final class MaximumDiversification implements PortfolioOptimizer {

  @Override
  public String name() {
    return OptimizationMethod.MAXIMUM_DIVERSIFICATION.cliName();
  }

  /** The diversification ratio {@code w'sigma / sqrt(w'Sw)} of {@code weights}; 1 for a single asset. */
  public static double diversificationRatio(Covariance covariance, double[] weights) {
    return Linalg.dot(weights, covariance.volatilities()) / covariance.volatility(weights);
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    Constraints k = problem.constraints();
    List<String> assets = problem.assets();
    Checks.isTrue(k.longOnly(), "%s is long-only: use Constraints.defaults() or mean-variance for long-short", name());
    Checks.isTrue(k.hasBudget() && k.budget() > 0, "%s needs a positive budget but got %s", name(), k.budget());
    Checks.isTrue(!k.hasTurnoverLimit(),
        "%s cannot honour a turnover limit (it is not scale-free): use mean-variance or minimum-variance", name());
    k.checkFeasible(assets);
    int n = assets.size();
    double[] sigma = problem.covariance().volatilities();
    for (int i = 0; i < n; i++) {
      Checks.isTrue(sigma[i] > 0, "%s needs a positive variance for every asset but %s has 0: drop it", name(),
          assets.get(i));
    }
    double budget = k.budget();
    QuadraticProgram qp = new QuadraticProgram(n);
    for (int i = 0; i < n; i++) {
      qp.bound(i, 0, Double.POSITIVE_INFINITY);
    }
    qp.linear("sigma'y = 1", sigma, 1, 1);
    double lo = k.lowerBound();
    double hi = k.upperBound();
    for (int i = 0; i < n; i++) {
      if (lo > 0) {
        qp.linear("minWeight " + assets.get(i), homogeneous(n, i, lo / budget), 0, Double.POSITIVE_INFINITY);
      }
      if (hi != Double.POSITIVE_INFINITY) {
        qp.linear("maxWeight " + assets.get(i), homogeneous(n, i, hi / budget), Double.NEGATIVE_INFINITY, 0);
      }
    }
    for (Map.Entry<String, Double> cap : k.sectorCaps().entrySet()) {
      double[] a = PortfolioQp.sectorRow(k, assets, cap.getKey());
      for (int i = 0; i < n; i++) {
        a[i] -= cap.getValue() / budget;
      }
      qp.linear("sector " + cap.getKey(), a, Double.NEGATIVE_INFINITY, 0);
    }
    QuadraticProgram.Outcome out = qp.minimise(problem.covariance().matrix(), null);
    Checks.isTrue(out.feasible(), "%s found no solution (solver state %s) under %s: relax the bounds or sector caps",
        name(), out.state(), k.describe());
    double[] y = out.x();
    double total = 0;
    for (int i = 0; i < n; i++) {
      y[i] = Math.max(0, y[i]);
      total += y[i];
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = budget * y[i] / total;
    }
    PortfolioQp.requireSatisfied(name(), problem, w);
    return PortfolioResult.of(name(), problem, w,
        Map.of("diversificationRatio", diversificationRatio(problem.covariance(), w)));
  }

  /** The row {@code y_i - f sum(y)}. */
  private static double[] homogeneous(int n, int i, double f) {
    double[] a = new double[n];
    for (int j = 0; j < n; j++) {
      a[j] = -f;
    }
    a[i] += 1;
    return a;
  }
}
