package io.quantflow.domain;

/**
 * The portfolio's value at one moment, marked at the last known close of each position. Amounts in USD.
 *
 * @param timestampMicros valuation time, UTC epoch microseconds
 * @param cash cash balance (negative when borrowing)
 * @param longValue market value of long positions, not negative
 * @param shortValue market value of short positions, not positive
 * @param equity cash + longValue + shortValue
 */
public record EquityPoint(long timestampMicros, double cash, double longValue, double shortValue, double equity) {

  /** Gross exposure as a fraction of equity: (long - short) / equity. */
  public double grossExposure() {
    return equity == 0 ? 0 : (longValue - shortValue) / equity;
  }

  /** Net exposure as a fraction of equity: (long + short) / equity. */
  public double netExposure() {
    return equity == 0 ? 0 : (longValue + shortValue) / equity;
  }
}
