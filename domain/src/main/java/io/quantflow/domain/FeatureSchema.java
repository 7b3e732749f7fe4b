package io.quantflow.domain;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered names of the values in a {@link FeatureRow}, e.g. {@code ret_1, sma_20, ema_20, rsi_14, rvol_20}.
 * This class is immutable and thread-safe.
 */
public final class FeatureSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  private FeatureSchema(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < this.names.size(); i++) {
      if (index.put(Checks.notBlank(this.names.get(i), "names[" + i + "]"), i) != null) {
        throw new IllegalArgumentException("Feature name '" + this.names.get(i) + "' appears twice in " + names);
      }
    }
  }

  /** A schema of the given names, in order. */
  public static FeatureSchema of(List<String> names) {
    return new FeatureSchema(Checks.notNull(names, "names"));
  }

  /** The names in order. */
  public List<String> names() {
    return names;
  }

  /** Number of features. */
  public int size() {
    return names.size();
  }

  /**
   * The position of {@code name}.
   *
   * @throws IllegalArgumentException listing the known names if {@code name} is not one of them
   */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("Unknown feature '" + name + "'; known features are " + names);
    }
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSchema s && names.equals(s.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
