package io.quantflow.models.optimize;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of a {@link ParameterSpace}: parameter names mapped to {@link Integer}, {@link Double} or {@link String}
 * values, in the order of the space's dimensions. Two sets are equal when they hold the same entries in the same
 * order. Immutable and thread-safe.
 *
 * @param values the parameters in order; copied, and returned unmodifiable
 */
public record ParameterSet(Map<String, Object> values) {

  /** Copies {@code values}, keeping its iteration order, and checks names and value types. */
  public ParameterSet {
    Checks.notNull(values, "values");
    Checks.isTrue(!values.isEmpty(), "Argument 'values' must not be empty");
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      checkToken(e.getKey(), "name");
      Object v = Checks.notNull(e.getValue(), "values[" + e.getKey() + "]");
      Checks.isTrue(v instanceof Integer || v instanceof Double || v instanceof String,
          "Argument 'values[%s]' must be an Integer, Double or String but was %s", e.getKey(), v.getClass());
      if (v instanceof String s) {
        checkToken(s, "values[" + e.getKey() + "]");
      }
      copy.put(e.getKey(), v);
    }
    values = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns a stable key such as {@code fast=10,slow=30,stop=0.02,ma=ema}: entries in order, doubles as by
   * {@link Double#toString(double)}.
   */
  public String id() {
    StringJoiner j = new StringJoiner(",");
    values.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** Returns the value of {@code name}; fails if there is none. */
  public Object get(String name) {
    Object v = values.get(name);
    Checks.isTrue(v != null, "Argument 'name' must be one of %s but was '%s'", values.keySet(), name);
    return v;
  }

  /** Returns the integer value of {@code name}; fails if it is missing or not an integer. */
  public int getInt(String name) {
    return as(name, Integer.class);
  }

  /** Returns the numeric value of {@code name} as a double (integers widened); fails if it is not a number. */
  public double getDouble(String name) {
    Object v = get(name);
    Checks.isTrue(v instanceof Number, "Parameter '%s' is not a number but %s", name, v);
    return ((Number) v).doubleValue();
  }

  /** Returns the string value of {@code name}; fails if it is missing or not a string. */
  public String getString(String name) {
    return as(name, String.class);
  }

  private <T> T as(String name, Class<T> type) {
    Object v = get(name);
    Checks.isTrue(type.isInstance(v), "Parameter '%s' is not a %s but %s", name, type.getSimpleName(), v);
    return type.cast(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSet p
        && new ArrayList<>(values.entrySet()).equals(new ArrayList<>(p.values.entrySet()));
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Returns {@link #id()}. */
  @Override
  public String toString() {
    return id();
  }

  /** Names and categories must not contain the separators of {@link #id()}. */
  static void checkToken(String token, String argument) {
    Checks.notBlank(token, argument);
    Checks.isTrue(token.indexOf(',') < 0 && token.indexOf('=') < 0,
        "Argument '%s' must not contain ',' or '=' but was '%s'", argument, token);
  }
}
