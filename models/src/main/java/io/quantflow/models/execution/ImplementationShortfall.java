package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Fill;
import java.util.List;

/**
 * Implementation shortfall of the filled part of an order against its arrival price (the price when the order was
 * decided), in basis points (1 bp = 0.0001); positive is a cost.
 *
 * <ul>
 *   <li>{@code priceBps = side * (averagePrice - arrivalPrice) / arrivalPrice * 10_000}, where averagePrice is the
 *       share-weighted mean fill price (spread and impact included);
 *   <li>{@code explicitCostBps = sum of fill commissions / (arrivalPrice * |filledShares|) * 10_000}, the
 *       explicit costs ({@link Fill#commission()}: commission and fees) in basis points of the arrival notional.
 * </ul>
 *
 * <p>Unfilled shares (opportunity cost) are not counted. This class is immutable and thread-safe.
 *
 * @param arrivalPrice reference price, USD
 * @param side +1 for a buy, -1 for a sell
 * @param filledShares signed shares filled
 * @param averagePrice share-weighted mean fill price, USD
 * @param priceBps shortfall of the fill prices, basis points, positive when worse than arrival
 * @param explicitCostBps explicit costs, basis points of the arrival notional
 */
public record ImplementationShortfall(double arrivalPrice, int side, double filledShares, double averagePrice,
    double priceBps, double explicitCostBps) {

  /** Total shortfall: {@code priceBps + explicitCostBps}, basis points. */
  public double totalBps() {
    return priceBps + explicitCostBps;
  }

  /** The shortfall of {@code fills}, each of them signed like {@code side}. */
  public static ImplementationShortfall of(double arrivalPrice, int side, Fill... fills) {
    Checks.notNull(fills, "fills");
    return of(arrivalPrice, side, List.of(fills));
  }

  /** The shortfall of {@code fills}, each of them signed like {@code side}. */
  public static ImplementationShortfall of(double arrivalPrice, int side, List<Fill> fills) {
    Checks.positive(arrivalPrice, "arrivalPrice");
    Checks.isTrue(side == 1 || side == -1, "Argument 'side' must be +1 or -1 but was %d", side);
    Checks.notNull(fills, "fills");
    Checks.isTrue(!fills.isEmpty(), "Argument 'fills' must not be empty");
    double shares = 0;
    double value = 0;
    double explicit = 0;
    for (Fill f : fills) {
      Checks.isTrue(Math.signum(f.quantity()) == side, "Fill of order %s has quantity %s against side %d",
          f.orderId(), f.quantity(), side);
      shares += f.quantity();
      value += f.quantity() * f.price();
      explicit += f.commission();
    }
    double average = value / shares;
    double priceBps = side * (average - arrivalPrice) / arrivalPrice * 10_000;
    double costBps = explicit / (arrivalPrice * Math.abs(shares)) * 10_000;
    return new ImplementationShortfall(arrivalPrice, side, shares, average, priceBps, costBps);
  }
}
