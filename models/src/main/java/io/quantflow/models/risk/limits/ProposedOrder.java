package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;

/**
 * An order to check before it is sent, as the signed change of the symbol's market value in USD: positive buys
 * (adds to a long or covers a short), negative sells (cuts a long or adds to a short). Immutable.
 *
 * @param symbol the symbol traded
 * @param valueChangeUsd signed change of the position's market value, USD, finite and not zero
 */
public record ProposedOrder(String symbol, double valueChangeUsd) {
  /** Checks the fields. */
  public ProposedOrder {
    Checks.notBlank(symbol, "symbol");
    Checks.finite(valueChangeUsd, "valueChangeUsd");
    Checks.isTrue(valueChangeUsd != 0, "Argument 'valueChangeUsd' of the order in %s must not be zero", symbol);
  }
}
