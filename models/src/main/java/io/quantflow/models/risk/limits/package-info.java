/**
 * Pre-trade risk limits on a book of USD market values, as fractions of equity: position, sector, gross, net and
 * concentration limits, a drawdown kill switch, order checks that accept, reject or resize, and limit usage for
 * monitoring.
 */
package io.quantflow.models.risk.limits;
