package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.util.Map;

/**
 * What a stress test needs besides the scenarios: the book, betas to the index (for index shocks and for proxying
 * symbols missing from a historical scenario), and a return covariance with a confidence for the parametric VaR of
 * covariance shocks. Immutable.
 *
 * @param exposures the book (USD values and equity)
 * @param betaBySymbol beta of each symbol to the index; may be empty when no index shock or proxy is needed (see
 *     {@link HistoricalScenarios#betas} to estimate them); copied
 * @param covariance covariance of the symbols' period returns; null when no covariance shock is run
 * @param confidence VaR confidence {@code c} in [0.5, 1), e.g. 0.99
 */
public record StressInputs(Exposures exposures, Map<String, Double> betaBySymbol, SymbolCovariance covariance,
    double confidence) {
  /** Checks the fields and copies the betas. */
  public StressInputs {
    Checks.notNull(exposures, "exposures");
    betaBySymbol = Maps.finiteBySymbol(betaBySymbol, "betaBySymbol");
    Checks.isTrue(confidence >= 0.5 && confidence < 1, "Argument 'confidence' must be in [0.5, 1) but was %s",
        confidence);
  }

  /** Inputs for P&amp;L shocks only: no covariance, confidence 0.99 (unused). */
  public static StressInputs of(Exposures exposures, Map<String, Double> betaBySymbol) {
    return new StressInputs(exposures, betaBySymbol, null, 0.99);
  }
}
