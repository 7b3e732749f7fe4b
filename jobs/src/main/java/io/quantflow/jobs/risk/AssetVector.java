package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One number per asset in a request, written either as an array in the order of the request's {@code assets}
 * ({@code [0.6, 0.4]}) or as an object keyed by asset ({@code {"AAPL": 0.6, "MSFT": 0.4}}), or as a keyword where a
 * field allows one ({@code "historical"}). Immutable.
 */
public final class AssetVector {
  private final double[] values;
  private final Map<String, Double> byAsset;
  private final String keyword;

  private AssetVector(double[] values, Map<String, Double> byAsset, String keyword) {
    this.values = values;
    this.byAsset = byAsset;
    this.keyword = keyword;
  }

  /** Reads an array of numbers, an object of numbers or a string. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static AssetVector of(JsonNode node) {
    if (node.isTextual()) {
      return new AssetVector(null, null, node.asText());
    }
    if (node.isArray()) {
      double[] v = new double[node.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = number(node.get(i), "[" + i + "]");
      }
      return new AssetVector(v, null, null);
    }
    if (node.isObject()) {
      Map<String, Double> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), number(e.getValue(), "." + e.getKey()));
      }
      return new AssetVector(null, Collections.unmodifiableMap(m), null);
    }
    throw new IllegalArgumentException("expected an array of numbers (one per asset, in the order of 'assets') or an "
        + "object keyed by asset, but got " + node);
  }

  /** An array in asset order. */
  public static AssetVector ofArray(double... values) {
    return new AssetVector(values.clone(), null, null);
  }

  /** A map keyed by asset. */
  public static AssetVector ofMap(Map<String, Double> byAsset) {
    return new AssetVector(null, Collections.unmodifiableMap(new LinkedHashMap<>(byAsset)), null);
  }

  private static double number(JsonNode n, String where) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException("entry " + where + " must be a number but is " + n);
    }
    return n.asDouble();
  }

  /** The keyword, or null when the value is numbers. */
  String keyword() {
    return keyword;
  }

  /**
   * The numbers in the order of {@code assets}.
   *
   * @param field the request field, for messages
   * @param missing the value of an asset an object leaves out, or null when every asset needs one
   * @throws IllegalArgumentException if an array has the wrong length, an object names an unknown asset or leaves
   *     one out, or the value is a keyword
   */
  double[] resolve(List<String> assets, String field, Double missing) {
    if (keyword != null) {
      throw new IllegalArgumentException(String.format("'%s' is \"%s\" but must be numbers here: an array in the "
          + "order of assets %s or an object keyed by asset", field, keyword, assets));
    }
    if (values != null) {
      if (values.length != assets.size()) {
        throw new IllegalArgumentException(String.format("'%s' has %d entries but there are %d assets %s: give one "
            + "per asset in the order of 'assets', or an object keyed by asset", field, values.length,
            assets.size(), assets));
      }
      return values.clone();
    }
    for (String a : byAsset.keySet()) {
      if (!assets.contains(a)) {
        throw new IllegalArgumentException(String.format("'%s' names '%s', which is not among the assets %s: fix "
            + "the name or add it to 'assets'", field, a, assets));
      }
    }
    double[] v = new double[assets.size()];
    for (int i = 0; i < v.length; i++) {
      Double x = byAsset.get(assets.get(i));
      if (x == null && missing == null) {
        throw new IllegalArgumentException(String.format("'%s' has no value for %s: give one for every asset %s",
            field, assets.get(i), assets));
      }
      v[i] = x == null ? missing : x;
    }
    return v;
  }

  /** The numbers keyed by asset (see {@link #resolve}). */
  Map<String, Double> resolveMap(List<String> assets, String field, Double missing) {
    double[] v = resolve(assets, field, missing);
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(assets.get(i), v[i]);
    }
    return m;
  }
}
