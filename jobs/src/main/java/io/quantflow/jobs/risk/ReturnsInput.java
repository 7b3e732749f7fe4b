package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code returns} of a VaR request: daily simple returns (decimals) either as one array (the portfolio's own
 * returns), as one array per asset ({@code [[...], [...]]}, in the order of {@code assets}), or as an object of
 * arrays keyed by asset ({@code {"AAPL": [...], "MSFT": [...]}}). Immutable.
 *
 * @param series the arrays: one for a portfolio series, one per asset otherwise
 * @param names the asset names of an object, in its order; null for arrays
 * @param perAsset false for a single portfolio series
 */
public record ReturnsInput(double[][] series, List<String> names, boolean perAsset) {

  /** Reads an array of numbers, an array of arrays or an object of arrays. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ReturnsInput of(JsonNode node) {
    if (node.isArray() && node.size() > 0 && node.get(0).isArray()) {
      double[][] rows = new double[node.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = numbers(node.get(i), "returns[" + i + "]");
      }
      return new ReturnsInput(rows, null, true);
    }
    if (node.isArray()) {
      return new ReturnsInput(new double[][] {numbers(node, "returns")}, null, false);
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        names.add(e.getKey());
        rows.add(numbers(e.getValue(), "returns." + e.getKey()));
      }
      return new ReturnsInput(rows.toArray(new double[0][]), List.copyOf(names), true);
    }
    throw new IllegalArgumentException("'returns' must be an array of daily returns, an array of arrays (one per "
        + "asset) or an object of arrays keyed by asset, but is " + node.getNodeType());
  }

  private static double[] numbers(JsonNode node, String where) {
    if (!node.isArray()) {
      throw new IllegalArgumentException("'" + where + "' must be an array of numbers but is " + node.getNodeType());
    }
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = node.get(i);
      if (!x.isNumber()) {
        throw new IllegalArgumentException(String.format("'%s[%d]' must be a number but is %s: drop or fill missing "
            + "days before estimating", where, i, x));
      }
      v[i] = x.asDouble();
    }
    return v;
  }
}
