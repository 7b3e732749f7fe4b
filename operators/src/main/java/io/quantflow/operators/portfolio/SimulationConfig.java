package io.quantflow.operators.portfolio;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * Settings of the portfolio simulation.
 *
 * @param initialCash starting cash, USD
 * @param universeSize number of symbols traded; each LONG signal targets {@code grossLeverage / universeSize} of
 *     equity
 * @param grossLeverage target gross exposure when every symbol is invested, as a fraction of equity (1.0 = fully
 *     invested, no leverage)
 * @param costBps proportional cost per fill in basis points of notional (commission, spread and slippage)
 */
public record SimulationConfig(double initialCash, int universeSize, double grossLeverage, double costBps)
    implements Serializable {

  /** Checks every field. */
  public SimulationConfig {
    Checks.positive(initialCash, "initialCash");
    Checks.positive(universeSize, "universeSize");
    Checks.positive(grossLeverage, "grossLeverage");
    Checks.notNegative(costBps, "costBps");
  }

  /** USD 1,000,000, fully invested at most, 1 bp per fill. */
  public static SimulationConfig defaults(int universeSize) {
    return new SimulationConfig(1_000_000, universeSize, 1.0, 1.0);
  }
}
