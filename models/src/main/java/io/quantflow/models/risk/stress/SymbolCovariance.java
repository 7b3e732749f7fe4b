package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.portfolio.SampleCovariance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A {@link Covariance} of simple period returns (e.g. daily; not annualised) whose rows and columns are named by
 * symbols, for the parametric VaR of the volatility and correlation shocks over the same period. The matrix has the
 * checks of {@link Covariance} (square, finite, symmetric, positive semi-definite). Immutable and thread-safe.
 *
 * @param symbols the symbols of the rows and columns, distinct, in order; copied
 * @param covariance the matrix, {@code covariance.get(i, j) = cov(r_i, r_j)}, of size {@code symbols.size()}
 */
public record SymbolCovariance(List<String> symbols, Covariance covariance) {

  /** Checks the symbols against the matrix and copies them. */
  public SymbolCovariance {
    symbols = List.copyOf(Checks.notNull(symbols, "symbols"));
    Checks.isTrue(new HashSet<>(symbols).size() == symbols.size(), "Argument 'symbols' has duplicates: %s", symbols);
    symbols.forEach(s -> Checks.notBlank(s, "symbols[]"));
    Checks.notNull(covariance, "covariance");
    Checks.isTrue(covariance.size() == symbols.size(), "Argument 'covariance' has %d rows for %d symbols",
        covariance.size(), symbols.size());
  }

  /**
   * The checked covariance {@code matrix} of {@code symbols}.
   *
   * @throws IllegalArgumentException if the sizes differ or the matrix fails a check of {@link Covariance} (the
   *     message then lists the symbols, so that row {@code i} can be told apart)
   */
  public static SymbolCovariance of(List<String> symbols, double[][] matrix) {
    Checks.notNull(symbols, "symbols");
    Checks.notNull(matrix, "matrix");
    Checks.isTrue(matrix.length == symbols.size(), "Argument 'matrix' has %d rows for %d symbols", matrix.length,
        symbols.size());
    Covariance covariance;
    try {
      covariance = Covariance.of(matrix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (rows and columns: " + symbols + ")", e);
    }
    return new SymbolCovariance(symbols, covariance);
  }

  /**
   * The sample covariance ({@link SampleCovariance}, divisor {@code m - 1}) of the symbols' returns over the
   * {@code m} dates of the panel where every one of them has a return.
   *
   * @param panel daily returns panel, {@code date -> symbol -> simple return}
   * @param symbols the symbols, at least one
   * @throws IllegalArgumentException if fewer than 2 dates have a return for every symbol
   */
  public static SymbolCovariance sample(Map<LocalDate, Map<String, Double>> panel, List<String> symbols) {
    Checks.notNull(panel, "panel");
    Checks.notNull(symbols, "symbols");
    int n = symbols.size();
    List<Map<String, Double>> common = new ArrayList<>();
    for (Map<String, Double> row : panel.values()) {
      if (row.keySet().containsAll(symbols)) {
        common.add(row);
      }
    }
    int m = common.size();
    Checks.isTrue(m >= 2, "Only %d dates of the panel have a return for all of %s; a covariance needs at least 2",
        m, symbols);
    double[][] returns = new double[n][m];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < n; i++) {
        returns[i][t] = Checks.finite(common.get(t).get(symbols.get(i)), "panel return of " + symbols.get(i));
      }
    }
    return new SymbolCovariance(symbols, SampleCovariance.estimate(returns));
  }

  /** The row of {@code symbol}, or -1 when it has none. */
  public int indexOf(String symbol) {
    return symbols.indexOf(symbol);
  }
}
