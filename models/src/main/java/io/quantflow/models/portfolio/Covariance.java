package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Cholesky;
import io.quantflow.models.linalg.Linalg;
import java.util.Arrays;

/**
 * A covariance matrix of simple returns over one period (the period of the returns it was estimated from: daily
 * returns give a daily covariance; nothing is annualised unless {@link #scaled} is called, e.g. with 252). Checked
 * on construction: square, finite, symmetric within {@value #SYMMETRY_TOLERANCE} relative to the largest variance
 * (then stored as {@code (S + S') / 2}), and positive semi-definite within {@value #PSD_TOLERANCE} relative to the
 * largest variance (a Cholesky factorisation of {@code S + eps I} must succeed, which holds exactly when the
 * smallest eigenvalue exceeds {@code -eps}). Immutable and thread-safe.
 *
 * @param matrix the {@code n x n} covariance; copied in, and {@link #matrix()} returns a copy
 */
public record Covariance(double[][] matrix) {
  /** Largest relative asymmetry {@code |S_ij - S_ji| / max_k S_kk} accepted. */
  public static final double SYMMETRY_TOLERANCE = 1e-9;
  /** Largest relative negative eigenvalue {@code -lambda_min / max_k S_kk} accepted. */
  public static final double PSD_TOLERANCE = 1e-10;

  /** Checks the matrix and stores a symmetrised copy. */
  public Covariance {
    Checks.notNull(matrix, "matrix");
    int n = matrix.length;
    Checks.isTrue(n > 0, "Argument 'matrix' must have at least one row");
    double maxDiag = 0;
    for (int i = 0; i < n; i++) {
      Checks.notNull(matrix[i], "matrix[" + i + "]");
      Checks.isTrue(matrix[i].length == n, "Argument 'matrix' must be square (%d x %d) but row %d has %d entries",
          n, n, i, matrix[i].length);
      for (int j = 0; j < n; j++) {
        Checks.isTrue(Double.isFinite(matrix[i][j]),
            "covariance[%d][%d] is %s: check the returns for missing values (drop or fill them before estimating)",
            i, j, matrix[i][j]);
      }
      Checks.isTrue(matrix[i][i] >= 0, "covariance[%d][%d] is a negative variance %s: check how it was estimated",
          i, i, matrix[i][i]);
      maxDiag = Math.max(maxDiag, matrix[i][i]);
    }
    double[][] sym = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = matrix[i][j];
        double b = matrix[j][i];
        Checks.isTrue(Math.abs(a - b) <= SYMMETRY_TOLERANCE * maxDiag,
            "covariance is not symmetric: [%d][%d] = %s but [%d][%d] = %s: symmetrise it as (S + S') / 2", i, j, a,
            j, i, b);
        sym[i][j] = 0.5 * (a + b);
      }
    }
    checkPositiveSemiDefinite(sym, maxDiag);
    matrix = sym;
  }

  /** The covariance {@code matrix} (per period), checked; see the class comment. */
  public static Covariance of(double[][] matrix) {
    return new Covariance(matrix);
  }

  /**
   * The covariance {@code S_ij = sigma_i sigma_j rho_ij} from per-period volatilities and a correlation matrix
   * (ones on the diagonal).
   */
  public static Covariance fromCorrelation(double[] volatilities, double[][] correlation) {
    Checks.notNull(volatilities, "volatilities");
    Checks.notNull(correlation, "correlation");
    int n = volatilities.length;
    Checks.isTrue(correlation.length == n, "Argument 'correlation' must be %d x %d but has %d rows", n, n,
        correlation.length);
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      Checks.notNegative(volatilities[i], "volatilities[" + i + "]");
      Checks.isTrue(correlation[i].length == n, "Argument 'correlation' row %d must have %d entries", i, n);
      Checks.isTrue(Math.abs(correlation[i][i] - 1) < 1e-12, "Argument 'correlation[%d][%d]' must be 1 but was %s",
          i, i, correlation[i][i]);
      for (int j = 0; j < n; j++) {
        Checks.inRange(correlation[i][j], -1, 1, "correlation[" + i + "][" + j + "]");
        s[i][j] = volatilities[i] * volatilities[j] * correlation[i][j];
      }
    }
    return new Covariance(s);
  }

  /** The number of assets {@code n}. */
  public int size() {
    return matrix.length;
  }

  /** The covariance of assets {@code i} and {@code j}. */
  public double get(int i, int j) {
    return matrix[i][j];
  }

  /** A copy of the matrix. */
  @Override
  public double[][] matrix() {
    return Linalg.copy(matrix);
  }

  /** The variances {@code S_ii}. */
  public double[] variances() {
    double[] v = new double[size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = matrix[i][i];
    }
    return v;
  }

  /** The per-period volatilities {@code sigma_i = sqrt(S_ii)}. */
  public double[] volatilities() {
    double[] v = variances();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sqrt(v[i]);
    }
    return v;
  }

  /**
   * The correlation matrix {@code S_ij / (sigma_i sigma_j)}; an asset with zero variance has correlation 0 with the
   * others (and 1 with itself).
   */
  public double[][] correlation() {
    double[] s = volatilities();
    int n = size();
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = i == j ? 1 : (s[i] > 0 && s[j] > 0 ? Math.max(-1, Math.min(1, matrix[i][j] / (s[i] * s[j]))) : 0);
      }
    }
    return c;
  }

  /** The covariance multiplied by {@code factor}, e.g. 252 to annualise a daily covariance. */
  public Covariance scaled(double factor) {
    Checks.positive(factor, "factor");
    double[][] s = matrix();
    for (double[] row : s) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= factor;
      }
    }
    return new Covariance(s);
  }

  /** The portfolio variance {@code w' S w} per period, for weights {@code w} (fractions of equity). */
  public double variance(double[] weights) {
    checkWeights(weights);
    return Math.max(0, Linalg.quadratic(matrix, weights));
  }

  /** The portfolio volatility {@code sigma_p = sqrt(w' S w)} per period. */
  public double volatility(double[] weights) {
    return Math.sqrt(variance(weights));
  }

  /**
   * The risk contributions {@code RC_i = w_i (S w)_i / sigma_p} (per-period volatility units); they sum to
   * {@code sigma_p}. All zero when {@code sigma_p = 0}.
   */
  public double[] riskContributions(double[] weights) {
    checkWeights(weights);
    double[] sw = Linalg.multiply(matrix, weights);
    double vol = Math.sqrt(Math.max(0, Linalg.dot(weights, sw)));
    double[] rc = new double[weights.length];
    if (vol > 0) {
      for (int i = 0; i < rc.length; i++) {
        rc[i] = weights[i] * sw[i] / vol;
      }
    }
    return rc;
  }

  /** The smallest eigenvalue of the matrix (ojAlgo's symmetric eigen decomposition). */
  public double smallestEigenvalue() {
    return Linalg.symmetricEigenvalues(matrix)[0];
  }

  /**
   * Whether the matrix is positive definite (invertible) to working precision: its Cholesky pivots all exceed 1e-12
   * times the largest variance.
   */
  public boolean isPositiveDefinite() {
    return Cholesky.isPositiveDefinite(matrix);
  }

  private void checkWeights(double[] weights) {
    Checks.notNull(weights, "weights");
    Checks.isTrue(weights.length == size(), "Argument 'weights' must have %d entries (one per asset) but has %d",
        size(), weights.length);
    for (int i = 0; i < weights.length; i++) {
      Checks.finite(weights[i], "weights[" + i + "]");
    }
  }

  private static void checkPositiveSemiDefinite(double[][] s, double maxDiag) {
    int n = s.length;
    double eps = Math.max(PSD_TOLERANCE * maxDiag, Double.MIN_NORMAL);
    double[][] shifted = Linalg.copy(s);
    for (int i = 0; i < n; i++) {
      shifted[i][i] += eps;
    }
    if (!Cholesky.isPositiveDefinite(shifted)) {
      double smallest = Linalg.symmetricEigenvalues(s)[0];
      throw new IllegalArgumentException(String.format(
          "covariance is not positive semi-definite (smallest eigenvalue %.6g, largest variance %.6g): use "
              + "LedoitWolf shrinkage or check the returns for missing values", smallest, maxDiag));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Covariance c && Arrays.deepEquals(matrix, c.matrix);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(matrix);
  }

  @Override
  public String toString() {
    return "Covariance" + Arrays.deepToString(matrix);
  }
}
