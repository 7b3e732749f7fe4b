package io.quantflow.models.risk.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SymbolCovarianceTest {
  @Test
  void theSampleUsesOnlyDatesWhereEverySymbolHasAReturn() {
    TreeMap<LocalDate, Map<String, Double>> panel = new TreeMap<>();
    panel.put(LocalDate.of(2024, 1, 2), Map.of("A", 0.01, "B", 0.00));
    panel.put(LocalDate.of(2024, 1, 3), Map.of("A", 0.03, "B", 0.04));
    panel.put(LocalDate.of(2024, 1, 4), Map.of("A", 0.50)); // no B: left out
    panel.put(LocalDate.of(2024, 1, 5), Map.of("A", 0.02, "B", -0.01, "C", 0.3));
    SymbolCovariance c = SymbolCovariance.sample(panel, List.of("A", "B"));
    // A: mean 0.02, deviations (-0.01, 0.01, 0); B: mean 0.01, deviations (-0.01, 0.03, -0.02); divisor 2
    assertThat(c.covariance().get(0, 0)).isCloseTo(1e-4, within(1e-18));
    assertThat(c.covariance().get(1, 1)).isCloseTo(7e-4, within(1e-18));
    assertThat(c.covariance().get(0, 1)).isCloseTo(2e-4, within(1e-18));
    assertThat(c.covariance().get(1, 0)).isEqualTo(c.covariance().get(0, 1));
    assertThat(c.indexOf("B")).isEqualTo(1);
    assertThat(c.indexOf("C")).isEqualTo(-1);
    assertThatThrownBy(() -> SymbolCovariance.sample(panel, List.of("A", "C")))
        .hasMessage("Only 1 dates of the panel have a return for all of [A, C]; a covariance needs at least 2");
  }

  @Test
  void theMatrixHasTheChecksOfCovarianceAndTheSymbolsAreNamed() {
    assertThatThrownBy(() -> SymbolCovariance.of(List.of("A", "B"), new double[][] {{1, 0}, {0, 1}, {0, 0}}))
        .hasMessage("Argument 'matrix' has 3 rows for 2 symbols");
    assertThatThrownBy(() -> SymbolCovariance.of(List.of("A", "B"), new double[][] {{1e-4, 2e-4}, {2e-4, 1e-4}}))
        .hasMessageContaining("covariance is not positive semi-definite (smallest eigenvalue -0.000100000")
        .hasMessageEndingWith("(rows and columns: [A, B])");
    assertThatThrownBy(() -> SymbolCovariance.of(List.of("A", "A"), new double[][] {{1, 0}, {0, 1}}))
        .hasMessage("Argument 'symbols' has duplicates: [A, A]");
    // a matrix within the symmetry tolerance is stored symmetrised, as Covariance does
    SymbolCovariance c = SymbolCovariance.of(List.of("A", "B"), new double[][] {{4, 1}, {1 + 1e-10, 9}});
    assertThat(c.covariance().get(0, 1)).isEqualTo(c.covariance().get(1, 0)).isCloseTo(1 + 5e-11, within(1e-15));
  }
}
