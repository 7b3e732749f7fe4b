package io.quantflow.jobs.risk;

import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.risk.StressRequest.HistoricalSpec;
import io.quantflow.jobs.risk.StressRequest.ShockSpec;
import io.quantflow.jobs.risk.StressRequest.WindowSpec;
import io.quantflow.models.portfolio.SampleCovariance;
import io.quantflow.models.risk.stress.SymbolCovariance;
import io.quantflow.models.risk.stress.Exposures;
import io.quantflow.models.risk.stress.HistoricalScenario;
import io.quantflow.models.risk.stress.HistoricalScenarios;
import io.quantflow.models.risk.stress.HypotheticalShock;
import io.quantflow.models.risk.stress.ProxiedPosition;
import io.quantflow.models.risk.stress.StressInputs;
import io.quantflow.models.risk.stress.StressReport;
import io.quantflow.models.risk.stress.StressResult;
import io.quantflow.models.risk.stress.StressTest;
import io.quantflow.models.risk.stress.VarComparison;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code quant risk stress} without the command line: builds the historical scenarios (from the bundled daily
 * sample or inline prices) and the hypothetical shocks of a {@link StressRequest}, runs them on the book with
 * {@link StressTest} and returns a {@link StressResponse}, worst loss first. Every mistake in the request is a
 * {@link UserError} that names the field and the fix. Stateless and thread-safe.
 */
public final class StressCalculation {
  /** The name of the equal-weighted, daily rebalanced index built when no index is given. */
  public static final String EQUAL_WEIGHT_INDEX = "EW";
  /** How many worst index days are replayed by default. */
  public static final int DEFAULT_WORST_DAYS = 5;
  /** The default confidence of the VaR of covariance shocks. */
  public static final double DEFAULT_CONFIDENCE = 0.99;
  /**
   * Consecutive dates further apart than this many calendar days start a new segment of the panel, and no return
   * is taken across the gap (the bundled sample jumps from 2002-12-31 to 2007-06-01); the longest market closure
   * inside the sample, after 2001-09-10, is 7 days.
   */
  public static final int MAX_GAP_DAYS = 14;
  /**
   * The named scenarios replayed from the bundled sample by default. A window compounds the daily returns of its
   * dates, so a peak-to-trough window starts the trading day after the peak.
   */
  public static final List<WindowSpec> BUNDLED_WINDOWS = List.of(
      new WindowSpec("dot-com crash (S&P 500 peak 2000-03-24 to trough 2002-10-09)", "2000-03-27", "2002-10-09"),
      new WindowSpec("financial crisis (S&P 500 peak 2007-10-09 to trough 2009-03-09)", "2007-10-10", "2009-03-09"),
      new WindowSpec("Lehman bankruptcy 2008-09-15", "2008-09-15", null),
      new WindowSpec("flash crash 2010-05-06", "2010-05-06", null),
      new WindowSpec("US downgrade 2011-08-08", "2011-08-08", null),
      new WindowSpec("COVID crash (S&P 500 peak 2020-02-19 to trough 2020-03-23)", "2020-02-20", "2020-03-23"));

  /** The index move of the default scenarios of a book read from positions, a simple return. */
  public static final double DEFAULT_INDEX_MOVE = -0.10;
  /** The volatility multiplier of the default scenarios when the request has a covariance. */
  public static final double DEFAULT_VOLATILITY_MULTIPLIER = 3;

  private StressCalculation() {}

  /**
   * {@code request} (null for none) on a book read from positions ({@code quant risk stress --positions}): the
   * positions, and the equity when the snapshot gives it, come from {@code book}; the request supplies the rest.
   * A request with neither {@code scenarios} nor {@code historical} gets the defaults: {@code "historical":
   * "bundled"} and an index shock of {@link #DEFAULT_INDEX_MOVE}, plus, when it has a covariance ({@code covariance}
   * or {@code returns}), volatility x{@link #DEFAULT_VOLATILITY_MULTIPLIER} and correlations to one. With those
   * defaults, a position without a beta in the request whose symbol the bundled sample lacks (an ETF such as SPY or
   * QQQ, or a later listing) is given beta 1.0 to the sample's equal-weighted index, so a run's own book can be
   * stressed without an input file; the caller reports those symbols ({@code assumedBetas}).
   *
   * @param bundledSymbols the symbols of the bundled daily sample (empty when it is not there)
   * @param option the positions option's name in messages, e.g. {@code --positions}
   * @param inputName the request's label in messages, e.g. {@code --input stress.json}
   * @throws UserError when the request gives positions too, or equity that the snapshot already gives, or no equity
   *     when the snapshot has none
   */
  public static StressRequest onBook(StressRequest request, PositionsBook book, java.util.Set<String> bundledSymbols,
      String option, String inputName) {
    StressRequest r = request != null ? request
        : new StressRequest(null, null, null, null, null, null, null, null, null);
    if (r.positions() != null) {
      throw new UserError("Positions are given twice: by " + option + " " + book.path() + " and by 'positions' in "
          + inputName + "; drop one of them");
    }
    Double equity = book.equity();
    if (equity != null && r.equity() != null) {
      throw new UserError("Equity is given twice: " + option + " " + book.path() + " gives " + equity + " (from "
          + book.equitySource() + ") and " + inputName + " gives 'equity' " + r.equity() + "; drop 'equity'");
    }
    if (equity == null) {
      if (r.equity() == null) {
        throw new UserError(option + " " + book.path() + " gives no equity (no equity table at " + book.timestamp()
            + " and no weights): give 'equity' in USD in " + (request == null ? "a request, --input FILE.json"
            : inputName));
      }
      equity = r.equity();
    }
    List<ShockSpec> scenarios = r.scenarios();
    HistoricalSpec historical = r.historical();
    HistoricalSpec defaultHistorical = null;
    if ((scenarios == null || scenarios.isEmpty()) && historical == null) {
      historical = HistoricalSpec.of("bundled");
      defaultHistorical = historical;
      List<ShockSpec> defaults = new ArrayList<>();
      defaults.add(new ShockSpec.Index(null, DEFAULT_INDEX_MOVE));
      if (r.covariance() != null || r.returns() != null) {
        defaults.add(new ShockSpec.Volatility(null, DEFAULT_VOLATILITY_MULTIPLIER));
        defaults.add(new ShockSpec.CorrelationsToOne(null));
      }
      scenarios = defaults;
    }
    Map<String, Double> betas = r.betas();
    if (historical != null && historical == defaultHistorical) {
      betas = new java.util.TreeMap<>(r.betas() == null ? Map.of() : r.betas());
      for (String symbol : book.positions().keySet()) {
        if (!bundledSymbols.contains(symbol)) {
          betas.putIfAbsent(symbol, 1.0);
        }
      }
    }
    return new StressRequest(book.positions(), equity, betas, r.covariance(), r.symbols(), r.returns(),
        r.confidence(), scenarios, historical);
  }

  /**
   * Stresses the book of {@code request}.
   *
   * @param bundledDaily the folder of the bundled daily sample ({@code <QuantFlow home>/data/sample/daily}), read
   *     only for {@code "historical": "bundled"}
   * @throws UserError for missing or inconsistent inputs, e.g. a position that needs a beta and has none
   */
  public static StressResponse run(StressRequest request, Path bundledDaily) {
    if (request == null || request.positions() == null || request.positions().isEmpty()) {
      throw new UserError("'positions' is missing: give symbol to USD market value, e.g. \"positions\": {\"AAPL\": "
          + "50000, \"MSFT\": -20000} (negative = short)");
    }
    if (request.equity() == null) {
      throw new UserError("'equity' is missing: give the book's equity (net liquidation value) in USD");
    }
    if (request.historical() == null && (request.scenarios() == null || request.scenarios().isEmpty())) {
      throw new UserError("Nothing to stress: give 'scenarios' (hypothetical shocks) and/or 'historical' "
          + "(\"bundled\" or {\"prices\": ...})");
    }
    Exposures book;
    try {
      book = new Exposures(request.positions(), request.equity());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage().replace("Argument 'valueBySymbol", "'positions").replace("Argument "
          + "'equity'", "'equity'"));
    }
    Panel panel = request.historical() == null ? null : panel(request.historical(), bundledDaily);
    Map<String, Double> betas = new TreeMap<>(request.betas() == null ? Map.of() : request.betas());
    List<String> estimated = panel == null ? List.of() : estimateBetas(panel, book, betas);
    List<HistoricalScenario> historical = panel == null ? List.of() : scenarios(panel, request.historical());
    Set<String> names = new HashSet<>();
    Map<String, HistoricalScenario> byName = new HashMap<>();
    List<HistoricalScenario> replays = new ArrayList<>();
    for (HistoricalScenario s : historical) {
      String name = unique(s.name(), names);
      HistoricalScenario renamed = name.equals(s.name()) ? s
          : new HistoricalScenario(name, s.from(), s.to(), s.indexSymbol(), s.indexReturn(), s.returnBySymbol());
      checkProxies(renamed, book, betas);
      replays.add(renamed);
      byName.put(name, renamed);
    }
    SymbolCovariance covariance = covariance(request, panel, book);
    List<HypotheticalShock> shocks = new ArrayList<>();
    List<ShockSpec> specs = request.scenarios() == null ? List.of() : request.scenarios();
    for (int i = 0; i < specs.size(); i++) {
      HypotheticalShock shock = shock(specs.get(i), "scenarios[" + i + "]", book, betas, covariance, names);
      shocks.add(shock);
    }
    double confidence = request.confidence() == null ? DEFAULT_CONFIDENCE : request.confidence();
    StressReport report;
    Double baseVar = null;
    try {
      StressInputs inputs = new StressInputs(book, betas, covariance, confidence);
      report = StressTest.run(inputs, replays, shocks);
      if (covariance != null) {
        baseVar = StressTest.apply(new HypotheticalShock.Volatility("base", 1), inputs).var().baseVar();
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage().replace("Argument 'confidence'", "'confidence'"));
    }
    List<StressResponse.Scenario> out = new ArrayList<>();
    for (StressResult r : report.results()) {
      HistoricalScenario h = byName.get(r.name());
      List<StressResponse.Proxy> proxied = new ArrayList<>();
      for (ProxiedPosition p : r.proxied()) {
        proxied.add(new StressResponse.Proxy(p.symbol(), p.value(), p.beta(), p.indexReturn(), p.pnl(), p.reason()));
      }
      VarComparison v = r.var();
      out.add(new StressResponse.Scenario(r.name(), h != null ? "historical" : "hypothetical", r.description(),
          h == null ? null : h.from().toString(), h == null ? null : h.to().toString(),
          h == null ? null : h.indexReturn(), RiskJson.number(r.pnl()), RiskJson.number(r.pnlFraction()),
          r.lossUsd(), r.pnlBySymbol().isEmpty() ? null : r.pnlBySymbol(), proxied.isEmpty() ? null : proxied,
          v == null ? null : new StressResponse.Var(v.confidence(), v.baseVar(), v.stressedVar(), v.baseVarUsd(),
              v.stressedVarUsd(), RiskJson.number(v.ratio()))));
    }
    return new StressResponse(null, book.equity(), book.gross(), book.net(), panel == null ? null : panel.source,
        panel == null ? null : panel.index, betas.isEmpty() ? null : betas, estimated.isEmpty() ? null : estimated,
        baseVar, out);
  }

  /** A daily returns panel with its index. */
  private record Panel(NavigableMap<LocalDate, Map<String, Double>> returns, String index, String source,
      boolean bundled) {}

  private static Panel panel(HistoricalSpec spec, Path bundledDaily) {
    NavigableMap<LocalDate, Map<String, Double>> closes;
    String source;
    boolean bundled;
    if (spec.prices() != null) {
      if (spec.source() != null) {
        throw new UserError("'historical' has both 'source' and 'prices': use \"bundled\" or your own prices, not "
            + "both");
      }
      closes = parsePrices(spec.prices());
      source = "prices";
      bundled = false;
    } else if ("bundled".equals(spec.source())) {
      closes = BundledDaily.adjustedCloses(bundledDaily);
      source = "bundled (" + bundledDaily + ")";
      bundled = true;
    } else {
      throw new UserError("'historical' must be \"bundled\" (the real daily crisis sample in " + BundledDaily.FOLDER
          + ") or {\"prices\": {date: {symbol: adjusted close}}}, not " + (spec.source() == null ? "an object "
          + "without prices" : "\"" + spec.source() + "\""));
    }
    NavigableMap<LocalDate, Map<String, Double>> returns;
    try {
      returns = returnsPanel(closes);
    } catch (IllegalArgumentException e) {
      throw new UserError("'historical.prices': " + e.getMessage());
    }
    if (returns.isEmpty()) {
      throw new UserError("'historical' prices give no daily return: give at least two consecutive dates");
    }
    String index = spec.index();
    if (index == null) {
      index = EQUAL_WEIGHT_INDEX;
      returns = HistoricalScenarios.withEqualWeightIndex(returns, index);
    } else {
      String name = index;
      if (returns.values().stream().noneMatch(row -> row.containsKey(name))) {
        throw new UserError("'historical.index' " + index + " has no prices: name a symbol of the prices, or drop "
            + "it for an equal-weighted index of all symbols");
      }
    }
    return new Panel(returns, index, source, bundled);
  }

  private static NavigableMap<LocalDate, Map<String, Double>> parsePrices(Map<String, Map<String, Double>> prices) {
    TreeMap<LocalDate, Map<String, Double>> out = new TreeMap<>();
    prices.forEach((date, row) -> {
      try {
        out.put(LocalDate.parse(date), row == null ? Map.of() : row);
      } catch (DateTimeParseException e) {
        throw new UserError("'historical.prices' key '" + date + "' is not a date: write it yyyy-mm-dd");
      }
    });
    return out;
  }

  /**
   * The daily returns of adjusted closes ({@link HistoricalScenarios#fromAdjustedCloses}), taken segment by segment
   * so that no return spans a gap of more than {@link #MAX_GAP_DAYS} calendar days.
   */
  static NavigableMap<LocalDate, Map<String, Double>> returnsPanel(
      NavigableMap<LocalDate, Map<String, Double>> closes) {
    TreeMap<LocalDate, Map<String, Double>> panel = new TreeMap<>();
    TreeMap<LocalDate, Map<String, Double>> segment = new TreeMap<>();
    LocalDate previous = null;
    for (Map.Entry<LocalDate, Map<String, Double>> e : closes.entrySet()) {
      if (previous != null && ChronoUnit.DAYS.between(previous, e.getKey()) > MAX_GAP_DAYS) {
        panel.putAll(HistoricalScenarios.fromAdjustedCloses(segment));
        segment.clear();
      }
      segment.put(e.getKey(), e.getValue());
      previous = e.getKey();
    }
    panel.putAll(HistoricalScenarios.fromAdjustedCloses(segment));
    return panel;
  }

  /** Fills in the betas of held symbols that have none: 1 for the index, else OLS on the panel when it has them. */
  private static List<String> estimateBetas(Panel panel, Exposures book, Map<String, Double> betas) {
    Set<String> inPanel = new HashSet<>();
    panel.returns.values().forEach(row -> inPanel.addAll(row.keySet()));
    List<String> missing = new ArrayList<>();
    for (String symbol : book.valueBySymbol().keySet()) {
      if (!betas.containsKey(symbol)) {
        if (symbol.equals(panel.index)) {
          betas.put(symbol, 1.0);
        } else if (inPanel.contains(symbol)) {
          missing.add(symbol);
        }
      }
    }
    try {
      betas.putAll(HistoricalScenarios.betas(panel.returns, panel.index, missing));
    } catch (IllegalArgumentException e) {
      throw new UserError("Estimating betas on the historical panel: " + e.getMessage() + "; or give them in "
          + "'betas'");
    }
    return missing;
  }

  private static List<HistoricalScenario> scenarios(Panel panel, HistoricalSpec spec) {
    int count = spec.worstDays() == null ? DEFAULT_WORST_DAYS : spec.worstDays();
    if (count < 0) {
      throw new UserError("'historical.worstDays' must be 0 or more but is " + count);
    }
    List<WindowSpec> windows = spec.windows() != null ? spec.windows() : panel.bundled ? BUNDLED_WINDOWS : List.of();
    List<HistoricalScenario> named = new ArrayList<>();
    Set<LocalDate> namedDays = new TreeSet<>();
    for (int i = 0; i < windows.size(); i++) {
      WindowSpec w = windows.get(i);
      String where = "'historical.windows[" + i + "]'";
      if (w == null || w.name() == null || w.name().isBlank() || w.from() == null) {
        throw new UserError(where + " needs a 'name' and a 'from' date (and 'to' for a window of several days)");
      }
      LocalDate from = date(w.from(), where + ".from");
      LocalDate to = w.to() == null ? from : date(w.to(), where + ".to");
      try {
        HistoricalScenario s = HistoricalScenarios.window(panel.returns, w.name(), from, to, panel.index);
        named.add(s);
        if (s.from().equals(s.to())) {
          namedDays.add(s.from());
        }
      } catch (IllegalArgumentException e) {
        throw new UserError(where + " (" + w.name() + "): " + e.getMessage() + "; the panel covers "
            + coverage(panel.returns));
      }
    }
    List<HistoricalScenario> out = new ArrayList<>();
    if (count > 0) {
      List<LocalDate> dates = new ArrayList<>();
      panel.returns.forEach((date, row) -> {
        if (row.containsKey(panel.index)) {
          dates.add(date);
        }
      });
      for (HistoricalScenario s : HistoricalScenarios.worstDays(panel.returns, dates, panel.index, count)) {
        if (!namedDays.contains(s.from())) {
          out.add(new HistoricalScenario("worst day " + s.name(), s.from(), s.to(), s.indexSymbol(), s.indexReturn(),
              s.returnBySymbol()));
        }
      }
    }
    out.addAll(named);
    return out;
  }

  private static String coverage(NavigableMap<LocalDate, Map<String, Double>> returns) {
    List<String> segments = new ArrayList<>();
    LocalDate start = null;
    LocalDate previous = null;
    for (LocalDate d : returns.keySet()) {
      if (previous != null && ChronoUnit.DAYS.between(previous, d) > MAX_GAP_DAYS) {
        segments.add(start + ".." + previous);
        start = null;
      }
      if (start == null) {
        start = d;
      }
      previous = d;
    }
    if (start != null) {
      segments.add(start + ".." + previous);
    }
    return String.join(", ", segments);
  }

  private static LocalDate date(String text, String where) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserError(where + " '" + text + "' is not a date: write it yyyy-mm-dd");
    }
  }

  private static void checkProxies(HistoricalScenario s, Exposures book, Map<String, Double> betas) {
    for (String symbol : book.valueBySymbol().keySet()) {
      if (s.returnOf(symbol) == null && !betas.containsKey(symbol)) {
        throw new UserError(String.format("Position %s has no return in historical scenario '%s' and no beta to "
            + "proxy it through the index %s: add \"%s\": <beta> to 'betas'", symbol, s.name(), s.indexSymbol(),
            symbol));
      }
    }
  }

  private static SymbolCovariance covariance(StressRequest r, Panel panel, Exposures book) {
    if (r.covariance() != null && r.returns() != null) {
      throw new UserError("Give either 'covariance' or 'returns' (to estimate it), not both");
    }
    if (r.symbols() != null && (r.covariance() == null || r.covariance().rows() == null)) {
      throw new UserError("'symbols' names the rows of a 'covariance' matrix: drop it, or give the matrix");
    }
    List<String> held = new ArrayList<>();
    book.valueBySymbol().forEach((symbol, v) -> {
      if (v != 0) {
        held.add(symbol);
      }
    });
    try {
      if (r.returns() != null) {
        List<String> symbols = new ArrayList<>(r.returns().keySet());
        double[][] x = r.returns().values().toArray(new double[0][]);
        return new SymbolCovariance(symbols, SampleCovariance.estimate(x));
      }
      if (r.covariance() == null) {
        return null;
      }
      String keyword = r.covariance().keyword();
      if (keyword != null) {
        if (!keyword.equals("historical") || panel == null) {
          throw new UserError("'covariance' is \"" + keyword + "\": give a matrix (with 'symbols'), an object of "
              + "objects keyed by symbol, or \"historical\" together with 'historical' to estimate it there");
        }
        Set<String> inPanel = new HashSet<>();
        panel.returns.values().forEach(row -> inPanel.addAll(row.keySet()));
        List<String> outside = held.stream().filter(symbol -> !inPanel.contains(symbol)).toList();
        if (!outside.isEmpty()) {
          throw new UserError("\"covariance\": \"historical\" estimates the covariance on the historical panel, which "
              + "has no returns for " + outside + ": give 'covariance' or 'returns' covering every position instead");
        }
        return SymbolCovariance.sample(panel.returns, held);
      }
      return r.covariance().resolve(r.symbols());
    } catch (IllegalArgumentException e) {
      throw new UserError("'" + (r.returns() != null ? "returns" : "covariance") + "': " + e.getMessage());
    }
  }

  private static HypotheticalShock shock(ShockSpec spec, String where, Exposures book, Map<String, Double> betas,
      SymbolCovariance covariance, Set<String> names) {
    if (spec == null) {
      throw new UserError(where + " is null: give {\"type\": \"index\", \"move\": -0.10} or another shock");
    }
    try {
      if (spec instanceof ShockSpec.Index s) {
        double move = required(s.move(), where + ".move", "the index's simple return, e.g. -0.10");
        for (String symbol : book.valueBySymbol().keySet()) {
          if (!betas.containsKey(symbol)) {
            throw new UserError(String.format("%s (index shock): position %s has no beta: add it to 'betas' (1.0 "
                + "for the index itself), or give 'historical' to estimate it there", where, symbol));
          }
        }
        return new HypotheticalShock.Index(name(s.name(), String.format(Locale.ROOT, "index %+.2f%%", 100 * move),
            names), move);
      }
      if (spec instanceof ShockSpec.Factor s) {
        if (s.name() == null || s.name().isBlank()) {
          throw new UserError(where + " (factor shock) needs 'name', the factor's name, e.g. \"rates\"");
        }
        double move = required(s.move(), where + ".move", "the factor's move, e.g. 0.01 for +100 bp");
        if (s.loadings() == null) {
          throw new UserError(where + " (factor shock) needs 'loadings': symbol to return per unit move");
        }
        return new HypotheticalShock.Factor(name(s.label(), String.format(Locale.ROOT, "%s %+.4f", s.name(), move),
            names), s.name(), move, s.loadings());
      }
      if (spec instanceof ShockSpec.Volatility s) {
        double k = required(s.multiplier(), where + ".multiplier", "the volatility multiplier, e.g. 3");
        needCovariance(covariance, where + " (volatility shock)");
        return new HypotheticalShock.Volatility(name(s.name(), "volatility x" + trim(k), names), k);
      }
      if (spec instanceof ShockSpec.CorrelationsToOne s) {
        needCovariance(covariance, where + " (correlations-to-one shock)");
        return new HypotheticalShock.CorrelationsToOne(name(s.name(), "correlations to one", names));
      }
      ShockSpec.Combined s = (ShockSpec.Combined) spec;
      if (s.shocks() == null || s.shocks().isEmpty()) {
        throw new UserError(where + " (combined shock) needs 'shocks', a list of at least one shock");
      }
      List<HypotheticalShock> parts = new ArrayList<>();
      Set<String> partNames = new HashSet<>();
      for (int i = 0; i < s.shocks().size(); i++) {
        parts.add(shock(s.shocks().get(i), where + ".shocks[" + i + "]", book, betas, covariance, partNames));
      }
      String joined = String.join(" + ", parts.stream().map(HypotheticalShock::name).toList());
      return new HypotheticalShock.Combined(name(s.name(), joined, names), parts);
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": " + e.getMessage());
    }
  }

  private static double required(Double value, String field, String what) {
    if (value == null) {
      throw new UserError("'" + field + "' is missing: " + what);
    }
    return value;
  }

  private static void needCovariance(SymbolCovariance covariance, String where) {
    if (covariance == null) {
      throw new UserError(where + " needs a covariance of daily returns: give 'covariance' (an object of objects "
          + "keyed by symbol, or a matrix with 'symbols'), 'returns' (symbol to daily returns), or \"covariance\": "
          + "\"historical\" with 'historical'");
    }
  }

  private static String name(String given, String fallback, Set<String> names) {
    return unique(given == null || given.isBlank() ? fallback : given, names);
  }

  /** {@code name}, or {@code name (2)}, {@code name (3)}, ... when it is taken; records the name as taken. */
  private static String unique(String name, Set<String> names) {
    String n = name;
    for (int k = 2; !names.add(n); k++) {
      n = name + " (" + k + ")";
    }
    return n;
  }

  private static String trim(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }
}
