package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Risk parity (equal risk contribution), optionally with risk budgets: long-only weights whose risk contributions
 * {@code RC_i = w_i (S w)_i / sigma_p} are the shares {@code b_i} of the portfolio volatility
 * ({@code RC_i / sigma_p = b_i}, equal budgets {@code b_i = 1 / n} by default). Solved by Spinu's (2013) convex
 * formulation: minimise {@code 0.5 y'Sy - sum_i b_i ln y_i} over {@code y > 0} by damped Newton steps (the Hessian
 * {@code S + diag(b_i / y_i^2)} is positive definite), then {@code w = budget y / sum(y)}. With two assets
 * {@code w_1 = sigma_2 / (sigma_1 + sigma_2)} for any correlation. Converges to {@code |RC_i / sigma_p - b_i|} near
 * 1e-12. Honours only the budget (default 1) and is always long-only; when the
 * result violates another of the problem's constraints (bounds, sector caps, turnover) it fails rather than
 * return it. Needs no expected returns. Details: {@code iterations} (Newton steps). Immutable and
 * thread-safe.
 *
 * @param riskBudgets asset to budget {@code b_i > 0} (normalised to sum 1 over the problem's assets); empty for
 *     equal budgets
 */
public record RiskParity(Map<String, Double> riskBudgets) implements PortfolioOptimizer {
  private static final int MAX_ITERATIONS = 200;

  /** Checks and copies the budgets. */
  public RiskParity {
    Checks.notNull(riskBudgets, "riskBudgets");
    Map<String, Double> copy = new LinkedHashMap<>();
    riskBudgets.forEach((a, b) -> copy.put(Checks.notBlank(a, "riskBudgets key"),
        Checks.positive(Checks.notNull(b, "riskBudgets[" + a + "]"), "riskBudgets[" + a + "]")));
    riskBudgets = Collections.unmodifiableMap(copy);
  }

  /** Equal risk contributions. */
  public static RiskParity equalRisk() {
    return new RiskParity(Map.of());
  }

  @Override
  public String name() {
    return OptimizationMethod.RISK_PARITY.cliName();
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    Constraints k = problem.constraints();
    Checks.isTrue(k.hasBudget(), "%s needs a budget (sum of weights); use Constraints.defaults()", name());
    List<String> assets = problem.assets();
    int n = assets.size();
    double[] b = budgets(assets);
    double[][] s = problem.covariance().matrix();
    double meanVar = 0;
    for (int i = 0; i < n; i++) {
      Checks.isTrue(s[i][i] > 0, "%s needs a positive variance for every asset but %s has 0: drop it", name(),
          assets.get(i));
      meanVar += s[i][i] / n;
    }
    // rescaling S changes y by a constant factor only, and keeps Newton's tolerances meaningful for daily data
    for (double[] row : s) {
      for (int j = 0; j < n; j++) {
        row[j] /= meanVar;
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 1 / Math.sqrt(s[i][i]);
    }
    double start = 1 / Math.sqrt(Linalg.quadratic(s, y));
    for (int i = 0; i < n; i++) {
      y[i] *= start;
    }
    int iterations = 0;
    boolean converged = false;
    while (iterations < MAX_ITERATIONS) {
      double[] sy = Linalg.multiply(s, y);
      double[] g = new double[n];
      double[][] h = Linalg.copy(s);
      for (int i = 0; i < n; i++) {
        g[i] = sy[i] - b[i] / y[i];
        h[i][i] += b[i] / (y[i] * y[i]);
      }
      double[] d = Linalg.solve(h, g);
      if (d == null) {
        break;
      }
      double decrement = Linalg.dot(g, d);
      if (decrement < 1e-24) {
        converged = true;
        break;
      }
      double step = 1;
      while (!positiveAfter(y, d, step)) {
        step *= 0.5;
      }
      double f0 = objective(s, b, y);
      double[] next = new double[n];
      boolean accepted = false;
      for (int tries = 0; tries < 60 && !accepted; tries++) {
        for (int i = 0; i < n; i++) {
          next[i] = y[i] - step * d[i];
        }
        accepted = objective(s, b, next) <= f0 - 0.25 * step * decrement;
        step *= 0.5;
      }
      if (!accepted) {
        // no descent left at working precision: converged if the Newton decrement is already tiny
        converged = decrement < 1e-12;
        break;
      }
      y = next;
      iterations++;
    }
    Checks.isTrue(converged, "%s did not converge in %d Newton steps: the covariance may be singular with a "
        + "riskless long-only portfolio; use LedoitWolf shrinkage", name(), iterations);
    double total = Linalg.sum(y);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = k.budget() * y[i] / total;
    }
    PortfolioQp.requireSatisfied(name(), problem, w);
    return PortfolioResult.of(name(), problem, w, Map.of("iterations", (double) iterations));
  }

  private double[] budgets(List<String> assets) {
    int n = assets.size();
    double[] b = new double[n];
    if (riskBudgets.isEmpty()) {
      Arrays.fill(b, 1.0 / n);
      return b;
    }
    Checks.isTrue(riskBudgets.keySet().equals(new HashSet<>(assets)),
        "Risk budgets must name exactly the problem's assets %s but name %s", assets, riskBudgets.keySet());
    double total = 0;
    for (int i = 0; i < n; i++) {
      b[i] = riskBudgets.get(assets.get(i));
      total += b[i];
    }
    for (int i = 0; i < n; i++) {
      b[i] /= total;
    }
    return b;
  }

  private static boolean positiveAfter(double[] y, double[] d, double step) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] - step * d[i] <= 0) {
        return false;
      }
    }
    return true;
  }

  private static double objective(double[][] s, double[] b, double[] y) {
    double f = 0.5 * Linalg.quadratic(s, y);
    for (int i = 0; i < y.length; i++) {
      f -= b[i] * Math.log(y[i]);
    }
    return f;
  }
}
