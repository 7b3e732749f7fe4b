package io.quantflow.models.costs;

import io.quantflow.domain.Checks;

/**
 * A proportional cost of {@code bps} basis points of traded notional (1 bp = 0.0001), covering commission,
 * half-spread and slippage in one number: {@code cost = |quantity| * price * bps / 10_000}.
 *
 * @param bps cost per unit notional in basis points, not negative
 */
public record BpsCostModel(double bps) implements CostModel {
  /** Checks {@code bps}. */
  public BpsCostModel {
    Checks.notNegative(bps, "bps");
  }

  @Override
  public double cost(String symbol, double quantity, double price) {
    return Math.abs(quantity) * price * bps / 10_000.0;
  }
}
