package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;

/**
 * One closed trade: the shares of one closing fill matched first-in, first-out against the open entry fills of the
 * same symbol (built by {@link TradeStatistics#of}). Prices and P&amp;L in USD. Immutable and thread-safe.
 *
 * @param symbol ticker
 * @param direction +1 for a long trade (bought, then sold), -1 for a short trade (sold, then bought back)
 * @param quantity matched shares, positive
 * @param entryMicros fill time of the earliest matched entry fill, UTC epoch microseconds
 * @param exitMicros fill time of the closing fill, UTC epoch microseconds
 * @param entryPrice share-weighted mean price of the matched entry shares, USD per share
 * @param exitPrice price of the closing fill, USD per share
 * @param pnl {@code direction * (exitPrice - entryPrice) * quantity} minus the commissions of the matched shares,
 *     each fill's commission charged pro rata to its shares, USD
 * @param returnFraction {@code pnl / (entryPrice * quantity)}, the return on the entry notional (0.01 = 1 percent)
 */
public record RoundTrip(String symbol, int direction, double quantity, long entryMicros, long exitMicros,
    double entryPrice, double exitPrice, double pnl, double returnFraction) {

  /** Checks the fields. */
  public RoundTrip {
    Checks.notBlank(symbol, "symbol");
    Checks.isTrue(direction == 1 || direction == -1, "Argument 'direction' must be +1 or -1 but was %s", direction);
    Checks.positive(quantity, "quantity");
    Checks.isTrue(exitMicros >= entryMicros, "Round trip in %s exits at %d before its entry at %d", symbol,
        exitMicros, entryMicros);
    Checks.positive(entryPrice, "entryPrice");
    Checks.positive(exitPrice, "exitPrice");
    Checks.finite(pnl, "pnl");
    Checks.finite(returnFraction, "returnFraction");
  }

  /** Time between entry and exit, microseconds. */
  public long holdingMicros() {
    return exitMicros - entryMicros;
  }
}
