package io.quantflow.models.linalg;

import io.quantflow.domain.Checks;

/**
 * Cholesky factorisation {@code A = L L'} ({@code L} lower triangular) of a symmetric matrix such as a covariance, the
 * one implementation behind the portfolio and risk kernels. Two tolerances, both relative to the largest diagonal
 * entry {@code d_max}:
 *
 * <ul>
 *   <li>{@link #lower} factors a positive <em>semi</em>-definite matrix: a pivot within
 *       {@value #SEMI_DEFINITE_TOLERANCE} {@code d_max} of zero (a duplicated asset, an asset without variance,
 *       fewer days than assets) gets a zero column, provided the rest of that column is also zero to the tolerance,
 *       as it must be for a semi-definite matrix; a pivot below {@code -}{@value #SEMI_DEFINITE_TOLERANCE}
 *       {@code d_max} fails.
 *   <li>{@link #isPositiveDefinite}, {@link #singularPivot} and {@link #solve} need a positive definite matrix: every
 *       pivot must exceed {@value #DEFINITE_TOLERANCE} {@code d_max}, so an exactly singular matrix, whose pivots
 *       are rounding noise, is singular here.
 * </ul>
 *
 * <p>The factorisation is column by column ({@code L_jj = sqrt(A_jj - sum_k<j L_jk^2)},
 * {@code L_ij = (A_ij - sum_k<j L_ik L_jk) / L_jj}), summing in index order. Stateless and thread-safe; the inputs are
 * never modified.
 */
public final class Cholesky {
  /** A pivot within this times the largest diagonal entry of zero is a zero pivot in {@link #lower}. */
  public static final double SEMI_DEFINITE_TOLERANCE = 1e-10;
  /** A pivot at most this times the largest diagonal entry makes the matrix singular for {@link #solve}. */
  public static final double DEFINITE_TOLERANCE = 1e-12;

  private Cholesky() {}

  /**
   * The lower triangular {@code L} with {@code L L' = a} of a positive semi-definite {@code a} (a new array).
   *
   * @param a a square, symmetric (to {@code 1e-12} times the largest diagonal entry), positive semi-definite matrix
   *     with finite entries
   * @param name the argument name for messages, e.g. {@code "covariance"}
   * @throws IllegalArgumentException naming {@code name} if {@code a} is not square, not symmetric, not finite or
   *     not positive semi-definite
   */
  public static double[][] lower(double[][] a, String name) {
    double maxDiagonal = checkSquare(a, name);
    int n = a.length;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        Checks.isTrue(Math.abs(a[i][j] - a[j][i]) <= 1e-12 * Math.max(maxDiagonal, Double.MIN_NORMAL),
            "Argument '%s' must be symmetric but [%d][%d] = %s and [%d][%d] = %s", name, i, j, a[i][j], j, i,
            a[j][i]);
      }
    }
    double tolerance = SEMI_DEFINITE_TOLERANCE * maxDiagonal;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = pivot(a, l, j);
      if (d > tolerance) {
        fillColumn(a, l, j, Math.sqrt(d));
      } else {
        if (d < -tolerance) {
          throw notPsd(name, j, d);
        }
        // A zero pivot: the column of a semi-definite matrix must vanish with it.
        for (int i = j + 1; i < n; i++) {
          if (Math.abs(offDiagonal(a, l, i, j)) > Math.sqrt(tolerance * maxDiagonal)) {
            throw notPsd(name, j, d);
          }
        }
      }
    }
    return l;
  }

  /**
   * Whether the symmetric {@code a} is positive definite to working precision: every pivot exceeds
   * {@value #DEFINITE_TOLERANCE} times the largest diagonal entry.
   *
   * @throws IllegalArgumentException if {@code a} is null, empty or not square
   */
  public static boolean isPositiveDefinite(double[][] a) {
    return singularPivot(a) < 0;
  }

  /**
   * The index of the first pivot of the symmetric {@code a} at most {@value #DEFINITE_TOLERANCE} times the largest
   * diagonal entry (for a covariance: the first variable that is, to working precision, a combination of the ones
   * before it), or -1 when {@code a} is positive definite.
   *
   * @throws IllegalArgumentException if {@code a} is null, empty or not square
   */
  public static int singularPivot(double[][] a) {
    checkShape(a, "a");
    return definiteFactor(a, new double[a.length][a.length]);
  }

  /**
   * Solves {@code a x = b} for a symmetric positive definite {@code a} by {@code L L' x = b}: forward substitution
   * {@code L y = b}, then back substitution {@code L' x = y}.
   *
   * @param a symmetric positive definite, {@code n x n} (only its lower triangle is read)
   * @param b the right-hand side, {@code n} entries
   * @param name the name of {@code a} for messages
   * @throws IllegalArgumentException naming {@code name} if {@code a} is not square, {@code b} has the wrong length,
   *     or {@code a} is singular to working precision (see {@link #singularPivot})
   */
  public static double[] solve(double[][] a, double[] b, String name) {
    checkShape(a, name);
    Checks.notNull(b, "b");
    int n = a.length;
    Checks.isTrue(b.length == n, "Argument 'b' must have %d entries (one per row of '%s') but has %d", n, name,
        b.length);
    double[][] l = new double[n][n];
    int singular = definiteFactor(a, l);
    Checks.isTrue(singular < 0, "Argument '%s' is singular to working precision (Cholesky pivot %d is at most %s "
        + "times the largest diagonal entry)", name, singular, DEFINITE_TOLERANCE);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** Fills {@code l} with the factor of {@code a}; the first pivot that is too small, or -1. */
  private static int definiteFactor(double[][] a, double[][] l) {
    double maxDiagonal = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiagonal = Math.max(maxDiagonal, a[i][i]);
    }
    double minPivot = DEFINITE_TOLERANCE * maxDiagonal;
    for (int j = 0; j < a.length; j++) {
      double d = pivot(a, l, j);
      if (!(d > minPivot)) {
        return j;
      }
      fillColumn(a, l, j, Math.sqrt(d));
    }
    return -1;
  }

  /** {@code A_jj - sum_k<j L_jk^2}: the square of pivot {@code j} before the square root. */
  private static double pivot(double[][] a, double[][] l, int j) {
    double d = a[j][j];
    for (int k = 0; k < j; k++) {
      d -= l[j][k] * l[j][k];
    }
    return d;
  }

  /** {@code A_ij - sum_k<j L_ik L_jk} for {@code i > j}. */
  private static double offDiagonal(double[][] a, double[][] l, int i, int j) {
    double s = a[i][j];
    for (int k = 0; k < j; k++) {
      s -= l[i][k] * l[j][k];
    }
    return s;
  }

  private static void fillColumn(double[][] a, double[][] l, int j, double pivot) {
    l[j][j] = pivot;
    for (int i = j + 1; i < a.length; i++) {
      l[i][j] = offDiagonal(a, l, i, j) / pivot;
    }
  }

  private static void checkShape(double[][] a, String name) {
    Checks.notNull(a, name);
    int n = a.length;
    Checks.isTrue(n > 0, "Argument '%s' must not be empty", name);
    for (int i = 0; i < n; i++) {
      Checks.notNull(a[i], name + "[" + i + "]");
      Checks.isTrue(a[i].length == n, "Argument '%s' must be square (%d x %d) but row %d has %d entries", name, n,
          n, i, a[i].length);
    }
  }

  /** Checks shape and finiteness; the largest absolute diagonal entry. */
  private static double checkSquare(double[][] a, String name) {
    checkShape(a, name);
    double maxDiagonal = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        Checks.finite(a[i][j], name + "[" + i + "][" + j + "]");
      }
      maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i][i]));
    }
    return maxDiagonal;
  }

  private static IllegalArgumentException notPsd(String name, int j, double d) {
    return new IllegalArgumentException(String.format("Argument '%s' is not positive semi-definite (Cholesky pivot "
        + "%d is %s): estimate it from returns on common dates, or repair it, e.g. by clipping negative eigenvalues",
        name, j, d));
  }
}
