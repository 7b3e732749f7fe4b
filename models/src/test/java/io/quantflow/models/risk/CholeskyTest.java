package io.quantflow.models.risk;

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
}
