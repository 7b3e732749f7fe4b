package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A covariance matrix of simple period returns (e.g. daily; not annualised) of named symbols, checked to be
 * symmetric and positive semi-definite. Used by the volatility and correlation shocks for a parametric VaR over
 * the same period. Immutable and thread-safe; the matrix is copied in and out.
 *
 * @param symbols the symbols of the rows and columns, distinct, in order
 * @param matrix {@code matrix[i][j] = cov(r_i, r_j)}, square of size {@code symbols.size()}
 */
public record Covariance(List<String> symbols, double[][] matrix) {

  /** Checks the shape, symmetry and positive semi-definiteness and copies the inputs. */
  public Covariance {
    symbols = List.copyOf(Checks.notNull(symbols, "symbols"));
    Checks.isTrue(new HashSet<>(symbols).size() == symbols.size(), "Argument 'symbols' has duplicates: %s", symbols);
    symbols.forEach(s -> Checks.notBlank(s, "symbols[]"));
    Checks.notNull(matrix, "matrix");
    int n = symbols.size();
    Checks.isTrue(matrix.length == n, "Argument 'matrix' has %d rows for %d symbols", matrix.length, n);
    double[][] copy = new double[n][];
    double maxDiag = 0;
    for (int i = 0; i < n; i++) {
      Checks.notNull(matrix[i], "matrix[" + i + "]");
      Checks.isTrue(matrix[i].length == n, "Row %d of 'matrix' has %d columns for %d symbols", i, matrix[i].length,
          n);
      copy[i] = matrix[i].clone();
      for (int j = 0; j < n; j++) {
        Checks.finite(copy[i][j], "matrix[" + i + "][" + j + "]");
      }
      Checks.isTrue(copy[i][i] >= 0, "The variance of %s is negative (%s)", symbols.get(i), copy[i][i]);
      maxDiag = Math.max(maxDiag, copy[i][i]);
    }
    double tol = 1e-10 * maxDiag;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        Checks.isTrue(Math.abs(copy[i][j] - copy[j][i]) <= tol, "Argument 'matrix' is not symmetric at %s/%s "
            + "(%s vs %s)", symbols.get(i), symbols.get(j), copy[i][j], copy[j][i]);
      }
    }
    checkPositiveSemiDefinite(copy, symbols, tol);
    matrix = copy;
  }

  /**
   * The sample covariance (divisor {@code m - 1}) of the symbols' returns over the {@code m} dates of the panel
   * where every one of them has a return.
   *
   * @param panel daily returns panel, {@code date -> symbol -> simple return}
   * @param symbols the symbols, at least one
   * @throws IllegalArgumentException if fewer than 2 dates have a return for every symbol
   */
  public static Covariance sample(Map<LocalDate, Map<String, Double>> panel, List<String> symbols) {
    Checks.notNull(panel, "panel");
    Checks.notNull(symbols, "symbols");
    int n = symbols.size();
    List<double[]> rows = new ArrayList<>();
    for (Map<String, Double> row : panel.values()) {
      if (row.keySet().containsAll(symbols)) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = Checks.finite(row.get(symbols.get(i)), "panel return of " + symbols.get(i));
        }
        rows.add(r);
      }
    }
    int m = rows.size();
    Checks.isTrue(m >= 2, "Only %d dates of the panel have a return for all of %s; a covariance needs at least 2",
        m, symbols);
    double[] mean = new double[n];
    for (double[] r : rows) {
      for (int i = 0; i < n; i++) {
        mean[i] += r[i] / m;
      }
    }
    double[][] cov = new double[n][n];
    for (double[] r : rows) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          cov[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (m - 1);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        cov[j][i] = cov[i][j];
      }
    }
    return new Covariance(symbols, cov);
  }

  /** The matrix (a copy). */
  @Override
  public double[][] matrix() {
    double[][] copy = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }

  /** The row of {@code symbol}, or -1 when it has none. */
  public int indexOf(String symbol) {
    return symbols.indexOf(symbol);
  }

  /** {@code cov(r_i, r_j)} by row and column. */
  public double get(int i, int j) {
    return matrix[i][j];
  }

  /** The volatility {@code sqrt(var(r_i))} of row {@code i}, per period. */
  public double volatility(int i) {
    return Math.sqrt(matrix[i][i]);
  }

  /**
   * Cholesky factorisation that tolerates zero pivots (a riskless or redundant asset) but fails on a negative one
   * or on a zero pivot whose column is not zero, either of which means the matrix has a negative eigenvalue.
   */
  private static void checkPositiveSemiDefinite(double[][] a, List<String> symbols, double tol) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      Checks.isTrue(d >= -tol, "Argument 'matrix' is not positive semi-definite (pivot %s at %s); estimate it from "
          + "returns of the same dates (Covariance.sample) or repair it (e.g. clip negative eigenvalues)", d,
          symbols.get(j));
      double pivot = d > tol ? Math.sqrt(d) : 0;
      l[j][j] = pivot;
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (pivot > 0) {
          l[i][j] = s / pivot;
        } else {
          Checks.isTrue(Math.abs(s) <= Math.sqrt(tol) * Math.sqrt(Math.max(a[i][i], tol)) + tol,
              "Argument 'matrix' is not positive semi-definite (%s has no variance left but covaries with %s); "
                  + "estimate it from returns of the same dates (Covariance.sample)", symbols.get(j),
              symbols.get(i));
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Covariance other && symbols.equals(other.symbols) && Arrays.deepEquals(matrix, other.matrix);
  }

  @Override
  public int hashCode() {
    return 31 * symbols.hashCode() + Arrays.deepHashCode(matrix);
  }

  @Override
  public String toString() {
    return "Covariance[symbols=" + symbols + ", matrix=" + Arrays.deepToString(matrix) + "]";
  }
}
