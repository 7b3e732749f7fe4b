package io.quantflow.models.portfolio;

import java.util.Arrays;
import java.util.Optional;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Small dense linear algebra on {@code double[][]}; ojAlgo does the LU and eigen decompositions. */
final class Linalg {
  private Linalg() {}

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = dot(a[i], x);
    }
    return y;
  }

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    int k = b.length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < k; l++) {
        double ail = a[i][l];
        for (int j = 0; j < m; j++) {
          c[i][j] += ail * b[l][j];
        }
      }
    }
    return c;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double quadratic(double[][] a, double[] x) {
    return dot(x, multiply(a, x));
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1.0);
    return o;
  }

  /**
   * Whether the symmetric {@code a} is positive definite to working precision: every Cholesky pivot exceeds
   * {@code 1e-12} times the largest diagonal entry (so an exactly singular matrix, whose pivots are rounding noise,
   * is not).
   */
  static boolean isPositiveDefinite(double[][] a) {
    int n = a.length;
    double maxDiag = 0;
    for (int i = 0; i < n; i++) {
      maxDiag = Math.max(maxDiag, a[i][i]);
    }
    double minPivot = 1e-12 * maxDiag;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > minPivot)) {
        return false;
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double v = a[i][j];
        for (int k = 0; k < j; k++) {
          v -= l[i][k] * l[j][k];
        }
        l[i][j] = v / l[j][j];
      }
    }
    return true;
  }

  /** Eigenvalues of the symmetric matrix {@code a}, ascending. */
  static double[] symmetricEigenvalues(double[][] a) {
    Eigenvalue<Double> e = Eigenvalue.R064.make(a.length, true);
    e.decompose(R064Store.FACTORY.rows(a));
    double[] values = new double[a.length];
    e.getEigenvalues(values, Optional.empty());
    Arrays.sort(values);
    return values;
  }

  /**
   * Solves {@code a x = b} for each column of {@code b} (given as rows of {@code bColumns}); null when {@code a} is
   * singular to working precision.
   */
  static double[][] solveColumns(double[][] a, double[][] bColumns) {
    LU<Double> lu = LU.R064.make(a.length, a.length);
    if (!lu.decompose(R064Store.FACTORY.rows(a)) || !lu.isSolvable()) {
      return null;
    }
    MatrixStore<Double> x = lu.getSolution(R064Store.FACTORY.columns(bColumns));
    double[][] out = new double[bColumns.length][a.length];
    for (int j = 0; j < bColumns.length; j++) {
      for (int i = 0; i < a.length; i++) {
        out[j][i] = x.doubleValue(i, j);
      }
    }
    return out;
  }

  /** Solves {@code a x = b}; null when {@code a} is singular to working precision. */
  static double[] solve(double[][] a, double[] b) {
    double[][] x = solveColumns(a, new double[][] {b});
    return x == null ? null : x[0];
  }

  /** The inverse of {@code a}; null when {@code a} is singular to working precision. */
  static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] identity = new double[n][n];
    for (int i = 0; i < n; i++) {
      identity[i][i] = 1;
    }
    double[][] cols = solveColumns(a, identity);
    return cols == null ? null : transpose(cols);
  }
}
