package io.quantflow.models.linalg;

import java.util.Arrays;
import java.util.Optional;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * Small dense linear algebra on {@code double[][]} (row-major, {@code a[row][column]}) for the portfolio and risk
 * kernels; ojAlgo does the LU and eigen decompositions, {@link Cholesky} the symmetric factorisations. No argument
 * checks: the callers pass matrices of matching, checked sizes. Inputs are never modified. Stateless and thread-safe.
 */
public final class Linalg {
  private Linalg() {}

  /** The dot product {@code a . b} (summed in index order). */
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The matrix-vector product {@code a x}. */
  public static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = dot(a[i], x);
    }
    return y;
  }

  /** The matrix product {@code a b}. */
  public static double[][] multiply(double[][] a, double[][] b) {
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

  /** The transpose {@code a'}. */
  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** The quadratic form {@code x' a x}. */
  public static double quadratic(double[][] a, double[] x) {
    return dot(x, multiply(a, x));
  }

  /** A deep copy of {@code a}. */
  public static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** The sum of the entries of {@code a} (in index order). */
  public static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** A vector of {@code n} ones. */
  public static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1.0);
    return o;
  }

  /** Eigenvalues of the symmetric matrix {@code a}, ascending. */
  public static double[] symmetricEigenvalues(double[][] a) {
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
  public static double[][] solveColumns(double[][] a, double[][] bColumns) {
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

  /**
   * Solves {@code a x = b} by LU for a general square {@code a}; null when {@code a} is singular to working
   * precision. For a symmetric positive definite {@code a} see {@link Cholesky#solve}.
   */
  public static double[] solve(double[][] a, double[] b) {
    double[][] x = solveColumns(a, new double[][] {b});
    return x == null ? null : x[0];
  }

  /** The inverse of {@code a}; null when {@code a} is singular to working precision. */
  public static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] identity = new double[n][n];
    for (int i = 0; i < n; i++) {
      identity[i][i] = 1;
    }
    double[][] cols = solveColumns(a, identity);
    return cols == null ? null : transpose(cols);
  }
}
