package io.quantflow.models.execution;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Order;
import io.quantflow.domain.Order.OrderType;
import io.quantflow.domain.Order.TimeInForce;

/**
 * Fills orders against OHLCV bars, erring on the pessimistic side where a bar cannot tell what happened. The rules
 * (the reference is {@code docs/backtesting.md}, "Fills and costs"):
 *
 * <ul>
 *   <li><b>Eligibility.</b> An order can fill only in a bar with {@code timestampMicros >= submittedAtMicros +
 *       latencyMicros}. Orders are submitted at or after the close of the decision bar, so they never fill in it.
 *       Latency is a duration, not a number of bars; because a bar fills at its open, any latency above zero
 *       moves the first fill one bar later.
 *   <li><b>No trading.</b> A bar with zero volume or a price that is not finite and positive (a halt) fills
 *       nothing; the order keeps working (an IOC order is cancelled).
 *   <li><b>Market.</b> At the open, moved against the side by the half-spread ({@link SpreadCost}) and the impact
 *       ({@link SquareRootImpact}): a buy pays {@code open * (1 + h + i)}, a sell receives
 *       {@code open * (1 - h - i)}.
 *   <li><b>Limit</b> (buy; sells mirrored). If {@code open <= limit} it fills at the open like a market order, but
 *       never above the limit. Otherwise it fills at the limit only if {@code low < limit}; a touch
 *       ({@code low == limit}) does not fill, because the queue ahead of the order may have taken all the volume
 *       at that price. A fill at the limit carries no spread or impact.
 *   <li><b>Stop</b> (buy; sells mirrored). Triggers when {@code high >= stop} and fills like a market order from
 *       {@code max(open, stop)}: a gap through the stop fills at the worse open.
 *   <li><b>Stop-limit.</b> Triggers like a stop, then is a limit order in the same bar from the trigger price
 *       {@code max(open, stop)} (buy). When the trigger price is beyond the limit, it fills at the limit only if
 *       the bar opened through the stop (so the whole range came after the trigger) and crossed the limit;
 *       otherwise it works as a limit order from the next bar.
 *   <li><b>Participation.</b> At most {@code floor(participation * volume)} whole shares per bar; the rest keeps
 *       working (an IOC order's rest is cancelled). A cap that rounds to zero fills nothing.
 *   <li><b>Costs.</b> Spread and impact are in the price; impact is computed on the shares of this fill.
 *       {@link Commission} and {@link RegulatoryFees} are computed on the final price and returned in
 *       {@link Costs}, to be paid on top of the notional.
 * </ul>
 *
 * <p>The model is stateless; the caller keeps the rest of each order and its triggered form (see
 * {@link FillModel}). DAY expiry needs the exchange calendar: {@link FillModel#isExpired}. This class is immutable
 * and thread-safe.
 *
 * @param latencyMicros delay between submission and the first bar that may fill, microseconds, not negative
 * @param participation largest fraction of a bar's volume one order may take, in (0, 1]
 * @param commission broker commission
 * @param fees SEC and FINRA fees on sells
 * @param spread half-spread model
 * @param impact market impact model
 */
public record BarFillModel(long latencyMicros, double participation, Commission commission, RegulatoryFees fees,
    SpreadCost spread, SquareRootImpact impact) implements FillModel {

  /** Default participation: 10 percent of a bar's volume. */
  public static final double DEFAULT_PARTICIPATION = 0.1;

  // floor(0.29 * 100) would be 28 without it: 0.29 * 100 = 28.999999999999996
  private static final double SHARE_ROUNDING_TOLERANCE = 1e-9;

  /** Checks the parameters. */
  public BarFillModel {
    Checks.isTrue(latencyMicros >= 0, "Argument 'latencyMicros' must not be negative but was %d", latencyMicros);
    Checks.isTrue(participation > 0 && participation <= 1,
        "Argument 'participation' must be in (0, 1] but was %s", participation);
    Checks.notNull(commission, "commission");
    Checks.notNull(fees, "fees");
    Checks.notNull(spread, "spread");
    Checks.notNull(impact, "impact");
  }

  /**
   * The pessimistic defaults: no latency, 10 percent participation, no commission (Alpaca), 2024 SEC and FINRA
   * fees, {@link SpreadCost#defaults()}, {@link SquareRootImpact#defaults()}.
   */
  public static BarFillModel defaults() {
    return new BarFillModel(0, DEFAULT_PARTICIPATION, Commission.ZERO, RegulatoryFees.us2024(),
        SpreadCost.defaults(), SquareRootImpact.defaults());
  }

  /**
   * Fills at the open of the first eligible bar with no latency, spread, impact, fees or commission, and no volume
   * cap beyond the bar's own volume: for checks against hand calculations, not for results.
   */
  public static BarFillModel frictionless() {
    return new BarFillModel(0, 1.0, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE, SquareRootImpact.NONE);
  }

  @Override
  public Result fill(Order order, BarView bar, double remainingShares, MarketContext market) {
    Checks.notNull(order, "order");
    Checks.notNull(bar, "bar");
    Checks.notNull(market, "market");
    Checks.isTrue(order.symbol().equals(bar.symbol()), "Order %s is for %s but the bar is for %s",
        order.clientOrderId(), order.symbol(), bar.symbol());
    Checks.isTrue(Double.isFinite(remainingShares) && remainingShares != 0
            && Math.signum(remainingShares) == order.side()
            && Math.abs(remainingShares) <= Math.abs(order.quantity()),
        "Argument 'remainingShares' must be non-zero, signed like the quantity %s and not larger but was %s",
        order.quantity(), remainingShares);

    if (bar.timestampMicros() < order.submittedAtMicros() + latencyMicros) {
      return Result.none("not eligible: the bar starts before submission plus latency", true, false);
    }
    // from here on the bar is eligible, and an IOC order gets no other chance
    boolean keepWorking = order.timeInForce() != TimeInForce.IOC;
    if (!isTrading(bar)) {
      return Result.none("no trading in the bar (zero volume or no prices)", keepWorking, false);
    }
    Price p = price(order, bar);
    if (p.reason != null) {
      return Result.none(p.reason, keepWorking, p.triggered);
    }
    double cap = Math.floor(participation * bar.volume() + SHARE_ROUNDING_TOLERANCE);
    double size = Math.min(Math.abs(remainingShares), cap);
    if (size == 0) {
      return Result.none("participation cap rounds to zero shares", keepWorking, p.triggered);
    }
    double shares = order.side() * size;
    double h = p.marketable ? spread.halfSpreadFraction(bar) : 0;
    double i = p.marketable ? impact.fraction(size, market) : 0;
    double price = p.reference * (1 + order.side() * (h + i));
    if (!Double.isNaN(p.limit)) {
      price = order.side() > 0 ? Math.min(price, p.limit) : Math.max(price, p.limit);
    }
    // a limit may cap the adjustment; attribute what is left to spread and impact in proportion
    double paid = size * Math.abs(price - p.reference);
    double spreadUsd = h + i > 0 ? paid * h / (h + i) : 0;
    double impactUsd = h + i > 0 ? paid * i / (h + i) : 0;
    Costs costs = new Costs(commission.cost(order.symbol(), shares, price), fees.secFee(shares, price),
        fees.taf(shares), spreadUsd, impactUsd);
    boolean rest = size < Math.abs(remainingShares);
    String reason = p.fillReason + (rest ? "; partial: participation cap " + (long) cap + " shares" : "");
    return new Result(shares, price, costs, p.triggered, rest && keepWorking, reason);
  }

  private static boolean isTrading(BarView bar) {
    return bar.volume() > 0 && positive(bar.open()) && positive(bar.high()) && positive(bar.low())
        && positive(bar.close());
  }

  private static boolean positive(double x) {
    return x > 0 && Double.isFinite(x);
  }

  /**
   * The price outcome of one bar: either a reason for not filling, or a reference price (before spread and impact),
   * whether it is marketable (pays spread and impact) and the limit that caps it.
   */
  private record Price(String reason, boolean triggered, double reference, boolean marketable, double limit,
      String fillReason) {
    static Price none(String reason, boolean triggered) {
      return new Price(reason, triggered, Double.NaN, false, Double.NaN, null);
    }
  }

  private static Price price(Order order, BarView bar) {
    int side = order.side();
    return switch (order.type()) {
      case MARKET -> new Price(null, false, bar.open(), true, Double.NaN, "market: at the open");
      case LIMIT -> limit(side, order.limitPrice(), bar.open(), true, bar, false, "limit");
      case STOP, STOP_LIMIT -> {
        double stop = order.stopPrice();
        boolean triggered = side > 0 ? bar.high() >= stop : bar.low() <= stop;
        if (!triggered) {
          yield Price.none("stop not triggered", false);
        }
        boolean gapped = side > 0 ? bar.open() >= stop : bar.open() <= stop;
        double from = gapped ? bar.open() : stop;
        if (order.type() == OrderType.STOP) {
          yield new Price(null, true, from, true, Double.NaN,
              gapped ? "stop: gapped through the stop, at the open" : "stop: triggered, at the stop");
        }
        yield limit(side, order.limitPrice(), from, gapped, bar, true, "stop-limit");
      }
    };
  }

  /**
   * A limit order from price {@code from}: marketable when {@code from} is at or inside the limit, else filled at
   * the limit when the bar's range after {@code from} crossed it (known only when {@code wholeBarAfter}).
   */
  private static Price limit(int side, double limit, double from, boolean wholeBarAfter, BarView bar,
      boolean triggered, String what) {
    if (side > 0 ? from <= limit : from >= limit) {
      return new Price(null, triggered, from, true, limit, what + ": marketable, at " + (from == bar.open()
          ? "the open" : "the stop") + " capped by the limit");
    }
    if (!wholeBarAfter) {
      return Price.none(what + ": triggered beyond the limit within the bar; works as a limit from the next bar",
          triggered);
    }
    double extreme = side > 0 ? bar.low() : bar.high();
    if (extreme == limit) {
      return Price.none(what + ": limit touched but not crossed", triggered);
    }
    if (side > 0 ? extreme < limit : extreme > limit) {
      return new Price(null, triggered, limit, false, limit, what + ": crossed, at the limit");
    }
    return Price.none(what + ": limit not reached", triggered);
  }
}
