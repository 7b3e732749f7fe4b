package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;

/** Checks and moments of a returns panel {@code double[asset][time]} of simple per-period returns. */
final class Returns {
  private Returns() {}

  /** Checks the panel: rectangular, at least {@code minPeriods} periods, every value finite; returns T. */
  static int check(double[][] returns, int minPeriods) {
    Checks.notNull(returns, "returns");
    Checks.isTrue(returns.length > 0, "Argument 'returns' must hold at least one asset (rows are assets)");
    Checks.notNull(returns[0], "returns[0]");
    int t = returns[0].length;
    Checks.isTrue(t >= minPeriods,
        "Argument 'returns' must hold at least %d periods per asset but has %d: use a longer window", minPeriods, t);
    for (int i = 0; i < returns.length; i++) {
      Checks.notNull(returns[i], "returns[" + i + "]");
      Checks.isTrue(returns[i].length == t,
          "Argument 'returns' must be double[asset][time] with equal lengths but asset %d has %d periods and asset 0"
              + " has %d: align the series on common dates", i, returns[i].length, t);
      for (int k = 0; k < t; k++) {
        Checks.isTrue(Double.isFinite(returns[i][k]),
            "returns[%d][%d] is %s: drop or fill missing values before estimating a covariance", i, k,
            returns[i][k]);
      }
    }
    return t;
  }

  static double[] means(double[][] returns) {
    double[] m = new double[returns.length];
    for (int i = 0; i < returns.length; i++) {
      m[i] = Linalg.sum(returns[i]) / returns[i].length;
    }
    return m;
  }

  /** The returns minus each asset's mean. */
  static double[][] demeaned(double[][] returns) {
    double[] m = means(returns);
    double[][] x = new double[returns.length][];
    for (int i = 0; i < returns.length; i++) {
      x[i] = new double[returns[i].length];
      for (int k = 0; k < x[i].length; k++) {
        x[i][k] = returns[i][k] - m[i];
      }
    }
    return x;
  }

  /** {@code X X' / divisor} for rows of {@code x}. */
  static double[][] crossProduct(double[][] x, double divisor) {
    int n = x.length;
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = Linalg.dot(x[i], x[j]) / divisor;
        s[i][j] = v;
        s[j][i] = v;
      }
    }
    return s;
  }
}
