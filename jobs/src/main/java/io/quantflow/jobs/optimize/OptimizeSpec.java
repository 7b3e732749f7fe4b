package io.quantflow.jobs.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.domain.Checks;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.optimize.Dimension;
import io.quantflow.models.optimize.ParameterSet;
import io.quantflow.models.optimize.ParameterSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An optimisation or walk-forward spec as written in YAML ({@code config/optimize.yaml},
 * {@code config/walk-forward.yaml}; reference in {@code docs/backtesting.md}). Checked when built: the parameter
 * space, the search, the objective, every placeholder of {@code config} against the parameters, and the config
 * rendered with a first point of the space. Immutable: the config tree is copied in and out.
 *
 * @param config the base backtest config (the keys of {@code config/backtest.yaml}) with {@code ${name}}
 *     placeholders, see {@link ConfigTemplate}; its {@code parallelism} is the Flink parallelism of the optimisation
 * @param parameters the search space, in dimension order: name to range or categories
 * @param search how points are chosen, default grid search
 * @param objective a metrics key to maximise ({@code sharpe}, {@code sortino}, {@code calmar},
 *     {@code total_return}, ...), or a key prefixed with {@code -} to minimise ({@code -max_drawdown}); default
 *     {@code sharpe}
 * @param window the New York dates to backtest over; null or partly null means the whole store (see
 *     {@link #withDefaultWindow})
 * @param walkForward walk-forward settings, for {@code quant walk-forward} only; null otherwise
 */
public record OptimizeSpec(JsonNode config, Map<String, Parameter> parameters, Search search, String objective,
    WindowSpec window, WalkForward walkForward) {

  /** Fills defaults and checks the spec as a whole. */
  public OptimizeSpec {
    Checks.isTrue(config != null && config.isObject(), "Setting 'config' must be a mapping of backtest settings "
        + "(the keys of config/backtest.yaml, values may be ${name} placeholders) but was %s",
        config == null ? "missing" : config.getNodeType());
    Checks.isTrue(parameters != null && !parameters.isEmpty(), "Setting 'parameters' must name at least one "
        + "parameter, e.g. 'period: {min: 10, max: 50, step: 10}' or 'ma: {values: [ema, sma]}'");
    config = config.deepCopy();
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    search = search == null ? new Search(null, null, null, null) : search;
    objective = objective == null ? "sharpe" : objective.strip();
    Objective.parse(objective);
    window = window == null ? new WindowSpec(null, null, null) : window;
    if (walkForward != null && walkForward.warmupDays() == null) {
      walkForward = new WalkForward(walkForward.train(), walkForward.test(), walkForward.step(),
          walkForward.anchored(), window.warmupDays(), walkForward.retrain());
    }
    ParameterSpace space = space(parameters);
    if (search.method().equals("grid")) {
      for (Dimension d : space.dimensions()) {
        Checks.isTrue(d.gridSize() > 0, "Parameter '%s' is a continuous range; give it 'points' for grid search "
            + "(e.g. points: 5), or use search method random or tpe", d.name());
      }
    }
    Set<String> used = ConfigTemplate.placeholders(config);
    for (String name : used) {
      Checks.isTrue(parameters.containsKey(name), "Setting 'config' uses ${%s} but 'parameters' has no '%s'; "
          + "declare it under 'parameters:' or fix the name (parameters: %s)", name, name, parameters.keySet());
    }
    for (String name : parameters.keySet()) {
      Checks.isTrue(used.contains(name), "Parameter '%s' is not used in 'config'; reference it as ${%s} in a "
          + "setting, or remove it (trials differing only in it would be identical)", name, name);
    }
    JsonNode p = config.get("parallelism");
    Checks.isTrue(p == null || p.isInt() && p.intValue() > 0, "Setting 'config.parallelism' must be a positive "
        + "whole number (the Flink parallelism of the optimisation job) but was %s", p);
    ConfigTemplate.render(config, firstPoint(space)).pipeline();
  }

  /** A copy of the base config tree: the spec's own cannot be changed through it. */
  @Override
  public JsonNode config() {
    return config.deepCopy();
  }

  /**
   * Reads a spec file.
   *
   * @throws IllegalArgumentException with the file, line and fix when the file is missing or invalid
   */
  public static OptimizeSpec load(Path file) {
    Checks.notNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Spec file " + file + " does not exist; pass an existing YAML file with "
          + "--config (see config/optimize.yaml and config/walk-forward.yaml for examples)");
    }
    return ConfigLoader.load(file, OptimizeSpec.class);
  }

  /** The parameter space, dimensions in the order of {@code parameters}. */
  public ParameterSpace space() {
    return space(parameters);
  }

  /**
   * The backtest config of one point of the space.
   *
   * @throws IllegalArgumentException naming the setting when the rendered config is invalid
   */
  public JobConfig render(ParameterSet point) {
    JobConfig c = ConfigTemplate.render(config, point);
    c.pipeline(); // the settings must fit together before a trial is shipped to a slot
    return c;
  }

  /** The Flink parallelism of the optimisation: {@code config.parallelism}, default 2. */
  public int parallelism() {
    JsonNode p = config.get("parallelism");
    return p == null ? 2 : p.intValue();
  }

  /** A copy whose {@code config.parallelism} is {@code parallelism}. */
  public OptimizeSpec withParallelism(int parallelism) {
    Checks.positive(parallelism, "parallelism");
    ObjectNode c = config.deepCopy();
    c.put("parallelism", parallelism);
    return new OptimizeSpec(c, parameters, search, objective, window, walkForward);
  }

  /**
   * A copy whose {@code config.model} is pinned to {@code version} of {@code name} in {@code registry}, not
   * followed: what a walk-forward step that retrained the model backtests with.
   */
  public OptimizeSpec withModel(String name, java.nio.file.Path registry, int version) {
    ObjectNode c = config.deepCopy();
    ObjectNode m = c.has("model") && c.get("model").isObject() ? (ObjectNode) c.get("model") : c.putObject("model");
    m.put("name", name);
    m.put("registry", registry.toAbsolutePath().normalize().toString());
    m.put("version", version);
    m.put("follow", false);
    return new OptimizeSpec(c, parameters, search, objective, window, walkForward);
  }

  /** The model name of {@code config.model.name}, or null when the config has no model. */
  public String modelName() {
    JsonNode n = config.path("model").path("name");
    return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  /**
   * A copy whose missing window dates are {@code first} and {@code last}, the first and last New York dates of the
   * data; dates the spec sets are kept.
   */
  public OptimizeSpec withDefaultWindow(LocalDate first, LocalDate last) {
    Checks.notNull(first, "first");
    Checks.notNull(last, "last");
    WindowSpec w = new WindowSpec(window.start() != null ? window.start() : first.toString(),
        window.end() != null ? window.end() : last.toString(), window.warmupDays());
    return new OptimizeSpec(config, parameters, search, objective, w, walkForward);
  }

  /** The objective as a function of a trial's metrics. */
  Objective objectiveFunction() {
    return Objective.parse(objective);
  }

  private static ParameterSpace space(Map<String, Parameter> parameters) {
    List<Dimension> dims = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      Checks.isTrue(e.getValue() != null, "Parameter '%s' needs min and max (a range) or values (categories)",
          e.getKey());
      try {
        dims.add(e.getValue().dimension(e.getKey()));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("Parameter '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return ParameterSpace.of(dims);
  }

  /**
   * The point the spec is checked with when built: the first grid value of every dimension, the minimum of a
   * continuous one.
   */
  public ParameterSet firstPoint() {
    return firstPoint(space());
  }

  private static ParameterSet firstPoint(ParameterSpace space) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Dimension d : space.dimensions()) {
      values.put(d.name(), d.gridSize() > 0 ? d.gridValue(0) : ((Dimension.DoubleRange) d).min());
    }
    return new ParameterSet(values);
  }

  /**
   * One parameter: an integer range ({@code {min: 10, max: 50, step: 10}}), a double range
   * ({@code {min: 1.0, max: 3.0, log: false, points: 5}}) or categories ({@code {values: [ema, sma]}}). A range whose
   * bounds are both written as whole numbers and that sets neither {@code points} nor {@code log} is an integer
   * range; any other range is a double range.
   *
   * @param min smallest value
   * @param max largest value
   * @param step integer ranges: spacing, default 1
   * @param log double ranges: spread values evenly in {@code ln(value)}, default false (needs {@code min > 0})
   * @param points double ranges: number of grid values from min to max inclusive (at least 2); without it the
   *     range is continuous, for random and TPE search only
   * @param values categories (rendered as strings); excludes every other key
   */
  public record Parameter(Number min, Number max, Number step, Boolean log, Integer points, List<Object> values) {
    /** Checks that the keys describe one kind of parameter. */
    public Parameter {
      if (values != null) {
        Checks.isTrue(min == null && max == null && step == null && log == null && points == null,
            "A parameter with 'values' is a list of categories; remove min, max, step, log and points, or values");
        Checks.isTrue(!values.isEmpty() && values.stream().allMatch(v -> v != null && !(v instanceof Map)
            && !(v instanceof List)), "'values' must list one or more plain values (numbers or words) but was %s",
            values);
        values = List.copyOf(values);
      } else {
        Checks.isTrue(min != null && max != null, "A parameter needs min and max (a range) or values (categories), "
            + "e.g. {min: 10, max: 50, step: 10} or {values: [ema, sma]}");
        boolean integral = whole(min) && whole(max) && points == null && log == null;
        Checks.isTrue(step == null || integral && whole(step), "'step' applies to integer ranges (min, max and step "
            + "written as whole numbers); a double range takes 'points' for a grid");
      }
    }

    /** Whether this is an integer range. */
    boolean isIntRange() {
      return values == null && whole(min) && whole(max) && points == null && log == null;
    }

    Dimension dimension(String name) {
      if (values != null) {
        return new Dimension.Categorical(name, values.stream().map(String::valueOf).toList());
      }
      if (isIntRange()) {
        return new Dimension.IntRange(name, Math.toIntExact(min.longValue()), Math.toIntExact(max.longValue()),
            step == null ? 1 : Math.toIntExact(step.longValue()));
      }
      return new Dimension.DoubleRange(name, min.doubleValue(), max.doubleValue(), log != null && log,
          points == null ? 0 : points);
    }

    private static boolean whole(Number n) {
      return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
          || n instanceof java.math.BigInteger;
    }
  }

  /**
   * How points are chosen.
   *
   * @param method {@code grid} (every grid point, in order; the default), {@code random} (independent uniform
   *     draws) or {@code tpe} (Tree-structured Parzen Estimator)
   * @param trials random and TPE: number of trials, default 100; grid search evaluates the whole grid and takes none
   * @param seed seed of random and TPE, default 1
   * @param batch TPE: trials asked and evaluated together, as one Flink job, before their results are told back,
   *     default 8 (grid and random run all trials as one job)
   */
  public record Search(String method, Integer trials, Long seed, Integer batch) {
    /** Fills defaults and checks values. */
    public Search {
      method = method == null ? "grid" : method.strip().toLowerCase(Locale.ROOT);
      Checks.isTrue(method.equals("grid") || method.equals("random") || method.equals("tpe"),
          "Setting 'search.method' must be grid, random or tpe but was '%s'", method);
      if (method.equals("grid")) {
        Checks.isTrue(trials == null, "Setting 'search.trials' does not apply to grid search, which evaluates every "
            + "grid point; remove it, or use method random or tpe");
      } else {
        trials = trials == null ? 100 : Checks.positive(trials, "search.trials");
      }
      seed = seed == null ? 1L : seed;
      batch = batch == null ? 8 : Checks.positive(batch, "search.batch");
    }
  }

  /**
   * The dates to backtest over.
   *
   * @param start first New York date (ISO, {@code 2024-01-02}); trading starts at the first session on or after it;
   *     null for the store's first date
   * @param end last New York date, inclusive; null for the store's last date
   * @param warmupDays sessions before the start whose bars warm up the features (no trading), default 0
   */
  public record WindowSpec(String start, String end, Integer warmupDays) {
    /** Checks the dates and fills the warm-up default. */
    public WindowSpec {
      LocalDate s = date(start, "window.start");
      LocalDate e = date(end, "window.end");
      Checks.isTrue(s == null || e == null || !e.isBefore(s),
          "Setting 'window.end' %s must not be before 'window.start' %s", e, s);
      warmupDays = warmupDays == null ? 0 : warmupDays;
      Checks.isTrue(warmupDays >= 0, "Setting 'window.warmupDays' must not be negative but was %s", warmupDays);
      start = s == null ? null : s.toString();
      end = e == null ? null : e.toString();
    }

    /** The first date, or null for the store's first. */
    public LocalDate startDate() {
      return start == null ? null : LocalDate.parse(start);
    }

    /** The last date (inclusive), or null for the store's last. */
    public LocalDate endDate() {
      return end == null ? null : LocalDate.parse(end);
    }
  }

  /**
   * Walk-forward settings. Lengths count sessions of the NYSE calendar ({@code ExchangeCalendar.nyse()}), written
   * {@code 60d} or {@code 60}.
   *
   * @param train sessions each train window spans (anchored: the first one; later ones grow)
   * @param test sessions each test window spans (the last one may be shorter)
   * @param step sessions from one window to the next, at least {@code test} so test windows never overlap;
   *     default {@code test}
   * @param anchored train windows all start at the first session, default false (rolling)
   * @param warmupDays sessions before each train and test window whose bars only warm up the features, default
   *     {@code window.warmupDays}
   * @param retrain retrain the model of {@code config.model.name} at each step, on the step's train sessions only,
   *     with this training config: the path of a {@code quant train} YAML (e.g. {@code config/model.yaml}), or
   *     {@code default} for the built-in one. The step's trials and its test backtest then use that version. Null
   *     (the default): no retraining; a configured model is used as it is
   */
  public record WalkForward(String train, String test, String step, Boolean anchored, Integer warmupDays,
      String retrain) {
    /** Checks the lengths and fills defaults. */
    public WalkForward {
      int tr = sessions(train, "walkForward.train");
      int te = sessions(test, "walkForward.test");
      int st = step == null ? te : sessions(step, "walkForward.step");
      Checks.isTrue(st >= te, "Setting 'walkForward.step' (%sd) must be at least 'walkForward.test' (%sd), so that "
          + "test windows do not overlap", st, te);
      train = tr + "d";
      test = te + "d";
      step = st + "d";
      anchored = anchored != null && anchored;
      Checks.isTrue(warmupDays == null || warmupDays >= 0,
          "Setting 'walkForward.warmupDays' must not be negative but was %s", warmupDays);
      retrain = retrain == null || retrain.isBlank() ? null : retrain.strip();
    }

    /** Sessions per train window. */
    public int trainSessions() {
      return sessions(train, "walkForward.train");
    }

    /** Sessions per test window. */
    public int testSessions() {
      return sessions(test, "walkForward.test");
    }

    /** Sessions between consecutive windows. */
    public int stepSessions() {
      return sessions(step, "walkForward.step");
    }

    private static int sessions(String text, String setting) {
      Checks.isTrue(text != null && !text.isBlank(), "Setting '%s' is required: a number of trading sessions such "
          + "as 60d", setting);
      String t = text.strip().toLowerCase(Locale.ROOT);
      if (t.endsWith("d")) {
        t = t.substring(0, t.length() - 1).strip();
      }
      int n;
      try {
        n = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(String.format("Setting '%s' must be a number of trading sessions such as "
            + "60d (or 60) but was '%s'; weeks and months are not supported, count sessions instead", setting,
            text.strip()), e);
      }
      Checks.isTrue(n > 0, "Setting '%s' must be at least 1 session but was %s", setting, text.strip());
      return n;
    }
  }

  private static LocalDate date(String text, String setting) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(String.format("Setting '%s' must be a date such as 2024-01-02 but was '%s'",
          setting, text), e);
    }
  }
}
