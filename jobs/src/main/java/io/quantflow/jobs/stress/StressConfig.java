package io.quantflow.jobs.stress;

import io.quantflow.connectors.stress.Delist;
import io.quantflow.connectors.stress.FlashCrash;
import io.quantflow.connectors.stress.GapDown;
import io.quantflow.connectors.stress.Halt;
import io.quantflow.connectors.stress.HistoricalPeriod;
import io.quantflow.connectors.stress.StressScenario;
import io.quantflow.connectors.stress.StressTransform;
import io.quantflow.connectors.stress.VolatilityMultiplier;
import io.quantflow.connectors.stress.VolumeMultiplier;
import io.quantflow.domain.Checks;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of {@code quant stress}, as written in YAML ({@code config/stress.yaml}, reference in
 * {@code docs/stress.md}): the backtest to stress, synthetic scenarios and historical periods. Every check names the
 * setting; {@link #load} adds the file and line.
 *
 * @param backtest the backtest configuration, as in {@code config/backtest.yaml}; default all defaults
 * @param scenarios synthetic scenarios, each a name and transforms; may be empty
 * @param periods historical date windows of the store; may be empty
 * @param keepStores keep each scenario's and period's store under {@code <output>/stores/} (default false: delete
 *     each after its run)
 */
public record StressConfig(JobConfig backtest, List<Scenario> scenarios, List<Period> periods, Boolean keepStores) {

  /** The name of the unmodified run. */
  public static final String BASELINE = "baseline";

  /**
   * Fills defaults. The checks run in {@link #check()} (called by {@link #load} and {@link StressJob}), not here: a
   * constructor that throws would hide a misspelt setting behind its own message while the YAML is read.
   */
  public StressConfig {
    backtest = backtest == null ? JobConfig.defaults() : backtest;
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    periods = periods == null ? List.of() : List.copyOf(periods);
    keepStores = keepStores != null && keepStores;
  }

  /**
   * Reads a stress configuration from YAML and checks it.
   *
   * @throws IllegalArgumentException naming the file, line and setting when the file is missing or invalid
   */
  public static StressConfig load(Path file) {
    StressConfig c = ConfigLoader.load(file, StressConfig.class);
    try {
      c.check();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + lineOf(file, e.getMessage()) + ": " + e.getMessage(), e);
    }
    return c;
  }

  /**
   * Checks every scenario, transform and period, that names are unique, and that there is something to compare.
   *
   * @throws IllegalArgumentException naming the scenario or period, the transform and the setting
   */
  public void check() {
    Checks.isTrue(!scenarios.isEmpty() || !periods.isEmpty(),
        "Settings 'scenarios' and 'periods' are both empty; give at least one scenario or period to compare with "
            + "the baseline");
    Set<String> names = new HashSet<>(Set.of(BASELINE));
    for (Scenario s : scenarios) {
      Checks.notNull(s, "scenarios[]");
      s.toScenario();
      Checks.isTrue(names.add(s.name()), "Scenario '%s': the name is used twice (or is 'baseline'); names must be "
          + "unique", s.name());
    }
    for (Period p : periods) {
      Checks.notNull(p, "periods[]");
      p.toPeriod();
      Checks.isTrue(names.add(p.name()), "Period '%s': the name is used twice (or is 'baseline', or a scenario's); "
          + "names must be unique", p.name());
    }
  }

  /** " line N" of the scenario or period a message names ({@code Scenario 'x'...}), or "" if not found. */
  private static String lineOf(Path file, String message) {
    Matcher m = Pattern.compile("^(?:Scenario|Period) '([^']*)'").matcher(message);
    if (!m.find()) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(file);
      Pattern name = Pattern.compile("name:\\s*['\"]?"
          + Pattern.quote(m.group(1)) + "['\"]?\\s*(,|}|#|$)");
      for (int i = 0; i < lines.size(); i++) {
        if (name.matcher(lines.get(i)).find()) {
          return " line " + (i + 1);
        }
      }
    } catch (IOException e) {
      // no line then
    }
    return "";
  }

  /** A copy with the backtest's parallelism replaced. */
  public StressConfig withParallelism(int parallelism) {
    return new StressConfig(backtest.withParallelism(parallelism), scenarios, periods, keepStores);
  }

  /** The synthetic scenarios, in file order. */
  public List<StressScenario> stressScenarios() {
    return scenarios.stream().map(Scenario::toScenario).toList();
  }

  /** The historical periods, in file order. */
  public List<HistoricalPeriod> historicalPeriods() {
    return periods.stream().map(Period::toPeriod).toList();
  }

  /**
   * One synthetic scenario.
   *
   * @param name names the scenario's folders and report row: letters, digits, {@code .}, {@code _}, {@code -}
   * @param transforms applied in order, at least one
   */
  public record Scenario(String name, List<Transform> transforms) {
    /** Fills defaults; {@link #toScenario()} checks. */
    public Scenario {
      transforms = transforms == null ? List.of() : List.copyOf(transforms);
    }

    /**
     * The scenario.
     *
     * @throws IllegalArgumentException naming the scenario, the transform and the setting
     */
    public StressScenario toScenario() {
      Checks.isTrue(name != null, "Scenario %s needs setting 'name'", transforms);
      Checks.isTrue(!transforms.isEmpty(), "Scenario '%s' has no 'transforms'; give at least one", name);
      List<StressTransform> built = new ArrayList<>();
      for (int i = 0; i < transforms.size(); i++) {
        Transform t = Checks.notNull(transforms.get(i), "transforms[]");
        try {
          built.add(t.toTransform());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "Scenario '%s', transform %d (%s): %s", name,
              i + 1, t.type(), e.getMessage()), e);
        }
      }
      try {
        return new StressScenario(name, built);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Scenario '" + name + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * One transform: {@code type} and that type's settings (others are refused). Instants ({@code at}, {@code from},
   * {@code to}) are ISO-8601 with an offset ({@code 2019-02-13T15:00:00Z}) or a date ({@code 2008-10-06}: midnight
   * UTC, which falls between US sessions, so it selects that date's session on).
   *
   * @param type {@code gapDown}, {@code volatilityMultiplier}, {@code volumeMultiplier}, {@code flashCrash},
   *     {@code halt} or {@code delist}
   * @param symbols gapDown, flashCrash: the symbols hit; omitted or empty for all
   * @param symbol halt, delist: the symbol
   * @param at gapDown, flashCrash, delist: the instant
   * @param from halt: start, inclusive
   * @param to halt: end, exclusive
   * @param fraction gapDown: size of the gap in (0, 1)
   * @param k volatilityMultiplier: the multiplier
   * @param factor volumeMultiplier: the multiplier
   * @param depth flashCrash: the fall at the trough in (0, 1)
   * @param downBars flashCrash: bars of the fall
   * @param upBars flashCrash: bars of the recovery
   * @param volumeSpike flashCrash: volume multiplier during the crash, default 5
   * @param gap halt: reopening gap below the last price, default 0 (negative: above)
   */
  public record Transform(String type, List<String> symbols, String symbol, String at, String from, String to,
      Double fraction, Double k, Double factor, Double depth, Integer downBars, Integer upBars, Double volumeSpike,
      Double gap) {

    private static final Map<String, List<String>> SETTINGS = new LinkedHashMap<>();

    static {
      SETTINGS.put("gapDown", List.of("symbols", "at", "fraction"));
      SETTINGS.put("volatilityMultiplier", List.of("k"));
      SETTINGS.put("volumeMultiplier", List.of("factor"));
      SETTINGS.put("flashCrash", List.of("symbols", "at", "depth", "downBars", "upBars", "volumeSpike"));
      SETTINGS.put("halt", List.of("symbol", "from", "to", "gap"));
      SETTINGS.put("delist", List.of("symbol", "at"));
    }

    /** Copies the symbols; {@link #toTransform()} checks. */
    public Transform {
      symbols = symbols == null ? null : List.copyOf(symbols);
    }

    /** The transform. */
    public StressTransform toTransform() {
      return toTransform(type, symbols, symbol, at, from, to, fraction, k, factor, depth, downBars, upBars,
          volumeSpike, gap);
    }

    private static StressTransform toTransform(String type, List<String> symbols, String symbol, String at,
        String from, String to, Double fraction, Double k, Double factor, Double depth, Integer downBars,
        Integer upBars, Double volumeSpike, Double gap) {
      Checks.isTrue(type != null && SETTINGS.containsKey(type), "Setting 'type' must be one of %s but was '%s'",
          SETTINGS.keySet(), type);
      Map<String, Object> given = new LinkedHashMap<>();
      given.put("symbols", symbols);
      given.put("symbol", symbol);
      given.put("at", at);
      given.put("from", from);
      given.put("to", to);
      given.put("fraction", fraction);
      given.put("k", k);
      given.put("factor", factor);
      given.put("depth", depth);
      given.put("downBars", downBars);
      given.put("upBars", upBars);
      given.put("volumeSpike", volumeSpike);
      given.put("gap", gap);
      List<String> allowed = SETTINGS.get(type);
      Set<String> foreign = new TreeSet<>();
      given.forEach((name, value) -> {
        if (value != null && !allowed.contains(name)) {
          foreign.add(name);
        }
      });
      Checks.isTrue(foreign.isEmpty(), "Setting%s %s do%s not apply to type %s, which takes %s",
          foreign.size() == 1 ? "" : "s", foreign, foreign.size() == 1 ? "es" : "", type, allowed);
      List<String> all = symbols == null ? List.of() : symbols;
      return switch (type) {
        case "gapDown" -> new GapDown(all, instant(require(at, type, "at"), "at"), require(fraction, type,
            "fraction"));
        case "volatilityMultiplier" -> new VolatilityMultiplier(require(k, type, "k"));
        case "volumeMultiplier" -> new VolumeMultiplier(require(factor, type, "factor"));
        case "flashCrash" -> new FlashCrash(all, instant(require(at, type, "at"), "at"), require(depth, type,
            "depth"), require(downBars, type, "downBars"), require(upBars, type, "upBars"),
            volumeSpike == null ? FlashCrash.DEFAULT_VOLUME_SPIKE : volumeSpike);
        case "halt" -> new Halt(require(symbol, type, "symbol"), instant(require(from, type, "from"), "from"),
            instant(require(to, type, "to"), "to"), gap == null ? 0.0 : gap);
        default -> new Delist(require(symbol, type, "symbol"), instant(require(at, type, "at"), "at"));
      };
    }

    private static <T> T require(T value, String type, String setting) {
      Checks.isTrue(value != null, "setting '%s' is missing (%s takes %s)", setting, type, SETTINGS.get(type));
      return value;
    }
  }

  /**
   * One historical period of the store.
   *
   * @param name names the period's folders and report row, like a scenario's
   * @param start first trading date, {@code YYYY-MM-DD}, inclusive
   * @param end last trading date, {@code YYYY-MM-DD}, inclusive
   */
  public record Period(String name, String start, String end) {
    /**
     * The period.
     *
     * @throws IllegalArgumentException naming the period and the setting
     */
    public HistoricalPeriod toPeriod() {
      try {
        return new HistoricalPeriod(name, date(start, "start"), date(end, "end"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Period '" + name + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Parses an instant: ISO-8601 with an offset, or a date meaning midnight UTC.
   *
   * @return UTC epoch microseconds
   */
  static long instant(String text, String setting) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
      }
      java.time.Instant i = OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
      return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "Setting '%s' must be an ISO-8601 instant with "
          + "an offset (2019-02-13T15:00:00Z) or a date (2008-10-06, midnight UTC) but was '%s'", setting, text), e);
    }
  }

  private static LocalDate date(String text, String setting) {
    Checks.isTrue(text != null, "setting '%s' is missing (a date YYYY-MM-DD)", setting);
    try {
      return LocalDate.parse(Objects.requireNonNull(text).trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Setting '" + setting + "' must be a date YYYY-MM-DD but was '" + text + "'",
          e);
    }
  }
}
