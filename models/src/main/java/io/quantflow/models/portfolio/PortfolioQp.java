package io.quantflow.models.portfolio;

import io.quantflow.models.linalg.Linalg;
import java.util.List;
import java.util.Map;

/** Weight QPs {@code min 0.5 w'Qw + c'w} under a problem's {@link Constraints}, with clear failure messages. */
final class PortfolioQp {
  /** Largest constraint violation accepted from the solver, in weight units. */
  static final double TOLERANCE = 1e-6;

  private PortfolioQp() {}

  /** A linear row {@code lo <= a'w <= hi} beyond the constraints, e.g. a target return. */
  record Row(String name, double[] a, double lo, double hi) {}

  /**
   * Minimises {@code 0.5 w'Qw + c'w} under all of {@code problem}'s constraints and the {@code extra} rows.
   *
   * @throws IllegalArgumentException naming the constraints when they are infeasible, or when the QP is unbounded
   */
  static double[] minimise(String method, PortfolioProblem problem, double[][] q, double[] c, List<Row> extra) {
    Constraints k = problem.constraints();
    List<String> assets = problem.assets();
    k.checkFeasible(assets);
    int n = assets.size();
    QuadraticProgram qp = new QuadraticProgram(n);
    for (int i = 0; i < n; i++) {
      qp.bound(i, k.lowerBound(), k.upperBound());
    }
    if (k.hasBudget()) {
      qp.linear("budget", Linalg.ones(n), k.budget(), k.budget());
    }
    for (Map.Entry<String, Double> cap : k.sectorCaps().entrySet()) {
      qp.linear("sector " + cap.getKey(), sectorRow(k, assets, cap.getKey()), Double.NEGATIVE_INFINITY,
          cap.getValue());
    }
    double[] current = current(k, assets);
    if (k.hasTurnoverLimit()) {
      qp.absoluteSum("turnover", current, k.maxTurnover() - k.outsideTurnover(assets));
    }
    if (k.hasGrossLeverageLimit()) {
      qp.absoluteSum("gross", new double[n], k.maxGrossLeverage());
    }
    for (Row r : extra) {
      qp.linear(r.name(), r.a(), r.lo(), r.hi());
    }
    QuadraticProgram.Outcome out = qp.minimise(q, c);
    String extras = extra.isEmpty() ? "" : " and " + extra.stream().map(Row::name).toList();
    if (!out.feasible()) {
      String hint = out.state().name().equals("UNBOUNDED")
          ? "the objective is unbounded: add weight bounds or a gross leverage limit, or check that the covariance"
              + " is positive definite"
          : "relax the bounds, sector caps, turnover or leverage limit";
      throw new IllegalArgumentException(String.format("%s found no solution (solver state %s) under %s%s: %s",
          method, out.state(), k.describe(), extras, hint));
    }
    double[] w = out.x();
    snap(w, k.lowerBound(), k.upperBound());
    String violated = violation(k, assets, current, w, extra);
    if (violated != null) {
      throw new IllegalArgumentException(String.format(
          "%s: the solver's answer violates %s under %s%s: the constraints are (nearly) infeasible; relax them",
          method, violated, k.describe(), extras));
    }
    return w;
  }

  /**
   * Fails when weights that a method computed without a solver violate the problem's constraints.
   *
   * @throws IllegalArgumentException naming the violated constraint and what to use instead
   */
  static void requireSatisfied(String method, PortfolioProblem problem, double[] w) {
    Constraints k = problem.constraints();
    String violated = violation(k, problem.assets(), current(k, problem.assets()), w, List.of());
    if (violated != null) {
      throw new IllegalArgumentException(String.format(
          "%s does not optimise under constraints and its weights violate %s (constraints: %s): use mean-variance"
              + " or minimum-variance to honour them, or drop them", method, violated, k.describe()));
    }
  }

  static double[] sectorRow(Constraints k, List<String> assets, String sector) {
    double[] a = new double[assets.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = sector.equals(k.sectors().get(assets.get(i))) ? 1 : 0;
    }
    return a;
  }

  static double[] current(Constraints k, List<String> assets) {
    double[] w0 = new double[assets.size()];
    for (int i = 0; i < w0.length; i++) {
      w0[i] = k.currentWeight(assets.get(i));
    }
    return w0;
  }

  /** Moves weights within solver precision of a bound onto it. */
  private static void snap(double[] w, double lo, double hi) {
    for (int i = 0; i < w.length; i++) {
      if (Math.abs(w[i] - lo) < 1e-10) {
        w[i] = lo;
      } else if (Math.abs(w[i] - hi) < 1e-10) {
        w[i] = hi;
      }
    }
  }

  /** The first violated constraint's name, or null. */
  private static String violation(Constraints k, List<String> assets, double[] w0, double[] w, List<Row> extra) {
    double tol = TOLERANCE;
    for (int i = 0; i < w.length; i++) {
      if (w[i] < k.lowerBound() - tol || w[i] > k.upperBound() + tol) {
        return "the bounds of " + assets.get(i) + " (w = " + w[i] + ")";
      }
    }
    if (k.hasBudget() && Math.abs(Linalg.sum(w) - k.budget()) > tol) {
      return "the budget (sum w = " + Linalg.sum(w) + ")";
    }
    for (Map.Entry<String, Double> cap : k.sectorCaps().entrySet()) {
      double total = Linalg.dot(sectorRow(k, assets, cap.getKey()), w);
      if (total > cap.getValue() + tol) {
        return "the cap of sector " + cap.getKey() + " (total " + total + ")";
      }
    }
    double turnover = k.outsideTurnover(assets);
    double gross = 0;
    for (int i = 0; i < w.length; i++) {
      turnover += Math.abs(w[i] - w0[i]);
      gross += Math.abs(w[i]);
    }
    if (turnover > k.maxTurnover() + tol) {
      return "the turnover limit (turnover " + turnover + ")";
    }
    if (gross > k.maxGrossLeverage() + tol) {
      return "the gross leverage limit (gross " + gross + ")";
    }
    for (Row r : extra) {
      double v = Linalg.dot(r.a(), w);
      if (v < r.lo() - tol || v > r.hi() + tol) {
        return r.name() + " (" + v + ")";
      }
    }
    return null;
  }
}
