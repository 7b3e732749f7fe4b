package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.util.Map;

/**
 * A book to stress: market values per symbol in USD (positive = long, negative = short) and the book's equity (net
 * liquidation value) in USD. Weights are {@code w_i = v_i / E}, fractions of equity. Immutable and thread-safe.
 *
 * @param valueBySymbol market value {@code v_i} per symbol, USD, finite; copied and sorted by symbol
 * @param equity {@code E}, USD, positive
 */
public record Exposures(Map<String, Double> valueBySymbol, double equity) {

  /** Checks the values and the equity and copies the map. */
  public Exposures {
    valueBySymbol = Maps.finiteBySymbol(valueBySymbol, "valueBySymbol");
    Checks.positive(equity, "equity");
  }

  /** The market value of {@code symbol}, USD; 0 for a symbol not held. */
  public double value(String symbol) {
    return valueBySymbol.getOrDefault(symbol, 0.0);
  }

  /** The weight {@code v / E} of {@code symbol}, a signed fraction of equity; 0 for a symbol not held. */
  public double weight(String symbol) {
    return value(symbol) / equity;
  }

  /** Gross exposure {@code sum |v_i|}, USD. */
  public double gross() {
    return valueBySymbol.values().stream().mapToDouble(Math::abs).sum();
  }

  /** Net exposure {@code sum v_i}, USD (negative for a net-short book). */
  public double net() {
    return valueBySymbol.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
