package io.quantflow.models.risk.hedge;

import io.quantflow.domain.Checks;
import java.util.Map;

/**
 * The beta hedge of a book in an index instrument (e.g. the SPY ETF). With market values {@code v_i} (USD, negative =
 * short) and betas {@code beta_i} to the index, the book's beta exposure is {@code B = sum v_i beta_i} (USD of index
 * exposure) and the hedge is a position of {@code H = -B} USD in the index instrument, so that the hedged book has no
 * first-order index exposure. A negative {@code H} is a short. Shares are {@code H / price} rounded toward zero, so
 * the hedge never over-hedges. Immutable and thread-safe.
 *
 * @param betaExposureUsd {@code B = sum v_i beta_i}, USD
 * @param hedgeNotionalUsd {@code H = -B}, USD, the signed value to hold in the index instrument
 * @param hedgePrice price of one share of the index instrument, USD, positive
 * @param hedgeShares {@code H / price} rounded toward zero; negative = sell short
 * @param residualBetaExposureUsd {@code B + hedgeShares * price}, USD, the beta exposure left after the rounded
 *     hedge; its magnitude is below one share's price
 */
public record BetaHedge(double betaExposureUsd, double hedgeNotionalUsd, double hedgePrice, long hedgeShares,
    double residualBetaExposureUsd) {

  /** Checks the fields and that they are consistent. */
  public BetaHedge {
    Checks.finite(betaExposureUsd, "betaExposureUsd");
    Checks.finite(hedgeNotionalUsd, "hedgeNotionalUsd");
    Checks.positive(hedgePrice, "hedgePrice");
    Checks.finite(residualBetaExposureUsd, "residualBetaExposureUsd");
  }

  /**
   * The hedge notional {@code H = -sum v_i beta_i}, USD.
   *
   * @param valueBySymbol market value per symbol, USD, signed (negative = short)
   * @param betaBySymbol beta of each symbol to the index; every symbol of {@code valueBySymbol} needs one (1.0 for
   *     the index instrument itself)
   * @throws IllegalArgumentException if a value or beta is not finite or a symbol has no beta
   */
  public static double hedgeNotional(Map<String, Double> valueBySymbol, Map<String, Double> betaBySymbol) {
    Checks.notNull(valueBySymbol, "valueBySymbol");
    Checks.notNull(betaBySymbol, "betaBySymbol");
    double exposure = 0;
    for (Map.Entry<String, Double> e : valueBySymbol.entrySet()) {
      String symbol = Checks.notBlank(e.getKey(), "valueBySymbol key");
      double v = Checks.finite(Checks.notNull(e.getValue(), "valueBySymbol[" + symbol + "]"),
          "valueBySymbol[" + symbol + "]");
      Double beta = betaBySymbol.get(symbol);
      Checks.isTrue(beta != null, "Symbol %s has no beta; add it to betaBySymbol (Beta.estimate gives an OLS beta "
          + "from returns)", symbol);
      exposure += v * Checks.finite(beta, "betaBySymbol[" + symbol + "]");
    }
    // + 0.0 turns -0.0 (an empty or beta-neutral book) into 0.0
    return -exposure + 0.0;
  }

  /**
   * The beta hedge of a book in an index instrument trading at {@code hedgePrice}.
   *
   * @param valueBySymbol market value per symbol, USD, signed (negative = short)
   * @param betaBySymbol beta of each symbol to the index (see {@link #hedgeNotional})
   * @param hedgePrice price of one share of the index instrument, USD
   */
  public static BetaHedge of(Map<String, Double> valueBySymbol, Map<String, Double> betaBySymbol,
      double hedgePrice) {
    Checks.positive(hedgePrice, "hedgePrice");
    double h = hedgeNotional(valueBySymbol, betaBySymbol);
    long shares = (long) (h / hedgePrice); // the cast truncates toward zero
    return new BetaHedge(-h + 0.0, h, hedgePrice, shares, -h + shares * hedgePrice);
  }
}
