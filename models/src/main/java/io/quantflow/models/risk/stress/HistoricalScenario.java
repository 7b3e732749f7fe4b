package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.time.LocalDate;
import java.util.Map;

/**
 * A scenario taken from history: the simple return of each symbol over one trading day or a window of days,
 * compounded ({@code prod(1 + r_t) - 1}), and the return of an index over the same days, through which a symbol
 * missing from the scenario is proxied ({@code beta * indexReturn}). Built by {@link HistoricalScenarios}.
 * Immutable and thread-safe.
 *
 * @param name e.g. {@code "2008-10-15"} or {@code "GFC 2008-09-01..2009-03-09"}
 * @param from first trading date whose daily return is included (New York trading date)
 * @param to last trading date whose daily return is included; {@code from} for a one-day scenario
 * @param indexSymbol the index proxying missing symbols, e.g. {@code SPY}
 * @param indexReturn the index's simple return over the scenario, a decimal ({@code -0.09} = a 9 percent fall)
 * @param returnBySymbol simple return per symbol over the scenario, decimals, each at least -1; may include the
 *     index; copied and sorted by symbol
 */
public record HistoricalScenario(String name, LocalDate from, LocalDate to, String indexSymbol, double indexReturn,
    Map<String, Double> returnBySymbol) {

  /** Checks the fields and copies the returns. */
  public HistoricalScenario {
    Checks.notBlank(name, "name");
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    Checks.isTrue(!to.isBefore(from), "Scenario %s ends (%s) before it starts (%s)", name, to, from);
    Checks.notBlank(indexSymbol, "indexSymbol");
    Checks.finite(indexReturn, "indexReturn");
    Checks.isTrue(indexReturn >= -1, "Argument 'indexReturn' is a simple return and must be at least -1 but was %s",
        indexReturn);
    returnBySymbol = Maps.returnsBySymbol(returnBySymbol, "returnBySymbol");
    Double listed = returnBySymbol.get(indexSymbol);
    Checks.isTrue(listed == null || listed == indexReturn,
        "Scenario %s lists the index %s with return %s but its indexReturn is %s", name, indexSymbol, listed,
        indexReturn);
  }

  /** The return of {@code symbol} in this scenario, or null when the scenario has none. */
  public Double returnOf(String symbol) {
    Double r = returnBySymbol.get(symbol);
    return r == null && symbol.equals(indexSymbol) ? Double.valueOf(indexReturn) : r;
  }
}
