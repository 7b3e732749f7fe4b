package io.quantflow.operators.features;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@link FeatureSpec}: an indicator id of the {@link FeatureRegistry}, its parameters, and the
 * calculation methods to compute (one kernel per method). Parameters left out take the registry's defaults; an empty
 * method list means the indicator's default method. A plain record so the jobs module can bind YAML to it, e.g.
 *
 * <pre>
 * - indicator: rsi
 *   params: {period: 14}
 *   methods: [wilder, cutler]
 * </pre>
 *
 * <p>Only the structure is checked here; {@link FeatureRegistry#create} checks ids, parameter names and values.
 * This class is immutable and thread-safe.
 *
 * @param indicator registry id, e.g. {@code sma}, {@code rsi}, {@code macd}
 * @param params parameter name to value (numbers, or numeric strings); null means none
 * @param methods method names, e.g. {@code [wilder, cutler]}; null means the default method
 */
public record IndicatorSpec(String indicator, Map<String, Object> params, List<String> methods)
    implements Serializable {

  /** Checks the id and copies the parameters (keeping their order) and methods. */
  public IndicatorSpec {
    Checks.notBlank(indicator, "indicator");
    Map<String, Object> copy = new LinkedHashMap<>();
    if (params != null) {
      params.forEach((name, value) -> copy.put(Checks.notBlank(name, "params key"),
          Checks.notNull(value, "params." + name)));
    }
    params = Collections.unmodifiableMap(copy);
    methods = methods == null ? List.of() : List.copyOf(methods);
  }

  /** An indicator with default parameters and method. */
  public static IndicatorSpec of(String indicator) {
    return new IndicatorSpec(indicator, Map.of(), List.of());
  }

  /** An indicator with the given parameters and the default method. */
  public static IndicatorSpec of(String indicator, Map<String, Object> params) {
    return new IndicatorSpec(indicator, params, List.of());
  }

  /** An indicator with the given parameters and methods. */
  public static IndicatorSpec of(String indicator, Map<String, Object> params, List<String> methods) {
    return new IndicatorSpec(indicator, params, methods);
  }
}
