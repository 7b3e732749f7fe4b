package io.quantflow.connectors.alpaca.trading;

import io.quantflow.connectors.alpaca.trading.TradeUpdatesSplit.OrderProgress;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exactly-once rule of {@link TradeUpdatesSource}: remembers per order the cumulative quantity (and notional)
 * already emitted, and turns stream updates and REST listings into updates to emit. A fill is identified by its
 * order id and the order's cumulative filled quantity after it: whatever is at or below the emitted quantity was
 * emitted already (dropped as a duplicate); whatever lies between the emitted quantity and what the broker now
 * reports was missed and is emitted once, as a reconciled fill priced from the order's average fill price. Not
 * thread-safe: the reader uses it on the task thread only, so its state is exactly what was emitted.
 */
final class FillLedger {
  /** Scale of a reconciled fill's price, USD: 9 decimals, far below any tick. */
  static final int PRICE_SCALE = 9;

  private final Map<String, OrderProgress> orders;
  private final Map<String, BigDecimal> positions;
  private long lastUpdateMicros;
  private long duplicatesDropped;
  private long reconciledFills;

  FillLedger(TradeUpdatesSplit from) {
    this.orders = new HashMap<>(from.orders());
    this.positions = new HashMap<>(from.positions());
    this.lastUpdateMicros = from.lastUpdateMicros();
  }

  long lastUpdateMicros() {
    return lastUpdateMicros;
  }

  long duplicatesDropped() {
    return duplicatesDropped;
  }

  long reconciledFills() {
    return reconciledFills;
  }

  /**
   * The updates to emit for a stream update: a reconciled fill first when the order's cumulative quantity before
   * this execution is above what was emitted (an execution was missed), then the update itself; nothing when its
   * execution was emitted already.
   */
  List<BrokerUpdate> onStream(TradeUpdate u) {
    AlpacaOrder o = u.order();
    OrderProgress p = orders.getOrDefault(o.id(), OrderProgress.NONE);
    List<BrokerUpdate> out = new ArrayList<>(2);
    boolean fill = u.qty() != null && u.price() != null && u.qty().signum() > 0;
    BigDecimal total = o.filledQty();
    BigDecimal before = fill ? total.subtract(u.qty()) : total;
    if (fill && total.compareTo(p.filledQty()) <= 0) {
      duplicatesDropped++;
      orders.put(o.id(), touch(p, o, u.timestampMicros()));
      return out;
    }
    if (before.compareTo(p.filledQty()) > 0 && o.filledAvgPrice() != null) {
      // executions up to 'before' never came: their notional is the order's total minus this one and the emitted
      BigDecimal thisNotional = fill ? u.qty().multiply(u.price()) : BigDecimal.ZERO;
      BigDecimal missedNotional = o.filledAvgPrice().multiply(total).subtract(thisNotional)
          .subtract(p.filledNotional());
      BigDecimal positionBefore = fill && u.positionQty() != null ? u.positionQty().subtract(signed(o, u.qty()))
          : null;
      p = emitReconciled(out, o, p, before, missedNotional, positionBefore, u.timestampMicros());
    }
    if (fill) {
      BigDecimal qty = u.qty();
      BigDecimal price = u.price();
      boolean partlyEmitted = before.compareTo(p.filledQty()) < 0; // an earlier reconciliation covered a part
      if (partlyEmitted) {
        qty = total.subtract(p.filledQty());
        price = price(o.filledAvgPrice().multiply(total).subtract(p.filledNotional()), qty);
      }
      BigDecimal position = u.positionQty() != null ? u.positionQty() : positions.get(o.symbol());
      out.add(new BrokerUpdate(u.event(), nz(o.clientOrderId()), o.id(), o.symbol(), o.status(),
          signed(o, qty).doubleValue(), price.doubleValue(), position == null ? Double.NaN : position.doubleValue(),
          total.doubleValue(), u.timestampMicros(), partlyEmitted ? "" : nz(u.executionId()), partlyEmitted));
      if (position != null) {
        positions.put(o.symbol(), position);
      }
      p = new OrderProgress(total, p.filledNotional().add(qty.multiply(price)), p.updatedAtMicros(), false);
    } else {
      out.add(new BrokerUpdate(u.event(), nz(o.clientOrderId()), o.id(), o.symbol(), o.status(), Double.NaN,
          Double.NaN, Double.NaN, total.doubleValue(), u.timestampMicros(), "", false));
    }
    orders.put(o.id(), touch(p, o, u.timestampMicros()));
    lastUpdateMicros = Math.max(lastUpdateMicros, u.timestampMicros());
    return out;
  }

  /**
   * The reconciled fills of a REST listing: for each order (legs flattened by the caller) whose filled quantity is
   * above what was emitted, one fill of the difference, oldest order update first. The position after it is the
   * last emitted position of the symbol plus the fill; for a symbol without one, it is derived backwards from
   * {@code restPositions} (the broker's positions read after the listing).
   */
  List<BrokerUpdate> onListing(List<AlpacaOrder> listed, Map<String, BigDecimal> restPositions) {
    List<AlpacaOrder> missed = new ArrayList<>();
    for (AlpacaOrder o : listed) {
      if (o.filledQty().compareTo(orders.getOrDefault(o.id(), OrderProgress.NONE).filledQty()) > 0
          && o.filledAvgPrice() != null) {
        missed.add(o);
      }
    }
    missed.sort(Comparator.comparingLong(FillLedger::fillTime).thenComparing(AlpacaOrder::id));
    for (AlpacaOrder o : missed) {
      if (!positions.containsKey(o.symbol())) {
        BigDecimal base = restPositions.getOrDefault(o.symbol(), BigDecimal.ZERO);
        for (AlpacaOrder m : missed) {
          if (m.symbol().equals(o.symbol())) {
            base = base.subtract(signed(m, m.filledQty().subtract(
                orders.getOrDefault(m.id(), OrderProgress.NONE).filledQty())));
          }
        }
        positions.put(o.symbol(), base);
      }
    }
    List<BrokerUpdate> out = new ArrayList<>();
    for (AlpacaOrder o : missed) {
      OrderProgress p = orders.getOrDefault(o.id(), OrderProgress.NONE);
      BigDecimal notional = o.filledAvgPrice().multiply(o.filledQty()).subtract(p.filledNotional());
      p = emitReconciled(out, o, p, o.filledQty(), notional, null, fillTime(o));
      orders.put(o.id(), touch(p, o, fillTime(o)));
      lastUpdateMicros = Math.max(lastUpdateMicros, fillTime(o));
    }
    return out;
  }

  /** The state to checkpoint, without the finished orders that no reconciliation from here can list again. */
  TradeUpdatesSplit snapshot(String splitId, long overlapMicros) {
    long horizon = lastUpdateMicros - overlapMicros;
    orders.values().removeIf(p -> p.terminal() && p.updatedAtMicros() < horizon);
    return new TradeUpdatesSplit(splitId, lastUpdateMicros, orders, positions);
  }

  private OrderProgress emitReconciled(List<BrokerUpdate> out, AlpacaOrder o, OrderProgress p, BigDecimal upTo,
      BigDecimal notional, BigDecimal positionAfter, long atMicros) {
    BigDecimal qty = upTo.subtract(p.filledQty());
    BigDecimal position = positionAfter;
    if (position == null) {
      BigDecimal last = positions.get(o.symbol());
      position = last == null ? null : last.add(signed(o, qty));
    }
    boolean complete = o.qty() != null && upTo.compareTo(o.qty()) >= 0;
    out.add(new BrokerUpdate(complete ? "fill" : "partial_fill", nz(o.clientOrderId()), o.id(), o.symbol(),
        complete ? "filled" : "partially_filled", signed(o, qty).doubleValue(), price(notional, qty).doubleValue(),
        position == null ? Double.NaN : position.doubleValue(), upTo.doubleValue(), atMicros, "", true));
    if (position != null) {
      positions.put(o.symbol(), position);
    }
    reconciledFills++;
    return new OrderProgress(upTo, p.filledNotional().add(notional), p.updatedAtMicros(), p.terminal());
  }

  private static OrderProgress touch(OrderProgress p, AlpacaOrder o, long atMicros) {
    long updated = Math.max(p.updatedAtMicros(), o.updatedAtMicros() != null ? o.updatedAtMicros() : atMicros);
    return new OrderProgress(p.filledQty(), p.filledNotional(), updated, o.terminal());
  }

  /** When the order's last fill happened as far as REST tells: its fill time, else its last update. */
  private static long fillTime(AlpacaOrder o) {
    if (o.filledAtMicros() != null) {
      return o.filledAtMicros();
    }
    return o.updatedAtMicros() != null ? o.updatedAtMicros() : 0L;
  }

  private static BigDecimal price(BigDecimal notional, BigDecimal qty) {
    return notional.divide(qty, PRICE_SCALE + 3, RoundingMode.HALF_EVEN).setScale(PRICE_SCALE, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }

  private static BigDecimal signed(AlpacaOrder o, BigDecimal qty) {
    return "sell".equals(o.side()) ? qty.negate() : qty;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
