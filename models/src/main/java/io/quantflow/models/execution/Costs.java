package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * The cost breakdown of one fill, each part in USD and not negative. Spread and impact are already contained in the
 * fill price (they are reported here to attribute the cost); commission and the two fees are charged on top of the
 * traded notional. This class is immutable and thread-safe.
 *
 * @param commission broker commission, USD
 * @param secFee SEC Section 31 fee (sells only), USD
 * @param taf FINRA trading activity fee (sells only), USD
 * @param spread half-spread paid through the price, USD
 * @param impact market impact paid through the price, USD
 */
public record Costs(double commission, double secFee, double taf, double spread, double impact)
    implements Serializable {
  /** No costs. */
  public static final Costs ZERO = new Costs(0, 0, 0, 0, 0);

  /** Checks that every part is finite and not negative. */
  public Costs {
    Checks.notNegative(commission, "commission");
    Checks.notNegative(secFee, "secFee");
    Checks.notNegative(taf, "taf");
    Checks.notNegative(spread, "spread");
    Checks.notNegative(impact, "impact");
  }

  /** Costs charged on top of the notional: commission + SEC fee + TAF, USD. */
  public double explicit() {
    return commission + secFee + taf;
  }

  /** Costs contained in the fill price: spread + impact, USD. */
  public double implicit() {
    return spread + impact;
  }

  /** Every cost, USD. */
  public double total() {
    return explicit() + implicit();
  }
}
