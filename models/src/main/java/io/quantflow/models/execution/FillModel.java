package io.quantflow.models.execution;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Order;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.domain.calendar.Session;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * Decides whether, how much and at what price a working order fills in one bar of its symbol.
 *
 * <p>The caller (the portfolio simulator) keeps each working order and its unfilled rest. At every bar of the
 * symbol, it first drops DAY orders that {@link #isExpired expired}, then calls {@link #fill}; it subtracts
 * {@link Result#shares()} from the rest, replaces the order with {@link Order#triggered()} when
 * {@link Result#triggered()}, and drops the order when {@link Result#working()} is false. Prices are USD per share,
 * shares are signed (positive buy, negative sell), times UTC epoch microseconds.
 */
public interface FillModel extends Serializable {

  /**
   * Fills {@code order} in {@code bar}, or not.
   *
   * @param order the working order (after a trigger, its {@link Order#triggered()} form)
   * @param bar a bar of the order's symbol
   * @param remainingShares the order's unfilled rest, signed like its quantity, not larger in size than the
   *     quantity: the quantity minus all earlier fills
   * @param market volatility and average daily volume for the impact model
   * @return the fill, or a result with zero shares and the reason
   */
  Result fill(Order order, BarView bar, double remainingShares, MarketContext market);

  /**
   * The outcome of one bar for one order. This class is immutable and thread-safe.
   *
   * @param shares shares filled, signed like the order; 0 when nothing filled
   * @param price fill price including spread and impact, USD per share; NaN when nothing filled
   * @param costs the cost breakdown, USD; {@link Costs#ZERO} when nothing filled
   * @param triggered whether the order's stop triggered in this bar, so it now works as its
   *     {@link Order#triggered()} form
   * @param working whether the unfilled rest ({@code remainingShares - shares}) keeps working at later bars; false
   *     when nothing is left or an IOC order's rest is cancelled
   * @param reason why the order filled, partly filled or did not fill
   */
  record Result(double shares, double price, Costs costs, boolean triggered, boolean working, String reason)
      implements Serializable {

    /** Checks that a fill has a positive price and a non-fill has none. */
    public Result {
      Checks.notNull(costs, "costs");
      Checks.notBlank(reason, "reason");
      Checks.finite(shares, "shares");
      if (shares == 0) {
        Checks.isTrue(Double.isNaN(price) && costs.equals(Costs.ZERO),
            "A result without shares must have price NaN and zero costs but had %s and %s", price, costs);
      } else {
        Checks.positive(price, "price");
      }
    }

    /** A bar in which nothing fills. */
    public static Result none(String reason, boolean working, boolean triggered) {
      return new Result(0, Double.NaN, Costs.ZERO, triggered, working, reason);
    }

    /** Whether any shares filled. */
    public boolean isFilled() {
      return shares != 0;
    }
  }

  /**
   * When a working order expires, UTC epoch microseconds: for a DAY order the close of the regular session it was
   * submitted for (the session open at {@code submittedAtMicros}, or the next one when submitted outside a session,
   * as Alpaca queues it); {@link Long#MAX_VALUE} for GTC and IOC orders (an IOC order ends at its first eligible
   * bar, see {@link Result#working()}).
   */
  static long expiresAtMicros(Order order, ExchangeCalendar calendar) {
    Checks.notNull(order, "order");
    Checks.notNull(calendar, "calendar");
    if (order.timeInForce() != Order.TimeInForce.DAY) {
      return Long.MAX_VALUE;
    }
    long t = order.submittedAtMicros();
    for (LocalDate d = calendar.localDate(t); ; d = d.plusDays(1)) {
      if (calendar.isTradingDay(d)) {
        Session s = calendar.session(d);
        if (t < s.closeMicros()) {
          return s.closeMicros();
        }
      }
    }
  }

  /**
   * Whether {@code order} has expired before the bar starting at {@code barStartMicros}: the bar starts at or
   * after {@link #expiresAtMicros}.
   */
  static boolean isExpired(Order order, long barStartMicros, ExchangeCalendar calendar) {
    return barStartMicros >= expiresAtMicros(order, calendar);
  }
}
