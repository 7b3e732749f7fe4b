package io.quantflow.jobs.report;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Direction;

/**
 * One closed round-trip trade, as listed in the tearsheet. Prices and PnL in USD. Immutable and thread-safe.
 *
 * @param symbol the instrument, e.g. {@code AAPL}
 * @param direction {@link Direction#LONG} or {@link Direction#SHORT}; never flat
 * @param quantity size of the position in shares, positive whatever the direction
 * @param entryMicros time of the opening fill, UTC epoch microseconds
 * @param exitMicros time of the closing fill, UTC epoch microseconds, not before {@code entryMicros}
 * @param entryPrice average opening price, USD per share
 * @param exitPrice average closing price, USD per share
 * @param pnlUsd realised profit (negative for a loss) after costs, USD
 * @param returnFraction return on the entry notional as a decimal (0.05 = 5 percent), signed for the direction
 */
public record TradeRow(String symbol, Direction direction, double quantity, long entryMicros, long exitMicros,
    double entryPrice, double exitPrice, double pnlUsd, double returnFraction) {
  /** Checks each field; the exit must not come before the entry. */
  public TradeRow {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(direction, "direction");
    Checks.isTrue(direction != Direction.FLAT, "Argument 'direction' must be LONG or SHORT but was %s", direction);
    Checks.positive(quantity, "quantity");
    Checks.isTrue(exitMicros >= entryMicros,
        "Argument 'exitMicros' must not be before entryMicros (%s) but was %s", entryMicros, exitMicros);
    Checks.positive(entryPrice, "entryPrice");
    Checks.positive(exitPrice, "exitPrice");
    Checks.finite(pnlUsd, "pnlUsd");
    Checks.finite(returnFraction, "returnFraction");
  }
}
