package io.quantflow.models.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {
  @Test
  void factorsAPositiveDefiniteMatrix() {
    // [[4, 2], [2, 3]] = L L' with L = [[2, 0], [1, sqrt(2)]]
    double[][] l = Cholesky.lower(new double[][] {{4, 2}, {2, 3}}, "a");
    assertThat(l[0]).containsExactly(new double[] {2, 0}, within(1e-15));
    assertThat(l[1]).containsExactly(new double[] {1, Math.sqrt(2)}, within(1e-15));
  }

  @Test
  void acceptsASemiDefiniteMatrix() {
    // rank 1: [[1, 1, 0], [1, 1, 0], [0, 0, 4]]: the second pivot is 0 and its column vanishes
    double[][] l = Cholesky.lower(new double[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 4}}, "a");
    assertThat(l[0]).containsExactly(new double[] {1, 0, 0}, within(1e-15));
    assertThat(l[1]).containsExactly(new double[] {1, 0, 0}, within(1e-15));
    assertThat(l[2]).containsExactly(new double[] {0, 0, 2}, within(1e-15));
  }

  @Test
  void rejectsIndefiniteAsymmetricAndRaggedMatrices() {
    // [[1, 2], [2, 1]] has eigenvalues 3 and -1: the second pivot is 1 - 4 = -3
    assertThatThrownBy(() -> Cholesky.lower(new double[][] {{1, 2}, {2, 1}}, "covariance"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Argument 'covariance' is not positive semi-definite (Cholesky pivot 1 is -3.0)");
    // [[0, 1], [1, 1]]: a zero pivot with a non-zero column
    assertThatThrownBy(() -> Cholesky.lower(new double[][] {{0, 1}, {1, 1}}, "covariance"))
        .hasMessageContaining("not positive semi-definite (Cholesky pivot 0 is 0.0)");
    assertThatThrownBy(() -> Cholesky.lower(new double[][] {{1, 0.5}, {0.4, 1}}, "covariance"))
        .hasMessage("Argument 'covariance' must be symmetric but [1][0] = 0.4 and [0][1] = 0.5");
    assertThatThrownBy(() -> Cholesky.lower(new double[][] {{1, 0}, {0}}, "covariance"))
        .hasMessage("Argument 'covariance' must be square (2 x 2) but row 1 has 1 entries");
    assertThatThrownBy(() -> Cholesky.lower(new double[][] {{Double.NaN}}, "covariance"))
        .hasMessage("Argument 'covariance[0][0]' must be finite but was NaN");
  }

  @Test
  void factorsA3x3MatrixExactly() {
    // L = [[2, 0, 0], [1, 3, 0], [-1, 1, 2]]: L11 = sqrt 4, L21 = 2/2, L31 = -2/2, L22 = sqrt(10 - 1),
    // L32 = (2 - (-1)(1)) / 3, L33 = sqrt(6 - 1 - 1); every step is exact in binary
    double[][] l = Cholesky.lower(A3, "a");
    assertThat(l[0]).containsExactly(2, 0, 0);
    assertThat(l[1]).containsExactly(1, 3, 0);
    assertThat(l[2]).containsExactly(-1, 1, 2);
    assertThat(Cholesky.isPositiveDefinite(A3)).isTrue();
    assertThat(Cholesky.singularPivot(A3)).isEqualTo(-1);
  }

  @Test
  void solvesSymmetricPositiveDefiniteSystems() {
    // [[4, 2], [2, 3]]^-1 = [[3, -2], [-2, 4]] / 8, so b = (2, 1) gives x = (4/8, 0/8)
    assertThat(Cholesky.solve(new double[][] {{4, 2}, {2, 3}}, new double[] {2, 1}, "a"))
        .containsExactly(new double[] {0.5, 0}, within(1e-15));
    // A3 (1, -1, 2) = (4 - 2 - 4, 2 - 10 + 4, -2 - 2 + 12) = (-2, -4, 8)
    assertThat(Cholesky.solve(A3, new double[] {-2, -4, 8}, "a"))
        .containsExactly(new double[] {1, -1, 2}, within(1e-15));
  }

  @Test
  void aZeroPivotIsSemiDefiniteButSingular() {
    double[][] rankTwo = {{1, 1, 0}, {1, 1, 0}, {0, 0, 4}};
    assertThat(Cholesky.isPositiveDefinite(rankTwo)).isFalse();
    assertThat(Cholesky.singularPivot(rankTwo)).isEqualTo(1);
    assertThatThrownBy(() -> Cholesky.solve(rankTwo, new double[] {1, 1, 1}, "hedges"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'hedges' is singular to working precision (Cholesky pivot 1 is at most 1.0E-12 times "
            + "the largest diagonal entry)");
    // a pivot of 1e-13 of the largest variance is rounding noise: singular for solve, a zero column for lower
    double[][] nearlySingular = {{1, 0}, {0, 1e-13}};
    assertThat(Cholesky.isPositiveDefinite(nearlySingular)).isFalse();
    assertThat(Cholesky.lower(nearlySingular, "a")[1][1]).isZero();
    assertThat(Cholesky.isPositiveDefinite(new double[][] {{1, 0}, {0, 1e-11}})).isTrue();
  }

  @Test
  void solveNamesItsArguments() {
    assertThatThrownBy(() -> Cholesky.solve(A3, new double[] {1, 2}, "covariance"))
        .hasMessage("Argument 'b' must have 3 entries (one per row of 'covariance') but has 2");
    assertThatThrownBy(() -> Cholesky.solve(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1}, "covariance"))
        .hasMessageStartingWith("Argument 'covariance' is singular to working precision (Cholesky pivot 1");
    assertThatThrownBy(() -> Cholesky.isPositiveDefinite(new double[][] {{1, 0}, {0}}))
        .hasMessage("Argument 'a' must be square (2 x 2) but row 1 has 1 entries");
  }

  private static final double[][] A3 = {{4, 2, -2}, {2, 10, 2}, {-2, 2, 6}};
}
