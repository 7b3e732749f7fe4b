package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code quant risk stress}: one entry per historical scenario and hypothetical shock, worst loss first.
 * P&amp;L is in USD (positive = gain) and as a signed fraction of equity; VaR is a positive loss fraction of equity
 * over one day. Absent (null) fields are left out of the JSON. Immutable.
 *
 * @param positionsSource where the book came from with {@code --positions}; null when the request gave it
 * @param equity the book's equity, USD
 * @param grossExposure {@code sum |v_i|}, USD
 * @param netExposure {@code sum v_i}, USD
 * @param historical where the historical scenarios came from: {@code bundled (<folder>)} or {@code prices}; null
 *     without historical replay
 * @param index the index of the historical panel ({@code EW} for the equal-weighted one); null without it
 * @param betas symbol to the beta used (given, or estimated on the historical panel)
 * @param estimatedBetas the symbols whose beta was estimated on the historical panel (OLS on its daily returns)
 * @param baseVar the book's parametric VaR with the unshocked covariance, a fraction of equity; null without a
 *     covariance
 * @param scenarios the results, sorted by loss ({@code lossUsd}) descending
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StressResponse(PositionsSource positionsSource, double equity, double grossExposure, double netExposure,
    String historical, String index, Map<String, Double> betas, List<String> estimatedBetas, Double baseVar,
    List<Scenario> scenarios) {

  /** This response with {@code source} as its {@code positionsSource}. */
  public StressResponse withPositionsSource(PositionsSource source) {
    return new StressResponse(source, equity, grossExposure, netExposure, historical, index, betas, estimatedBetas,
        baseVar, scenarios);
  }

  /**
   * The snapshot a book was read from ({@link PositionsBook}).
   *
   * @param path the file or folder given to {@code --positions}
   * @param timestamp the snapshot's instant, ISO-8601 UTC (the last valuation of its New York day)
   * @param date the snapshot's New York date
   * @param positions how many positions (rows at that timestamp)
   * @param equity where the equity came from: the equity table's path, {@code market_value / weight}, or
   *     {@code --input} when the snapshot has neither
   * @param assumedBetas the held symbols that got beta 1.0 to the index because neither the request nor the bundled
   *     sample gives one (only with the default scenarios); empty when none
   */
  public record PositionsSource(String path, String timestamp, String date, int positions, String equity,
      List<String> assumedBetas) {}

  /**
   * One scenario's outcome.
   *
   * @param name the scenario's name
   * @param kind {@code historical} or {@code hypothetical}
   * @param description what was applied
   * @param from historical: the first date whose return is included
   * @param to historical: the last date
   * @param indexReturn historical: the index's return over the scenario
   * @param pnl total P&amp;L, USD; null for a pure covariance shock
   * @param pnlFraction {@code pnl / equity}; null with {@code pnl}
   * @param lossUsd the loss that ranks the scenario: the larger of {@code -pnl} and the stressed VaR in USD
   * @param pnlBySymbol symbol to P&amp;L, USD
   * @param proxied positions a historical scenario had no return for, priced through their beta
   * @param var covariance shocks: the base and stressed parametric VaR
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Scenario(String name, String kind, String description, String from, String to, Double indexReturn,
      Double pnl, Double pnlFraction, double lossUsd, Map<String, Double> pnlBySymbol, List<Proxy> proxied,
      Var var) {}

  /**
   * A position priced through its beta: {@code pnl = value * beta * indexReturn}.
   *
   * @param symbol the symbol
   * @param value market value, USD
   * @param beta the beta used
   * @param indexReturn the index's return in the scenario
   * @param pnl the proxied P&amp;L, USD
   * @param reason why it was proxied
   */
  public record Proxy(String symbol, double value, double beta, double indexReturn, double pnl, String reason) {}

  /**
   * The zero-mean parametric VaR {@code z_c sqrt(w' S w)} before and after a covariance shock, fractions of equity
   * over the covariance's period (a day).
   *
   * @param confidence {@code c}
   * @param baseVar with the covariance as given
   * @param stressedVar with the shocked covariance
   * @param baseVarUsd {@code baseVar * equity}
   * @param stressedVarUsd {@code stressedVar * equity}
   * @param ratio {@code stressedVar / baseVar}; null when the base is 0
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Var(double confidence, double baseVar, double stressedVar, double baseVarUsd, double stressedVarUsd,
      Double ratio) {}
}
