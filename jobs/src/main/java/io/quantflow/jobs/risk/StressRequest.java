package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * The input of {@code quant risk stress} (see {@code docs/portfolio-and-risk.md} and
 * {@code docs/examples/stress.json}). Values are USD market values (negative = short), moves and returns decimals
 * (-0.10 = down 10 percent). Immutable.
 *
 * @param positions symbol to market value, USD, at least one
 * @param equity the book's equity (net liquidation value), USD, positive
 * @param betas symbol to beta to the index, for index shocks and for proxying symbols a historical scenario lacks;
 *     a position without one is estimated on the historical panel when it is there
 * @param covariance the daily return covariance for volatility and correlation shocks (see {@link MatrixInput})
 * @param symbols the row symbols of a {@code covariance} matrix
 * @param returns symbol to daily simple returns (all of the same length), to estimate the covariance instead
 * @param confidence the confidence of the parametric VaR of covariance shocks, in [0.5, 1), default 0.99
 * @param scenarios the hypothetical shocks
 * @param historical historical replay: {@code "bundled"} or an object (see {@link HistoricalSpec})
 */
public record StressRequest(Map<String, Double> positions, Double equity, Map<String, Double> betas,
    MatrixInput covariance, List<String> symbols, Map<String, double[]> returns, Double confidence,
    List<ShockSpec> scenarios, HistoricalSpec historical) {

  /**
   * A hypothetical shock, by {@code type}: {@code index}, {@code factor}, {@code volatility},
   * {@code correlations-to-one} or {@code combined}.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = ShockSpec.Index.class, name = "index"),
      @JsonSubTypes.Type(value = ShockSpec.Factor.class, name = "factor"),
      @JsonSubTypes.Type(value = ShockSpec.Volatility.class, name = "volatility"),
      @JsonSubTypes.Type(value = ShockSpec.CorrelationsToOne.class, name = "correlations-to-one"),
      @JsonSubTypes.Type(value = ShockSpec.Combined.class, name = "combined")})
  public sealed interface ShockSpec {
    /**
     * The index moves by {@code move}; each position follows through its beta.
     *
     * @param name the scenario's name, default {@code "index -10.00%"}
     * @param move the index's simple return, at least -1
     */
    record Index(String name, Double move) implements ShockSpec {}

    /**
     * A factor moves by {@code move}; each position's return is {@code loading * move}.
     *
     * @param name the factor's name, e.g. {@code rates}, required
     * @param move the factor's move in its unit (0.01 = +100 bp for a yield)
     * @param loadings symbol to return per unit move (a bond fund of duration 7: -7); others 0
     * @param label the scenario's name, default {@code "<name> +0.01"}
     */
    record Factor(String name, Double move, Map<String, Double> loadings, String label) implements ShockSpec {}

    /**
     * Every volatility times {@code multiplier}, correlations kept.
     *
     * @param name the scenario's name, default {@code "volatility x3"}
     * @param multiplier {@code k > 0}
     */
    record Volatility(String name, Double multiplier) implements ShockSpec {}

    /**
     * Every correlation set to one, volatilities kept.
     *
     * @param name the scenario's name, default {@code "correlations to one"}
     */
    record CorrelationsToOne(String name) implements ShockSpec {}

    /**
     * Several shocks at once: P&amp;L adds up, covariance shocks compose.
     *
     * @param name the scenario's name, default the parts' names joined with {@code " + "}
     * @param shocks the parts, at least one
     */
    record Combined(String name, List<ShockSpec> shocks) implements ShockSpec {}
  }

  /**
   * Historical replay. {@code "bundled"} is {@code {"source": "bundled"}}: the real daily crisis sample in
   * {@code data/sample/daily} (12 S&amp;P 500 stocks, windows in 1999-2002, 2007-09, 2010, 2011 and 2020) with its
   * equal-weighted index, the {@code worstDays} worst index days and the built-in crisis windows.
   *
   * @param source {@code bundled}, or null with {@code prices}
   * @param prices date ({@code yyyy-mm-dd}) to symbol to adjusted close, for a panel of your own
   * @param index the symbol of {@code prices} that proxies missing symbols and ranks the days; default an
   *     equal-weighted index of all symbols, named {@code EW}
   * @param worstDays how many worst index days to replay, default 5 (0 for none)
   * @param windows named days or windows to replay; default the built-in crisis windows for the bundled sample and
   *     none for {@code prices}
   */
  public record HistoricalSpec(String source, Map<String, Map<String, Double>> prices, String index,
      Integer worstDays, List<WindowSpec> windows) {

    /** {@code "bundled"}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static HistoricalSpec of(String text) {
      return new HistoricalSpec(text, null, null, null, null);
    }
  }

  /**
   * A named day or window: each symbol's daily returns of the dates in {@code [from, to]} compounded.
   *
   * @param name e.g. {@code "Lehman bankruptcy"}
   * @param from the first date whose return is included, {@code yyyy-mm-dd}
   * @param to the last date, default {@code from} (one day)
   */
  public record WindowSpec(String name, String from, String to) {}
}
