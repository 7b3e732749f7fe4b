package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Checked, sorted, unmodifiable copies of symbol maps. */
final class Maps {
  private Maps() {}

  /** A sorted copy of {@code map} whose keys are not blank and whose values are finite. */
  static SortedMap<String, Double> finiteBySymbol(Map<String, Double> map, String name) {
    Checks.notNull(map, name);
    TreeMap<String, Double> copy = new TreeMap<>();
    for (Map.Entry<String, Double> e : map.entrySet()) {
      String symbol = Checks.notBlank(e.getKey(), name + " key");
      Double value = Checks.notNull(e.getValue(), name + "[" + symbol + "]");
      copy.put(symbol, Checks.finite(value, name + "[" + symbol + "]"));
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /** As {@link #finiteBySymbol}, and each value is a simple return, at least -1 (a total loss). */
  static SortedMap<String, Double> returnsBySymbol(Map<String, Double> map, String name) {
    SortedMap<String, Double> copy = finiteBySymbol(map, name);
    copy.forEach((symbol, r) -> Checks.isTrue(r >= -1,
        "Argument '%s[%s]' is a simple return and must be at least -1 but was %s", name, symbol, r));
    return copy;
  }
}
