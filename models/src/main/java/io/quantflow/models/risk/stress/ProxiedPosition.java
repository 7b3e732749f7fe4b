package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;

/**
 * A position whose symbol had no return in a historical scenario, so its P&amp;L was proxied through its beta to
 * the scenario's index: {@code pnl = value * beta * indexReturn}. Immutable.
 *
 * @param symbol the position's symbol
 * @param value market value, USD, signed (negative = short)
 * @param beta the beta to the index used
 * @param indexReturn the index's simple return in the scenario, a decimal
 * @param pnl the proxied P&amp;L, USD (negative = loss)
 * @param reason why the position was proxied
 */
public record ProxiedPosition(String symbol, double value, double beta, double indexReturn, double pnl,
    String reason) {
  /** Checks the fields. */
  public ProxiedPosition {
    Checks.notBlank(symbol, "symbol");
    Checks.finite(value, "value");
    Checks.finite(beta, "beta");
    Checks.finite(indexReturn, "indexReturn");
    Checks.finite(pnl, "pnl");
    Checks.notBlank(reason, "reason");
  }
}
