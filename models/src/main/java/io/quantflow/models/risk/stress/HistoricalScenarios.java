package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import io.quantflow.models.risk.hedge.Beta;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds {@link HistoricalScenario}s from a daily returns panel: {@code date -> symbol -> simple return} of that
 * trading day (close of the previous trading date to close of {@code date}, decimals). A symbol may be missing on
 * some dates (not yet listed, halted). Stateless and thread-safe.
 */
public final class HistoricalScenarios {
  private HistoricalScenarios() {}

  /**
   * The daily returns panel of adjusted closes: for consecutive dates {@code d' < d} of the map, the return of each
   * symbol priced on both is {@code P_d / P_d' - 1}, keyed by {@code d}. The first date has no returns, and a
   * symbol priced on {@code d} but not on {@code d'} has no return on {@code d}. Returns are taken between
   * consecutive dates of the map whatever the calendar gap: call this once per window when the history has holes.
   *
   * @param closesByDate {@code date -> symbol -> adjusted close} (split- and dividend-adjusted, any currency),
   *     prices positive and finite
   * @return the panel, sorted by date; dates without any return are left out
   */
  public static NavigableMap<LocalDate, Map<String, Double>> fromAdjustedCloses(
      Map<LocalDate, Map<String, Double>> closesByDate) {
    Checks.notNull(closesByDate, "closesByDate");
    TreeMap<LocalDate, Map<String, Double>> sorted = new TreeMap<>();
    closesByDate.forEach((date, row) -> {
      SortedMap<String, Double> prices = Maps.finiteBySymbol(row, "closesByDate[" + date + "]");
      prices.forEach((symbol, p) -> Checks.positive(p, "closesByDate[" + date + "][" + symbol + "]"));
      sorted.put(Checks.notNull(date, "closesByDate key"), prices);
    });
    TreeMap<LocalDate, Map<String, Double>> panel = new TreeMap<>();
    Map<String, Double> previous = null;
    for (Map.Entry<LocalDate, Map<String, Double>> e : sorted.entrySet()) {
      if (previous != null) {
        TreeMap<String, Double> returns = new TreeMap<>();
        for (Map.Entry<String, Double> p : e.getValue().entrySet()) {
          Double before = previous.get(p.getKey());
          if (before != null) {
            returns.put(p.getKey(), p.getValue() / before - 1);
          }
        }
        if (!returns.isEmpty()) {
          panel.put(e.getKey(), Collections.unmodifiableSortedMap(returns));
        }
      }
      previous = e.getValue();
    }
    return Collections.unmodifiableNavigableMap(panel);
  }

  /**
   * The panel with an equal-weighted, daily rebalanced index added under {@code indexSymbol}: on each date the
   * index return is the mean of the returns of the symbols that have one that day.
   *
   * @throws IllegalArgumentException if {@code indexSymbol} is already in the panel
   */
  public static NavigableMap<LocalDate, Map<String, Double>> withEqualWeightIndex(
      Map<LocalDate, Map<String, Double>> panel, String indexSymbol) {
    Checks.notBlank(indexSymbol, "indexSymbol");
    TreeMap<LocalDate, Map<String, Double>> out = new TreeMap<>();
    checked(panel).forEach((date, row) -> {
      Checks.isTrue(!row.containsKey(indexSymbol), "The panel already has %s on %s; pick another index name",
          indexSymbol, date);
      if (row.isEmpty()) {
        return;
      }
      TreeMap<String, Double> withIndex = new TreeMap<>(row);
      withIndex.put(indexSymbol, row.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
      out.put(date, Collections.unmodifiableSortedMap(withIndex));
    });
    return Collections.unmodifiableNavigableMap(out);
  }

  /**
   * The {@code count} worst days of the index among {@code dates}, worst first (ties by earlier date), each as a
   * one-day scenario named by its ISO date with every symbol's return of that day.
   *
   * @param panel daily returns panel, {@code date -> symbol -> simple return}
   * @param dates the trading dates to search; each must be in the panel with a return for the index
   * @param indexSymbol the index ranking the days and proxying missing symbols
   * @param count how many days, positive; fewer when {@code dates} has fewer
   */
  public static List<HistoricalScenario> worstDays(Map<LocalDate, Map<String, Double>> panel,
      Collection<LocalDate> dates, String indexSymbol, int count) {
    NavigableMap<LocalDate, Map<String, Double>> p = checked(panel);
    Checks.notNull(dates, "dates");
    Checks.notBlank(indexSymbol, "indexSymbol");
    Checks.positive(count, "count");
    List<HistoricalScenario> days = new ArrayList<>();
    for (LocalDate date : new TreeSet<>(dates)) {
      Map<String, Double> row = p.get(date);
      Checks.isTrue(row != null, "Date %s is not in the returns panel", date);
      Double index = row.get(indexSymbol);
      Checks.isTrue(index != null, "The index %s has no return on %s; build the index first (e.g. "
          + "withEqualWeightIndex) or leave the date out", indexSymbol, date);
      days.add(new HistoricalScenario(date.toString(), date, date, indexSymbol, index, row));
    }
    days.sort(Comparator.comparingDouble(HistoricalScenario::indexReturn)
        .thenComparing(HistoricalScenario::from));
    return List.copyOf(days.subList(0, Math.min(count, days.size())));
  }

  /** {@link #worstDays(Map, Collection, String, int)} over the panel's dates in {@code [from, to]}. */
  public static List<HistoricalScenario> worstDays(Map<LocalDate, Map<String, Double>> panel, LocalDate from,
      LocalDate to, String indexSymbol, int count) {
    NavigableMap<LocalDate, Map<String, Double>> p = checked(panel);
    return worstDays(p, range(p, from, to).keySet(), indexSymbol, count);
  }

  /**
   * A crisis window: each symbol's daily returns over the panel's dates in {@code [from, to]} compounded,
   * {@code prod(1 + r_t) - 1}. A symbol missing on any of those dates is left out of the scenario (a partial
   * compounded return would understate the move), so a replay proxies it through its beta and says so.
   *
   * @param panel daily returns panel
   * @param name the scenario's name, e.g. {@code "GFC"}
   * @param from first trading date included
   * @param to last trading date included
   * @param indexSymbol the index, which needs a return on every date of the window
   */
  public static HistoricalScenario window(Map<LocalDate, Map<String, Double>> panel, String name, LocalDate from,
      LocalDate to, String indexSymbol) {
    Checks.notBlank(name, "name");
    Checks.notBlank(indexSymbol, "indexSymbol");
    SortedMap<LocalDate, Map<String, Double>> days = range(checked(panel), from, to);
    Checks.isTrue(!days.isEmpty(), "The returns panel has no date in [%s, %s]", from, to);
    Map<String, Double> growth = new LinkedHashMap<>(days.get(days.firstKey()));
    growth.replaceAll((symbol, r) -> 1.0);
    for (Map.Entry<LocalDate, Map<String, Double>> day : days.entrySet()) {
      Checks.isTrue(day.getValue().containsKey(indexSymbol), "The index %s has no return on %s, inside window %s",
          indexSymbol, day.getKey(), name);
      growth.keySet().retainAll(day.getValue().keySet());
      growth.replaceAll((symbol, g) -> g * (1 + day.getValue().get(symbol)));
    }
    Map<String, Double> returns = new TreeMap<>();
    growth.forEach((symbol, g) -> returns.put(symbol, g - 1));
    return new HistoricalScenario(name, days.firstKey(), days.lastKey(), indexSymbol, returns.get(indexSymbol),
        returns);
  }

  /**
   * OLS betas to the index, each over the dates where both the symbol and the index have a return (see
   * {@link Beta#estimate}).
   *
   * @throws IllegalArgumentException if a symbol has fewer than 2 such dates or the index has zero variance on them
   */
  public static Map<String, Double> betas(Map<LocalDate, Map<String, Double>> panel, String indexSymbol,
      Collection<String> symbols) {
    NavigableMap<LocalDate, Map<String, Double>> p = checked(panel);
    Checks.notBlank(indexSymbol, "indexSymbol");
    Checks.notNull(symbols, "symbols");
    TreeMap<String, Double> betas = new TreeMap<>();
    for (String symbol : symbols) {
      Checks.notBlank(symbol, "symbols[]");
      List<double[]> pairs = new ArrayList<>();
      for (Map<String, Double> row : p.values()) {
        Double a = row.get(symbol);
        Double m = row.get(indexSymbol);
        if (a != null && m != null) {
          pairs.add(new double[] {a, m});
        }
      }
      Checks.isTrue(pairs.size() >= 2, "Symbol %s has %d dates with a return alongside the index %s; a beta needs "
          + "at least 2 (supply the beta instead)", symbol, pairs.size(), indexSymbol);
      double[] asset = pairs.stream().mapToDouble(x -> x[0]).toArray();
      double[] index = pairs.stream().mapToDouble(x -> x[1]).toArray();
      betas.put(symbol, Beta.estimate(asset, index));
    }
    return Collections.unmodifiableSortedMap(betas);
  }

  private static SortedMap<LocalDate, Map<String, Double>> range(NavigableMap<LocalDate, Map<String, Double>> p,
      LocalDate from, LocalDate to) {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    Checks.isTrue(!to.isBefore(from), "Argument 'to' (%s) is before 'from' (%s)", to, from);
    return p.subMap(from, true, to, true);
  }

  /** A sorted copy of the panel with every return checked (finite, at least -1). */
  private static NavigableMap<LocalDate, Map<String, Double>> checked(Map<LocalDate, Map<String, Double>> panel) {
    Checks.notNull(panel, "panel");
    TreeMap<LocalDate, Map<String, Double>> copy = new TreeMap<>();
    panel.forEach((date, row) -> copy.put(Checks.notNull(date, "panel key"),
        Maps.returnsBySymbol(row, "panel[" + date + "]")));
    return copy;
  }
}
