package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import io.quantflow.models.costs.CostModel;

/**
 * Broker commission per fill, in the style of Interactive Brokers' fixed pricing:
 * {@code min(max(|shares| * perShareUsd, minimumUsd), maximumFractionOfNotional * |shares| * price)}. The maximum
 * is applied last, so a small trade pays at most that fraction of its value even when it is below the minimum.
 *
 * <p>The default for Alpaca is {@link #ZERO}: its US equity trading is commission-free. A per-share example is
 * {@link #ibkrFixed()}, {@code new Commission(0.005, 1.00, 0.01)}: USD 0.005 a share, at least USD 1.00, at most 1
 * percent of the trade value (IBKR's fixed schedule; exchange and clearing fees are included in it, the SEC fee
 * and FINRA TAF are not, so combine it with {@link RegulatoryFees}). The commission is charged per simulated fill,
 * so an order filled in several parts pays the minimum several times (pessimistic; IBKR applies it per order).
 * Amounts are not rounded. This class is immutable and thread-safe.
 *
 * @param perShareUsd USD per share, not negative
 * @param minimumUsd minimum per fill, USD, not negative
 * @param maximumFractionOfNotional cap as a decimal fraction of the fill's notional (0.01 = 1 percent), in [0, 1];
 *     use 1 for no practical cap
 */
public record Commission(double perShareUsd, double minimumUsd, double maximumFractionOfNotional)
    implements CostModel {
  /** No commission (Alpaca). */
  public static final Commission ZERO = new Commission(0, 0, 0);

  /** Checks the three parameters. */
  public Commission {
    Checks.notNegative(perShareUsd, "perShareUsd");
    Checks.notNegative(minimumUsd, "minimumUsd");
    Checks.inRange(maximumFractionOfNotional, 0, 1, "maximumFractionOfNotional");
  }

  /** Interactive Brokers' US fixed schedule: USD 0.005 a share, minimum USD 1.00, maximum 1 percent of value. */
  public static Commission ibkrFixed() {
    return new Commission(0.005, 1.00, 0.01);
  }

  /**
   * The commission for filling {@code quantity} shares (signed; buys and sells pay alike) at {@code price} USD.
   *
   * @return USD, not negative; zero for a zero quantity
   */
  @Override
  public double cost(String symbol, double quantity, double price) {
    double shares = Math.abs(quantity);
    if (shares == 0) {
      return 0;
    }
    double c = Math.max(shares * perShareUsd, minimumUsd);
    return Math.min(c, maximumFractionOfNotional * shares * price);
  }
}
