package io.quantflow.operators.features;

import io.quantflow.domain.Checks;
import io.quantflow.operators.indicators.Atr;
import io.quantflow.operators.indicators.BarIndicator;
import io.quantflow.operators.indicators.Bollinger;
import io.quantflow.operators.indicators.Ema;
import io.quantflow.operators.indicators.Macd;
import io.quantflow.operators.indicators.QuoteImbalance;
import io.quantflow.operators.indicators.QuotedSpread;
import io.quantflow.operators.indicators.RangeVolatility;
import io.quantflow.operators.indicators.RateOfChange;
import io.quantflow.operators.indicators.RealizedVolatility;
import io.quantflow.operators.indicators.RsiCutler;
import io.quantflow.operators.indicators.RsiEma;
import io.quantflow.operators.indicators.RsiWilder;
import io.quantflow.operators.indicators.SessionVwap;
import io.quantflow.operators.indicators.SimpleReturn;
import io.quantflow.operators.indicators.Slope;
import io.quantflow.operators.indicators.Sma;
import io.quantflow.operators.indicators.VolumeRatio;
import io.quantflow.operators.indicators.Wma;
import io.quantflow.operators.indicators.YangZhangVolatility;
import io.quantflow.operators.indicators.ZScore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Indicator ids mapped to kernel factories. {@link #standard()} knows {@code ret, sma, ema, wma, rsi, macd, bbands,
 * atr, rvol, roc, slope, zscore, vwap, volratio, spread, imbalance}; adding an indicator is one kernel class plus one
 * {@link #with} line there.
 *
 * <p>Each id declares the parameters it takes with their defaults (integers {@code period, fast, slow, signal};
 * decimal {@code k}) and its methods, the first being the default. {@link #create} rejects an unknown id, an unknown
 * parameter, a non-numeric or non-integer value and an unknown method with a message naming the valid choices;
 * range checks ({@code period >= 1}, {@code k > 0}, {@code fast < slow}, ...) come from the kernels' constructors and
 * name the parameter. This class is immutable and thread-safe.
 */
public final class FeatureRegistry {
  /** Builds the kernel for one method of an indicator. */
  @FunctionalInterface
  public interface Factory {
    /** A fresh kernel for {@code params} and {@code method} (one of the declared methods, never null). */
    BarIndicator create(IndicatorParams params, String method);
  }

  /** One registered indicator: its parameters with defaults, its methods (first = default) and its factory. */
  private record Definition(String id, Map<String, Number> defaults, List<String> methods, Factory factory) {}

  private static final Set<String> INTEGER_PARAMS = Set.of("period", "fast", "slow", "signal");
  private static final Set<String> DECIMAL_PARAMS = Set.of("k");
  private static final String DEFAULT_METHOD = "default";

  private static final FeatureRegistry STANDARD = new FeatureRegistry(Map.of())
      .with("ret", Map.of(), List.of(), (p, m) -> BarIndicator.onClose("ret_1", new SimpleReturn()))
      .with("sma", Map.of("period", 20), List.of(),
          (p, m) -> BarIndicator.onClose("sma_" + p.period(), new Sma(p.period())))
      .with("ema", Map.of("period", 20), List.of(),
          (p, m) -> BarIndicator.onClose("ema_" + p.period(), new Ema(p.period())))
      .with("wma", Map.of("period", 20), List.of(),
          (p, m) -> BarIndicator.onClose("wma_" + p.period(), new Wma(p.period())))
      .with("rsi", Map.of("period", 14), List.of("wilder", "cutler", "ema"),
          (p, m) -> BarIndicator.onClose("rsi_" + p.period() + "_" + m, switch (m) {
            case "wilder" -> new RsiWilder(p.period());
            case "cutler" -> new RsiCutler(p.period());
            default -> new RsiEma(p.period());
          }))
      .with("macd", ordered("fast", 12, "slow", 26, "signal", 9), List.of(),
          (p, m) -> new Macd(p.fast(), p.slow(), p.signal()))
      .with("bbands", ordered("period", 20, "k", 2), List.of(), (p, m) -> new Bollinger(p.period(), p.k()))
      .with("atr", Map.of("period", 14), List.of(), (p, m) -> new Atr(p.period()))
      .with("rvol", Map.of("period", 20), List.of("cc", "parkinson", "gk", "yz"), (p, m) -> switch (m) {
        case "cc" -> BarIndicator.onClose("rvol_" + p.period() + "_cc", new RealizedVolatility(p.period()));
        case "parkinson" -> new RangeVolatility(p.period(), RangeVolatility.Method.PARKINSON);
        case "gk" -> new RangeVolatility(p.period(), RangeVolatility.Method.GARMAN_KLASS);
        default -> new YangZhangVolatility(p.period());
      })
      .with("roc", Map.of("period", 10), List.of(),
          (p, m) -> BarIndicator.onClose("roc_" + p.period(), new RateOfChange(p.period())))
      .with("slope", Map.of("period", 20), List.of(),
          (p, m) -> BarIndicator.onClose("slope_" + p.period(), new Slope(p.period())))
      .with("zscore", Map.of("period", 20), List.of(),
          (p, m) -> BarIndicator.onClose("zscore_" + p.period(), new ZScore(p.period())))
      .with("vwap", Map.of(), List.of("session"), (p, m) -> new SessionVwap())
      .with("volratio", Map.of("period", 20), List.of(), (p, m) -> new VolumeRatio(p.period()))
      .with("spread", Map.of("period", 1), List.of(), (p, m) -> new QuotedSpread(p.period()))
      .with("imbalance", Map.of("period", 1), List.of(), (p, m) -> new QuoteImbalance(p.period()));

  private final Map<String, Definition> definitions;

  private static Map<String, Number> ordered(Object... nameValue) {
    Map<String, Number> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      map.put((String) nameValue[i], (Number) nameValue[i + 1]);
    }
    return map;
  }

  private FeatureRegistry(Map<String, Definition> definitions) {
    this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
  }

  /** The registry of every indicator in {@code io.quantflow.operators.indicators}. */
  public static FeatureRegistry standard() {
    return STANDARD;
  }

  /**
   * A registry with one more indicator.
   *
   * @param id the indicator id used in specs, not yet registered
   * @param defaults every parameter the indicator takes, with its default; names from {@code period, fast, slow,
   *     signal, k}
   * @param methods the methods, the first being the default; empty when the indicator has a single method
   * @param factory builds a kernel from typed parameters and a method
   */
  public FeatureRegistry with(String id, Map<String, ? extends Number> defaults, List<String> methods,
      Factory factory) {
    Checks.notBlank(id, "id");
    Checks.isTrue(!definitions.containsKey(id), "Indicator '%s' is already registered", id);
    for (String name : defaults.keySet()) {
      Checks.isTrue(INTEGER_PARAMS.contains(name) || DECIMAL_PARAMS.contains(name),
          "Unknown parameter '%s' for indicator '%s'; parameters are %s and %s", name, id, INTEGER_PARAMS,
          DECIMAL_PARAMS);
    }
    Map<String, Definition> copy = new LinkedHashMap<>(definitions);
    copy.put(id, new Definition(id, Collections.unmodifiableMap(new LinkedHashMap<>(defaults)),
        List.copyOf(methods), Checks.notNull(factory, "factory")));
    return new FeatureRegistry(copy);
  }

  /** The registered ids, in registration order. */
  public List<String> ids() {
    return List.copyOf(definitions.keySet());
  }

  /** The parameters {@code id} takes, with their defaults. */
  public Map<String, Number> defaults(String id) {
    return definition(id).defaults();
  }

  /** The methods of {@code id}, the default first; empty when it has a single method. */
  public List<String> methods(String id) {
    return definition(id).methods();
  }

  /**
   * The kernels of one spec entry, one per method (in the order given).
   *
   * @throws IllegalArgumentException naming the indicator and the offending parameter or method, with the valid
   *     choices
   */
  public List<BarIndicator> create(IndicatorSpec spec) {
    Checks.notNull(spec, "spec");
    Definition def = definition(spec.indicator());
    IndicatorParams params = params(def, spec.params());
    List<String> methods = spec.methods().isEmpty()
        ? List.of(def.methods().isEmpty() ? DEFAULT_METHOD : def.methods().get(0))
        : spec.methods();
    List<BarIndicator> kernels = new ArrayList<>(methods.size());
    for (String method : methods) {
      if (def.methods().isEmpty() ? !method.equals(DEFAULT_METHOD) : !def.methods().contains(method)) {
        throw new IllegalArgumentException("Unknown method '" + method + "' for indicator '" + def.id()
            + "'; valid methods are " + (def.methods().isEmpty() ? "none (leave 'methods' out)" : def.methods()));
      }
      try {
        kernels.add(def.factory().create(params, method));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Indicator '" + def.id() + "': " + e.getMessage(), e);
      }
    }
    return kernels;
  }

  /** Fresh kernels for every entry, in order, as one {@link FeatureSet}. */
  public FeatureSet newFeatureSet(List<IndicatorSpec> specs) {
    Checks.notNull(specs, "specs");
    List<BarIndicator> kernels = new ArrayList<>();
    for (IndicatorSpec spec : specs) {
      kernels.addAll(create(spec));
    }
    return new FeatureSet(kernels);
  }

  private Definition definition(String id) {
    Definition def = definitions.get(id);
    if (def == null) {
      throw new IllegalArgumentException("Unknown indicator '" + id + "'; valid indicators are " + ids());
    }
    return def;
  }

  private static IndicatorParams params(Definition def, Map<String, Object> given) {
    for (String name : given.keySet()) {
      if (!def.defaults().containsKey(name)) {
        throw new IllegalArgumentException("Unknown parameter '" + name + "' for indicator '" + def.id()
            + "'; valid parameters are " + (def.defaults().isEmpty() ? "none" : def.defaults().keySet()));
      }
    }
    return new IndicatorParams(
        integer(def, given, "period"), integer(def, given, "fast"), integer(def, given, "slow"),
        integer(def, given, "signal"), decimal(def, given, "k"));
  }

  private static int integer(Definition def, Map<String, Object> given, String name) {
    if (!def.defaults().containsKey(name)) {
      return 0;
    }
    BigDecimal value = number(def, name, given.getOrDefault(name, def.defaults().get(name)));
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Parameter '" + name + "' of indicator '" + def.id()
          + "' must be an integer but was " + value.toPlainString(), e);
    }
  }

  private static double decimal(Definition def, Map<String, Object> given, String name) {
    if (!def.defaults().containsKey(name)) {
      return Double.NaN;
    }
    return number(def, name, given.getOrDefault(name, def.defaults().get(name))).doubleValue();
  }

  private static BigDecimal number(Definition def, String name, Object value) {
    try {
      if (value instanceof Number n) {
        return new BigDecimal(n.toString());
      }
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Parameter '" + name + "' of indicator '" + def.id()
          + "' must be a number but was '" + value + "'", e);
    }
  }
}
