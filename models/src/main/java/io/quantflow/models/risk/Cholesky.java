package io.quantflow.models.risk;

import io.quantflow.domain.Checks;

/**
 * Cholesky factor {@code L} (lower triangular, {@code L L' = A}) of a symmetric positive semi-definite matrix such as
 * a covariance matrix. Rank-deficient matrices (a duplicated asset, an asset without variance, fewer days than
 * assets) are accepted: a pivot within the tolerance of zero gets a zero column, provided the rest of that column
 * is also zero to the tolerance, as it must be for a semi-definite matrix. The tolerance is {@code 1e-10} times the
 * largest diagonal entry. Stateless and thread-safe.
 */
public final class Cholesky {
  private static final double RELATIVE_TOLERANCE = 1e-10;

  private Cholesky() {}

  /**
   * The lower triangular {@code L} with {@code L L' = a} (a new array; {@code a} is not modified).
   *
   * @param a a square, symmetric, positive semi-definite matrix with finite entries, named {@code name} in messages
   * @param name the argument name for messages, e.g. {@code "covariance"}
   * @throws IllegalArgumentException if {@code a} is not square, not symmetric, not finite or not positive
   *     semi-definite
   */
  public static double[][] lower(double[][] a, String name) {
    Checks.notNull(a, name);
    int n = a.length;
    Checks.isTrue(n > 0, "Argument '%s' must not be empty", name);
    double maxDiagonal = 0;
    for (int i = 0; i < n; i++) {
      Checks.notNull(a[i], name + "[" + i + "]");
      Checks.isTrue(a[i].length == n, "Argument '%s' must be square (%d x %d) but row %d has %d entries", name, n,
          n, i, a[i].length);
      for (int j = 0; j < n; j++) {
        Checks.finite(a[i][j], name + "[" + i + "][" + j + "]");
      }
      maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i][i]));
    }
    double tolerance = RELATIVE_TOLERANCE * maxDiagonal;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        Checks.isTrue(Math.abs(a[i][j] - a[j][i]) <= 1e-12 * Math.max(maxDiagonal, Double.MIN_NORMAL),
            "Argument '%s' must be symmetric but [%d][%d] = %s and [%d][%d] = %s", name, i, j, a[i][j], j, i,
            a[j][i]);
      }
    }
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (d > tolerance) {
        double pivot = Math.sqrt(d);
        l[j][j] = pivot;
        for (int i = j + 1; i < n; i++) {
          double s = a[i][j];
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          l[i][j] = s / pivot;
        }
      } else {
        if (d < -tolerance) {
          throw notPsd(name, j, d);
        }
        // A zero pivot: the column of a semi-definite matrix must vanish with it.
        for (int i = j + 1; i < n; i++) {
          double s = a[i][j];
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          if (Math.abs(s) > Math.sqrt(tolerance * maxDiagonal)) {
            throw notPsd(name, j, d);
          }
        }
      }
    }
    return l;
  }

  private static IllegalArgumentException notPsd(String name, int j, double d) {
    return new IllegalArgumentException(String.format("Argument '%s' is not positive semi-definite (Cholesky pivot "
        + "%d is %s): estimate it from returns on common dates, or repair it, e.g. by clipping negative eigenvalues",
        name, j, d));
  }
}
