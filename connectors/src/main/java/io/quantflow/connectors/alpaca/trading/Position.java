package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;

/**
 * An open position ({@code GET /v2/positions}, protocol document §3.3). Shares and USD as {@link BigDecimal}.
 * Immutable.
 *
 * @param symbol ticker
 * @param qty shares, negative for a short
 * @param qtyAvailable shares not held by open orders (same sign as {@code qty})
 * @param side {@code long} or {@code short}
 * @param avgEntryPrice average entry price, USD per share
 * @param marketValue {@code qty * currentPrice} (negative for a short)
 * @param costBasis {@code qty * avgEntryPrice}
 * @param unrealizedPl {@code marketValue - costBasis}
 * @param currentPrice latest price, USD per share
 */
public record Position(String symbol, BigDecimal qty, BigDecimal qtyAvailable, String side, BigDecimal avgEntryPrice,
    BigDecimal marketValue, BigDecimal costBasis, BigDecimal unrealizedPl, BigDecimal currentPrice) {}
