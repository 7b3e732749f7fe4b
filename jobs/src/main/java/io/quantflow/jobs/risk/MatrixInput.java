package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.models.risk.stress.SymbolCovariance;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code covariance} of a stress request: a matrix ({@code [[...], ...]}, rows in the order of the request's
 * {@code symbols}), an object of objects keyed by symbol ({@code {"AAPL": {"AAPL": 4e-4, "MSFT": 1e-4}, ...}}), or
 * the keyword {@code "historical"} (estimate it on the historical returns panel). Immutable.
 *
 * @param rows the matrix of an array input; null otherwise
 * @param bySymbol the entries of an object input; null otherwise
 * @param keyword the keyword; null otherwise
 */
public record MatrixInput(double[][] rows, Map<String, Map<String, Double>> bySymbol, String keyword) {

  /** Reads a matrix, an object of objects or a string. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static MatrixInput of(JsonNode node) {
    if (node.isTextual()) {
      return new MatrixInput(null, null, node.asText());
    }
    if (node.isArray()) {
      double[][] rows = new double[node.size()][];
      for (int i = 0; i < rows.length; i++) {
        JsonNode row = node.get(i);
        if (!row.isArray()) {
          throw new IllegalArgumentException("'covariance[" + i + "]' must be an array of numbers");
        }
        rows[i] = new double[row.size()];
        for (int j = 0; j < rows[i].length; j++) {
          rows[i][j] = number(row.get(j), "covariance[" + i + "][" + j + "]");
        }
      }
      return new MatrixInput(rows, null, null);
    }
    if (node.isObject()) {
      Map<String, Map<String, Double>> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> row = it.next();
        if (!row.getValue().isObject()) {
          throw new IllegalArgumentException("'covariance." + row.getKey() + "' must be an object keyed by symbol");
        }
        Map<String, Double> r = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> c = row.getValue().fields(); c.hasNext();) {
          Map.Entry<String, JsonNode> e = c.next();
          r.put(e.getKey(), number(e.getValue(), "covariance." + row.getKey() + "." + e.getKey()));
        }
        m.put(row.getKey(), r);
      }
      return new MatrixInput(null, m, null);
    }
    throw new IllegalArgumentException("'covariance' must be a matrix, an object of objects keyed by symbol or "
        + "\"historical\", but is " + node.getNodeType());
  }

  private static double number(JsonNode n, String where) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException("'" + where + "' must be a number but is " + n);
    }
    return n.asDouble();
  }

  /**
   * The symbols and matrix: for an object, its keys in order, and every pair must be present (in either order).
   *
   * @param symbols the symbols of an array input's rows
   * @throws IllegalArgumentException naming a missing entry or a size that does not match
   */
  SymbolCovariance resolve(List<String> symbols) {
    if (rows != null) {
      if (symbols == null) {
        throw new IllegalArgumentException("a 'covariance' matrix needs 'symbols' (the symbol of each row, in "
            + "order), or write it as an object of objects keyed by symbol");
      }
      return SymbolCovariance.of(symbols, rows);
    }
    List<String> names = new ArrayList<>(bySymbol.keySet());
    double[][] s = new double[names.size()][names.size()];
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        Double v = bySymbol.get(names.get(i)).get(names.get(j));
        if (v == null) {
          v = bySymbol.get(names.get(j)).get(names.get(i));
        }
        if (v == null) {
          throw new IllegalArgumentException(String.format("'covariance' has no entry for %s and %s: give every "
              + "pair (once is enough, the matrix is symmetric)", names.get(i), names.get(j)));
        }
        s[i][j] = v;
      }
    }
    return SymbolCovariance.of(names, s);
  }
}
