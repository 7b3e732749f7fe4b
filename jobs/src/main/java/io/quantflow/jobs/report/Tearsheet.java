package io.quantflow.jobs.report;

import io.quantflow.domain.Checks;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Everything a backtest tearsheet shows: the input of {@link TearsheetWriter}. All series are aligned on
 * {@code timestampsMicros} (same length, index {@code i} is the same instant); {@code NaN} marks a gap (drawn as a
 * break in the line, never as zero).
 *
 * <p>Arrays are copied in and out, maps and lists are copied into unmodifiable ones, so this record is immutable and
 * thread-safe. Maps keep their iteration order when they have one ({@link LinkedHashMap}, {@link SortedMap}); other
 * maps (such as {@code Map.of}, whose order changes from one JVM run to the next) are sorted by key, so the same
 * content always gives the same report; the maps this record returns keep their order when passed in again. The same
 * holds for maps nested in {@code config}, and sets that have no order become sorted lists.
 *
 * @param runId identifier of the backtest run, shown in the header
 * @param title the report title, e.g. {@code "Momentum, 2024 Q1"}
 * @param strategyName the strategy's name
 * @param timestampsMicros valuation instants, UTC epoch microseconds, strictly increasing, at least one
 * @param equity portfolio equity, USD; rebased to 1.0 on its first finite value, which must be positive
 * @param benchmarkEquity benchmark value (USD, or any positive level), or {@code null} for no benchmark; rebased like
 *     {@code equity}
 * @param benchmarkSymbol the benchmark's name, e.g. {@code SPY}; required when {@code benchmarkEquity} is set
 * @param drawdown drawdown from the running peak of equity, decimals at most 0 (-0.05 = 5 percent below the peak)
 * @param rollingSharpe annualised Sharpe ratio over the trailing {@code rollingWindow} periods, NaN while warming up
 * @param rollingVolatility annualised volatility of simple returns over the trailing {@code rollingWindow} periods,
 *     decimals (0.20 = 20 percent), not negative, NaN while warming up
 * @param rollingWindow the number of periods of the rolling statistics
 * @param monthlyReturns simple return of each calendar month (New York dates), at most one per month, any order
 * @param grossExposure (long + |short|) market value as a fraction of equity (1.0 = 100 percent), not negative
 * @param netExposure (long - |short|) market value as a fraction of equity, negative when net short
 * @param trades closed round-trip trades, any order (the report sorts them by exit time)
 * @param metrics summary statistics in display order, key to number, string, boolean or null (the keys of
 *     {@code metrics.json}, e.g. {@code total_return}, {@code sharpe}); see {@link TearsheetWriter} for formatting
 * @param config the run's configuration, shown as JSON; values are maps, collections, strings, numbers, booleans or
 *     anything Jackson can serialise
 */
public record Tearsheet(String runId, String title, String strategyName, long[] timestampsMicros, double[] equity,
    double[] benchmarkEquity, String benchmarkSymbol, double[] drawdown, double[] rollingSharpe,
    double[] rollingVolatility, int rollingWindow, List<MonthlyReturn> monthlyReturns, double[] grossExposure,
    double[] netExposure, List<TradeRow> trades, Map<String, Object> metrics, Map<String, Object> config) {

  /** Checks lengths, ordering and value ranges, and copies every mutable argument. */
  public Tearsheet {
    Checks.notBlank(runId, "runId");
    Checks.notBlank(title, "title");
    Checks.notBlank(strategyName, "strategyName");
    Checks.notNull(timestampsMicros, "timestampsMicros");
    Checks.isTrue(timestampsMicros.length > 0, "Argument 'timestampsMicros' must not be empty");
    timestampsMicros = timestampsMicros.clone();
    for (int i = 1; i < timestampsMicros.length; i++) {
      Checks.isTrue(timestampsMicros[i] > timestampsMicros[i - 1],
          "Argument 'timestampsMicros' must be strictly increasing but was %s at index %s after %s",
          timestampsMicros[i], i, timestampsMicros[i - 1]);
    }
    int n = timestampsMicros.length;
    equity = series(equity, n, "equity");
    firstFinitePositive(equity, "equity");
    if (benchmarkEquity != null) {
      benchmarkEquity = series(benchmarkEquity, n, "benchmarkEquity");
      firstFinitePositive(benchmarkEquity, "benchmarkEquity");
      Checks.notBlank(benchmarkSymbol, "benchmarkSymbol");
    }
    drawdown = series(drawdown, n, "drawdown");
    for (int i = 0; i < n; i++) {
      Checks.isTrue(!(drawdown[i] > 0), "Argument 'drawdown' must be at most 0 but was %s at index %s",
          drawdown[i], i);
    }
    rollingSharpe = series(rollingSharpe, n, "rollingSharpe");
    rollingVolatility = series(rollingVolatility, n, "rollingVolatility");
    for (int i = 0; i < n; i++) {
      Checks.isTrue(!(rollingVolatility[i] < 0),
          "Argument 'rollingVolatility' must not be negative but was %s at index %s", rollingVolatility[i], i);
    }
    Checks.positive(rollingWindow, "rollingWindow");
    monthlyReturns = noNulls(monthlyReturns, "monthlyReturns");
    Set<Integer> months = new HashSet<>();
    for (MonthlyReturn m : monthlyReturns) {
      Checks.isTrue(months.add(m.year() * 100 + m.month()),
          "Argument 'monthlyReturns' must hold one return per month but has %s-%02d twice", m.year(), m.month());
    }
    grossExposure = series(grossExposure, n, "grossExposure");
    for (int i = 0; i < n; i++) {
      Checks.isTrue(!(grossExposure[i] < 0), "Argument 'grossExposure' must not be negative but was %s at index %s",
          grossExposure[i], i);
    }
    netExposure = series(netExposure, n, "netExposure");
    trades = noNulls(trades, "trades");
    Checks.notNull(metrics, "metrics");
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      Object v = e.getValue();
      Checks.notBlank(e.getKey(), "metrics key");
      Checks.isTrue(v == null || v instanceof Number || v instanceof String || v instanceof Boolean,
          "Argument 'metrics' must map to numbers, strings, booleans or null but '%s' maps to a %s", e.getKey(),
          v == null ? null : v.getClass().getName());
    }
    metrics = orderedCopy(metrics);
    config = orderedCopy(Checks.notNull(config, "config"));
  }

  /** A copy of the valuation instants, UTC epoch microseconds. */
  @Override
  public long[] timestampsMicros() {
    return timestampsMicros.clone();
  }

  /** A copy of the equity series, USD. */
  @Override
  public double[] equity() {
    return equity.clone();
  }

  /** A copy of the benchmark series, or {@code null} when there is no benchmark. */
  @Override
  public double[] benchmarkEquity() {
    return benchmarkEquity == null ? null : benchmarkEquity.clone();
  }

  /** A copy of the drawdown series, decimals at most 0. */
  @Override
  public double[] drawdown() {
    return drawdown.clone();
  }

  /** A copy of the rolling Sharpe series, annualised, NaN while warming up. */
  @Override
  public double[] rollingSharpe() {
    return rollingSharpe.clone();
  }

  /** A copy of the rolling volatility series, annualised decimals, NaN while warming up. */
  @Override
  public double[] rollingVolatility() {
    return rollingVolatility.clone();
  }

  /** A copy of the gross exposure series, fractions of equity. */
  @Override
  public double[] grossExposure() {
    return grossExposure.clone();
  }

  /** A copy of the net exposure series, fractions of equity. */
  @Override
  public double[] netExposure() {
    return netExposure.clone();
  }

  /** Whether a benchmark series is present. */
  public boolean hasBenchmark() {
    return benchmarkEquity != null;
  }

  /** Equal when every component is equal, arrays compared element by element. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Tearsheet t && runId.equals(t.runId) && title.equals(t.title)
        && strategyName.equals(t.strategyName) && Arrays.equals(timestampsMicros, t.timestampsMicros)
        && Arrays.equals(equity, t.equity) && Arrays.equals(benchmarkEquity, t.benchmarkEquity)
        && Objects.equals(benchmarkSymbol, t.benchmarkSymbol) && Arrays.equals(drawdown, t.drawdown)
        && Arrays.equals(rollingSharpe, t.rollingSharpe) && Arrays.equals(rollingVolatility, t.rollingVolatility)
        && rollingWindow == t.rollingWindow && monthlyReturns.equals(t.monthlyReturns)
        && Arrays.equals(grossExposure, t.grossExposure) && Arrays.equals(netExposure, t.netExposure)
        && trades.equals(t.trades) && metrics.equals(t.metrics) && config.equals(t.config);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(runId, title, strategyName, Arrays.hashCode(timestampsMicros), Arrays.hashCode(equity),
        Arrays.hashCode(benchmarkEquity), benchmarkSymbol, Arrays.hashCode(drawdown), Arrays.hashCode(rollingSharpe),
        Arrays.hashCode(rollingVolatility), rollingWindow, monthlyReturns, Arrays.hashCode(grossExposure),
        Arrays.hashCode(netExposure), trades, metrics, config);
  }

  /** A short summary (the series are too long to print). */
  @Override
  public String toString() {
    return "Tearsheet[runId=" + runId + ", title=" + title + ", strategyName=" + strategyName + ", points="
        + timestampsMicros.length + ", benchmark=" + (benchmarkEquity == null ? "none" : benchmarkSymbol)
        + ", months=" + monthlyReturns.size() + ", trades=" + trades.size() + ", metrics=" + metrics.keySet() + "]";
  }

  private static double[] series(double[] values, int n, String name) {
    Checks.notNull(values, name);
    Checks.isTrue(values.length == n, "Argument '%s' must have one value per timestamp (%s) but has %s", name, n,
        values.length);
    for (int i = 0; i < n; i++) {
      Checks.isTrue(!Double.isInfinite(values[i]),
          "Argument '%s' must hold finite values or NaN but was %s at index %s", name, values[i], i);
    }
    return values.clone();
  }

  private static void firstFinitePositive(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        Checks.isTrue(values[i] > 0, "Argument '%s' must start positive (it is rebased on its first value) but was "
            + "%s at index %s", name, values[i], i);
        return;
      }
    }
  }

  private static <T> List<T> noNulls(List<T> values, String name) {
    Checks.notNull(values, name);
    for (int i = 0; i < values.size(); i++) {
      Checks.isTrue(values.get(i) != null, "Argument '%s' must not hold null but does at index %s", name, i);
    }
    return List.copyOf(values);
  }

  /** A deep, unmodifiable copy with a deterministic iteration order (see the class comment). */
  private static Map<String, Object> orderedCopy(Map<?, ?> map) {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    if (!(map instanceof LinkedHashMap || map instanceof SortedMap || map instanceof OrderedMap)) {
      entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : entries) {
      copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
    }
    return new OrderedMap(copy);
  }

  /** An unmodifiable map in a fixed order; copying one keeps its order. */
  private static final class OrderedMap extends AbstractMap<String, Object> {
    private final Map<String, Object> view;

    OrderedMap(LinkedHashMap<String, Object> map) {
      this.view = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return view.entrySet();
    }

    @Override
    public Object get(Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return view.containsKey(key);
    }
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      return orderedCopy(m);
    }
    if (value instanceof Collection<?> c) {
      List<Object> items = new ArrayList<>();
      for (Object o : c) {
        items.add(deepCopy(o));
      }
      if (c instanceof Set && !(c instanceof SortedSet || c instanceof LinkedHashSet)) {
        items.sort(Comparator.comparing(String::valueOf));
      }
      return Collections.unmodifiableList(items);
    }
    return value;
  }
}
