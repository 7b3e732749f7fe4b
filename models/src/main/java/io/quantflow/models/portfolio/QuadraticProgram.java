package io.quantflow.models.portfolio;

import java.math.BigDecimal;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A convex QP {@code min 0.5 x'Qx + c'x} subject to linear rows and bounds, solved by ojAlgo's
 * {@link ExpressionsBasedModel} (its convex solver). Absolute values enter through auxiliary variables. Not
 * thread-safe; build one per solve.
 */
final class QuadraticProgram {
  /** The solver's outcome: its state and, when feasible, the primary variables. */
  record Outcome(Optimisation.State state, double[] x) {
    boolean feasible() {
      return state.isFeasible() && x != null;
    }
  }

  private final ExpressionsBasedModel model = new ExpressionsBasedModel();
  private final Variable[] x;
  private int rows;
  private int aux;

  QuadraticProgram(int n) {
    x = new Variable[n];
    for (int i = 0; i < n; i++) {
      x[i] = model.addVariable("x" + i);
    }
  }

  int size() {
    return x.length;
  }

  /** {@code lo <= x_i <= hi}; infinite limits are left open. */
  void bound(int i, double lo, double hi) {
    if (lo != Double.NEGATIVE_INFINITY) {
      x[i].lower(lo);
    }
    if (hi != Double.POSITIVE_INFINITY) {
      x[i].upper(hi);
    }
  }

  /** {@code lo <= a'x <= hi}; infinite limits are left open, {@code lo == hi} is an equality. */
  void linear(String name, double[] a, double lo, double hi) {
    Expression e = model.addExpression(name + "#" + rows++);
    for (int i = 0; i < a.length; i++) {
      if (a[i] != 0) {
        e.set(x[i], a[i]);
      }
    }
    limit(e, lo, hi);
  }

  /** {@code sum_i |x_i - center_i| <= limit}, with {@code t_i >= x_i - center_i}, {@code t_i >= center_i - x_i}. */
  void absoluteSum(String name, double[] center, double limit) {
    Expression total = model.addExpression(name + "#" + rows++);
    for (int i = 0; i < x.length; i++) {
      Variable t = model.addVariable("t" + aux++).lower(0);
      model.addExpression(name + "+" + i).set(t, 1).set(x[i], -1).lower(-center[i]);
      model.addExpression(name + "-" + i).set(t, 1).set(x[i], 1).lower(center[i]);
      total.set(t, 1);
    }
    total.upper(limit);
  }

  /**
   * Minimises {@code 0.5 x'Qx + c'x} ({@code q} symmetric positive semi-definite, {@code c} may be null). The
   * objective is rescaled so that its largest coefficient is 1, which leaves the minimiser unchanged but keeps
   * daily covariances (entries near 1e-4) away from the solver's absolute tolerances.
   */
  Outcome minimise(double[][] q, double[] c) {
    int n = x.length;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(q[i][j]));
      }
      if (c != null) {
        scale = Math.max(scale, Math.abs(c[i]));
      }
    }
    scale = scale > 0 ? 1 / scale : 1;
    Expression quad = model.addExpression("risk");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (q[i][j] != 0) {
          quad.set(x[i], x[j], 0.5 * scale * q[i][j]);
        }
      }
    }
    quad.weight(1);
    if (c != null) {
      Expression lin = model.addExpression("linear");
      for (int i = 0; i < n; i++) {
        if (c[i] != 0) {
          lin.set(x[i], scale * c[i]);
        }
      }
      lin.weight(1);
    }
    Optimisation.Result result = model.minimise();
    Optimisation.State state = result.getState();
    if (!state.isFeasible()) {
      return new Outcome(state, null);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = result.doubleValue(i);
      if (!Double.isFinite(v[i])) {
        return new Outcome(Optimisation.State.FAILED, null);
      }
    }
    return new Outcome(state, v);
  }

  private static void limit(Expression e, double lo, double hi) {
    if (lo == hi) {
      e.level(BigDecimal.valueOf(lo));
      return;
    }
    if (lo != Double.NEGATIVE_INFINITY) {
      e.lower(lo);
    }
    if (hi != Double.POSITIVE_INFINITY) {
      e.upper(hi);
    }
  }
}
