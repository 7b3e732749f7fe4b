package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;

/**
 * The trading account ({@code GET /v2/account}, protocol document §3.2). Amounts USD as {@link BigDecimal}.
 * Immutable.
 *
 * @param id account id
 * @param accountNumber account number
 * @param status e.g. {@code ACTIVE}
 * @param currency {@code USD}
 * @param cash cash balance (negative when borrowing on margin)
 * @param equity cash plus long market value plus short market value (short values are negative)
 * @param lastEquity equity at the previous session close
 * @param buyingPower what new opening orders may use; Reg-T (multiplier 2): {@code max(equity - initialMargin, 0) * 2}
 *     minus what open orders reserve
 * @param regtBuyingPower Reg-T buying power
 * @param longMarketValue value of long positions
 * @param shortMarketValue value of short positions, zero or negative
 * @param initialMargin initial margin requirement
 * @param maintenanceMargin maintenance margin requirement
 * @param multiplier {@code 1} cash, {@code 2} Reg-T margin, {@code 4} pattern day trader
 * @param shortingEnabled whether sells beyond the position open shorts
 * @param patternDayTrader PDT flag
 * @param tradingBlocked whether trading is blocked
 * @param daytradeCount day trades in the last five sessions
 */
public record Account(String id, String accountNumber, String status, String currency, BigDecimal cash,
    BigDecimal equity, BigDecimal lastEquity, BigDecimal buyingPower, BigDecimal regtBuyingPower,
    BigDecimal longMarketValue, BigDecimal shortMarketValue, BigDecimal initialMargin, BigDecimal maintenanceMargin,
    BigDecimal multiplier, boolean shortingEnabled, boolean patternDayTrader, boolean tradingBlocked,
    int daytradeCount) {}
