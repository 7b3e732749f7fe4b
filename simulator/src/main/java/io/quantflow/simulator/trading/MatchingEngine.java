package io.quantflow.simulator.trading;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.domain.calendar.SessionPhase;
import io.quantflow.simulator.TapeEvent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The paper account and its matching engine, modelled on Alpaca's paper engine (protocol document §6): orders are
 * accepted by REST and fill only on later tape events, against the latest quote (buy at the ask, sell at the bid)
 * or, for a symbol without quotes, against the next bar (market at the open; limit and stop by the bar's range,
 * filling at the open when the bar gaps through the price). No fills while a symbol is halted, nor outside the
 * regular session unless the order is {@code extended_hours}. A seeded fraction of fills (default 10%) is partial
 * with a random whole-share size, the rest re-evaluated on the next event; the same seed and the same inputs give
 * the same fills.
 *
 * <p>Account conventions: Reg-T margin, multiplier 2: {@code buying_power = max(equity - initial_margin, 0) * 2}
 * minus what open buy orders and short sells reserve (remaining qty times the limit price, else the ask; shorts at
 * {@code max(limit, ask * 1.03)}). Initial margin is 50% of the gross position value. Positions are valued at the
 * symbol's latest price: the last trade, the latest quote's midpoint or the last bar's close, whichever came last.
 * Quantities are shares (negative = short), prices and cash USD.
 *
 * <p>Thread-safe: every method takes the engine's lock; trade updates are handed to the sink under the lock, in
 * order, so the sink must not block.
 */
final class MatchingEngine {
  static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal SHORT_MARKUP = new BigDecimal("1.03");

  /** What the REST layer parsed from {@code POST /v2/orders}. Null fields are absent. */
  record OrderSpec(String symbol, BigDecimal qty, String side, String type, String timeInForce, BigDecimal limitPrice,
      BigDecimal stopPrice, String clientOrderId, String orderClass, boolean extendedHours,
      BigDecimal takeProfitLimit, BigDecimal stopLossStop, BigDecimal stopLossLimit) {}

  /** What the REST layer parsed from {@code PATCH /v2/orders/{id}}. Null fields keep the old value. */
  record ReplaceSpec(BigDecimal qty, String timeInForce, BigDecimal limitPrice, BigDecimal stopPrice,
      String clientOrderId) {}

  /** A position: signed shares and average entry price. */
  static final class Position {
    BigDecimal qty = BigDecimal.ZERO;
    BigDecimal avgPrice = BigDecimal.ZERO;
  }

  private final ExchangeCalendar calendar;
  private final LongSupplier tapeClock;
  private final boolean shortingEnabled;
  private final double partialFillProbability;
  private final Random partials;
  private final Random ids;
  private final BigDecimal initialCash;
  private final Consumer<ObjectNode> sink;
  private final Map<UUID, SimOrder> orders = new LinkedHashMap<>();
  private final Map<String, SimOrder> byClientId = new HashMap<>();
  private final Map<String, Position> positions = new TreeMap<>();
  private final Map<String, Quote> quotes = new HashMap<>();
  private final Map<String, BigDecimal> marks = new HashMap<>();
  private final Set<String> halted = new HashSet<>();
  private BigDecimal cash;
  private BigDecimal lastEquity;
  private long lastEventMicros;
  private long nextSessionCloseMicros = Long.MIN_VALUE;
  private long seq;
  private final long createdMicros;

  MatchingEngine(ExchangeCalendar calendar, LongSupplier tapeClock, BigDecimal initialCash, long seed,
      boolean shortingEnabled, double partialFillProbability, Consumer<ObjectNode> sink) {
    this.calendar = calendar;
    this.tapeClock = tapeClock;
    this.initialCash = initialCash;
    this.cash = initialCash;
    this.lastEquity = initialCash;
    this.shortingEnabled = shortingEnabled;
    this.partialFillProbability = partialFillProbability;
    this.partials = new Random(seed);
    this.ids = new Random(seed ^ 0x5DEECE66DL);
    this.sink = sink;
    this.createdMicros = tapeClock.getAsLong();
  }

  static BigDecimal div(BigDecimal a, BigDecimal b) {
    return a.divide(b, MC);
  }

  static BigDecimal price(double p) {
    return BigDecimal.valueOf(p);
  }

  /** The simulated clock: the tape's, or the latest event seen when later. */
  synchronized long now() {
    return Math.max(tapeClock.getAsLong(), lastEventMicros);
  }

  boolean shortingEnabled() {
    return shortingEnabled;
  }

  long accountCreatedMicros() {
    return createdMicros;
  }

  // ---------------------------------------------------------------- submission

  /** Validates and registers an order (status {@code accepted}); the fill comes later. */
  synchronized SimOrder submit(OrderSpec s) {
    String clientId = clientId(s.clientOrderId());
    boolean bracket = "bracket".equals(s.orderClass());
    if (bracket) {
      checkBracket(s);
    }
    BigDecimal existingReservation = reserved(null);
    SimOrder o = newOrder(clientId, s.symbol(), s.side(), s.type(), s.timeInForce(), bracket ? "bracket" : "",
        s.extendedHours(), s.qty(), s.limitPrice(), s.stopPrice());
    checkFunds(o, existingReservation, null);
    register(o);
    if (bracket) {
      String exit = o.buy() ? "sell" : "buy";
      SimOrder tp = newOrder(freshId(), o.symbol, exit, "limit", o.timeInForce, "bracket", false, o.qty,
          s.takeProfitLimit(), null);
      SimOrder sl = newOrder(freshId(), o.symbol, exit, s.stopLossLimit() != null ? "stop_limit" : "stop",
          o.timeInForce, "bracket", false, o.qty, s.stopLossLimit(), s.stopLossStop());
      for (SimOrder leg : List.of(tp, sl)) {
        leg.status = "held";
        leg.parent = o;
        o.legs.add(leg);
        register(leg);
      }
    }
    return o;
  }

  private void checkBracket(OrderSpec s) {
    if (!s.timeInForce().equals("day") && !s.timeInForce().equals("gtc")) {
      throw ApiError.unprocessable("bracket orders must have time_in_force day or gtc but was " + s.timeInForce());
    }
    if (s.takeProfitLimit() == null) {
      throw ApiError.unprocessable("bracket orders require take_profit.limit_price");
    }
    if (s.stopLossStop() == null) {
      throw ApiError.unprocessable("bracket orders require stop_loss.stop_price");
    }
    if (s.extendedHours()) {
      throw ApiError.unprocessable("bracket orders cannot be extended_hours");
    }
    boolean buy = s.side().equals("buy");
    int cmp = s.takeProfitLimit().compareTo(s.stopLossStop());
    if (buy ? cmp <= 0 : cmp >= 0) {
      throw ApiError.unprocessable("take_profit.limit_price must be " + (buy ? "above" : "below")
          + " stop_loss.stop_price for a " + s.side() + " bracket");
    }
  }

  private String clientId(String requested) {
    if (requested == null || requested.isEmpty()) {
      return freshId();
    }
    if (requested.length() > 128) {
      throw ApiError.validation("client_order_id must be at most 128 characters but has " + requested.length());
    }
    if (byClientId.containsKey(requested)) {
      throw new ApiError(422, 40010001L, "client_order_id must be unique");
    }
    return requested;
  }

  private String freshId() {
    return uuid().toString();
  }

  private UUID uuid() {
    return new UUID((ids.nextLong() & ~0xF000L) | 0x4000L,
        (ids.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
  }

  private SimOrder newOrder(String clientId, String symbol, String side, String type, String tif, String orderClass,
      boolean ext, BigDecimal qty, BigDecimal limit, BigDecimal stop) {
    SimOrder o = new SimOrder(uuid(), clientId, symbol, side, type, tif, orderClass, ext, ++seq, qty, limit, stop);
    long t = now();
    o.createdMicros = t;
    o.updatedMicros = t;
    o.submittedMicros = t;
    if (tif.equals("day") || tif.equals("opg") || tif.equals("cls")) {
      o.expiresAtMicros = dayExpiry(t);
    }
    return o;
  }

  private void register(SimOrder o) {
    orders.put(o.id, o);
    byClientId.put(o.clientOrderId, o);
  }

  /** The close of the session a day order submitted at {@code t} belongs to (today's, or the next day's). */
  private long dayExpiry(long t) {
    try {
      LocalDate d = calendar.localDate(t);
      for (int i = 0; i < 15; i++, d = d.plusDays(1)) {
        if (calendar.isTradingDay(d) && calendar.session(d).closeMicros() > t) {
          return calendar.session(d).closeMicros();
        }
      }
    } catch (IllegalArgumentException outsideCalendar) {
      // a clock outside the calendar's years: the order never expires
    }
    return Long.MAX_VALUE;
  }

  private void checkFunds(SimOrder o, BigDecimal reservedByOthers, SimOrder replacing) {
    BigDecimal cost;
    if (o.buy()) {
      cost = o.remaining().multiply(estimate(o));
    } else {
      Position p = positions.get(o.symbol);
      BigDecimal existing = p == null ? BigDecimal.ZERO : p.qty;
      BigDecimal held = heldForSells(o.symbol, replacing);
      BigDecimal available = existing.max(BigDecimal.ZERO).subtract(held).max(BigDecimal.ZERO);
      BigDecimal shortQty = o.remaining().subtract(available).max(BigDecimal.ZERO);
      if (shortQty.signum() > 0 && !shortingEnabled) {
        ObjectNode extra = TradingJson.MAPPER.createObjectNode();
        extra.put("available", TradingJson.dec(available));
        extra.put("existing_qty", TradingJson.dec(existing));
        extra.put("held_for_orders", TradingJson.dec(held));
        extra.putArray("related_orders");
        extra.put("symbol", o.symbol);
        throw new ApiError(403, 40310000L, "insufficient qty available for order (requested: "
            + TradingJson.dec(o.remaining()) + ", available: " + TradingJson.dec(available) + ")", extra);
      }
      cost = shortQty.multiply(shortPrice(o));
    }
    BigDecimal bp = buyingPower(reservedByOthers);
    if (cost.compareTo(bp) > 0) {
      ObjectNode extra = TradingJson.MAPPER.createObjectNode();
      extra.put("buying_power", TradingJson.dec(bp));
      extra.put("cost_basis", TradingJson.dec(cost));
      throw new ApiError(403, 40310000L, "insufficient buying power", extra);
    }
  }

  private BigDecimal heldForSells(String symbol, SimOrder except) {
    BigDecimal held = BigDecimal.ZERO;
    for (SimOrder x : orders.values()) {
      if (x != except && x.symbol.equals(symbol) && !x.buy() && !x.terminal() && !x.status.equals("held")) {
        held = held.add(x.remaining());
      }
    }
    return held;
  }

  /** Price a buy reserves per share: its limit, else the stop or the ask, else the latest price. */
  private BigDecimal estimate(SimOrder o) {
    if (o.limitPrice != null) {
      return o.limitPrice;
    }
    BigDecimal ask = askOrMark(o.symbol);
    return o.stopPrice != null ? o.stopPrice.max(ask) : ask;
  }

  private BigDecimal shortPrice(SimOrder o) {
    BigDecimal p = askOrMark(o.symbol).multiply(SHORT_MARKUP);
    return o.limitPrice != null ? o.limitPrice.max(p) : p;
  }

  private BigDecimal askOrMark(String symbol) {
    Quote q = quotes.get(symbol);
    if (q != null && q.askPrice() > 0) {
      return price(q.askPrice());
    }
    return marks.getOrDefault(symbol, BigDecimal.ZERO);
  }

  // ---------------------------------------------------------------- account

  synchronized BigDecimal cash() {
    return cash;
  }

  synchronized BigDecimal lastEquity() {
    return lastEquity;
  }

  BigDecimal initialCash() {
    return initialCash;
  }

  /** The latest price of {@code symbol}, or the position's entry price when the tape has none. */
  private BigDecimal mark(String symbol, Position p) {
    return marks.getOrDefault(symbol, p.avgPrice);
  }

  synchronized BigDecimal longMarketValue() {
    BigDecimal v = BigDecimal.ZERO;
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      if (e.getValue().qty.signum() > 0) {
        v = v.add(e.getValue().qty.multiply(mark(e.getKey(), e.getValue())));
      }
    }
    return v;
  }

  /** Sum of short positions' values: zero or negative. */
  synchronized BigDecimal shortMarketValue() {
    BigDecimal v = BigDecimal.ZERO;
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      if (e.getValue().qty.signum() < 0) {
        v = v.add(e.getValue().qty.multiply(mark(e.getKey(), e.getValue())));
      }
    }
    return v;
  }

  synchronized BigDecimal equity() {
    return cash.add(longMarketValue()).add(shortMarketValue());
  }

  synchronized BigDecimal initialMargin() {
    return longMarketValue().subtract(shortMarketValue()).multiply(HALF);
  }

  synchronized BigDecimal maintenanceMargin() {
    return longMarketValue().multiply(new BigDecimal("0.25"))
        .add(shortMarketValue().negate().multiply(new BigDecimal("0.3")));
  }

  /** Reg-T buying power left after what open orders reserve. */
  synchronized BigDecimal buyingPower() {
    return buyingPower(reserved(null));
  }

  private BigDecimal buyingPower(BigDecimal reserved) {
    BigDecimal base = equity().subtract(initialMargin()).max(BigDecimal.ZERO).multiply(TWO);
    return base.subtract(reserved).max(BigDecimal.ZERO);
  }

  /** What open buys and short sells reserve, USD; {@code except} is left out (the order being replaced). */
  private BigDecimal reserved(SimOrder except) {
    BigDecimal total = BigDecimal.ZERO;
    Map<String, BigDecimal> longLeft = new HashMap<>();
    for (SimOrder o : orders.values()) {
      if (o == except || o.terminal() || o.status.equals("held")) {
        continue;
      }
      if (o.buy()) {
        total = total.add(o.remaining().multiply(estimate(o)));
      } else {
        BigDecimal left = longLeft.computeIfAbsent(o.symbol, s -> {
          Position p = positions.get(s);
          return p == null ? BigDecimal.ZERO : p.qty.max(BigDecimal.ZERO);
        });
        BigDecimal cover = left.min(o.remaining());
        longLeft.put(o.symbol, left.subtract(cover));
        total = total.add(o.remaining().subtract(cover).multiply(shortPrice(o)));
      }
    }
    return total;
  }

  /** The position JSON objects (§3.3), by symbol. */
  synchronized List<ObjectNode> positionsJson() {
    List<ObjectNode> out = new ArrayList<>();
    for (String symbol : positions.keySet()) {
      out.add(positionJson(symbol));
    }
    return out;
  }

  /** One position's JSON, or null when there is none. */
  synchronized ObjectNode positionJson(String symbol) {
    Position p = positions.get(symbol);
    if (p == null) {
      return null;
    }
    BigDecimal current = mark(symbol, p);
    BigDecimal mv = p.qty.multiply(current);
    BigDecimal basis = p.qty.multiply(p.avgPrice);
    BigDecimal pl = mv.subtract(basis);
    BigDecimal held = BigDecimal.ZERO;
    for (SimOrder o : orders.values()) {
      if (o.symbol.equals(symbol) && !o.terminal() && !o.status.equals("held") && o.buy() == (p.qty.signum() < 0)) {
        held = held.add(o.remaining());
      }
    }
    BigDecimal available = p.qty.abs().subtract(held).max(BigDecimal.ZERO);
    ObjectNode n = TradingJson.MAPPER.createObjectNode();
    n.put("asset_id", TradingJson.assetId(symbol));
    n.put("symbol", symbol);
    n.put("exchange", "NASDAQ");
    n.put("asset_class", "us_equity");
    n.put("asset_marginable", true);
    n.put("avg_entry_price", TradingJson.dec(p.avgPrice));
    n.put("qty", TradingJson.dec(p.qty));
    n.put("qty_available", TradingJson.dec(p.qty.signum() < 0 ? available.negate() : available));
    n.put("side", p.qty.signum() < 0 ? "short" : "long");
    n.put("market_value", TradingJson.dec(mv));
    n.put("cost_basis", TradingJson.dec(basis));
    n.put("unrealized_pl", TradingJson.dec(pl));
    n.put("unrealized_plpc", TradingJson.dec(basis.signum() == 0 ? BigDecimal.ZERO : div(pl, basis.abs())));
    n.put("unrealized_intraday_pl", TradingJson.dec(pl));
    n.put("unrealized_intraday_plpc", TradingJson.dec(basis.signum() == 0 ? BigDecimal.ZERO : div(pl, basis.abs())));
    n.put("current_price", TradingJson.dec(current));
    n.put("lastday_price", TradingJson.dec(current));
    n.put("change_today", "0");
    return n;
  }

  synchronized BigDecimal positionQty(String symbol) {
    Position p = positions.get(symbol);
    return p == null ? null : p.qty;
  }

  // ---------------------------------------------------------------- lookups, cancel, replace

  synchronized SimOrder order(UUID id) {
    return orders.get(id);
  }

  synchronized SimOrder orderByClientId(String clientId) {
    return byClientId.get(clientId);
  }

  /** The order as JSON (legs nested), taken under the lock. */
  synchronized ObjectNode json(SimOrder o) {
    return TradingJson.order(o, true);
  }

  /**
   * Orders for {@code GET /v2/orders}: {@code status} open, closed or all; newest first unless {@code asc};
   * with {@code nested} legs under their entry instead of listed.
   */
  synchronized ArrayNode list(String status, int limit, boolean asc, boolean nested, Set<String> symbols,
      long afterMicros, long untilMicros) {
    List<SimOrder> sel = new ArrayList<>();
    for (SimOrder o : orders.values()) {
      if (nested && o.parent != null) {
        continue;
      }
      boolean open = !o.terminal();
      if (status.equals("open") && !open || status.equals("closed") && open) {
        continue;
      }
      if (symbols != null && !symbols.contains(o.symbol)) {
        continue;
      }
      if (o.submittedMicros <= afterMicros || o.submittedMicros >= untilMicros) {
        continue;
      }
      sel.add(o);
    }
    Comparator<SimOrder> bySeq = Comparator.comparingLong(o -> o.seq);
    sel.sort(asc ? bySeq : bySeq.reversed());
    ArrayNode out = TradingJson.MAPPER.createArrayNode();
    for (SimOrder o : sel.subList(0, Math.min(limit, sel.size()))) {
      out.add(TradingJson.order(o, nested));
    }
    return out;
  }

  /**
   * Checks that {@code id} may be canceled and records the request; the service completes it asynchronously with
   * {@link #completeCancel(UUID)}.
   */
  synchronized void requestCancel(UUID id) {
    SimOrder o = orders.get(id);
    if (o == null) {
      throw ApiError.notFound("order not found for " + id);
    }
    if (o.terminal()) {
      throw ApiError.unprocessable("order is already in \"" + o.status + "\" state");
    }
    o.cancelRequestedMicros = now();
  }

  /** Cancels {@code id} and the rest of its bracket group, with a {@code canceled} update for each. */
  synchronized void completeCancel(UUID id) {
    SimOrder o = orders.get(id);
    if (o == null || o.terminal()) {
      return;
    }
    long t = now();
    for (SimOrder x : o.group()) {
      if (!x.terminal()) {
        cancel(x, t);
      }
    }
  }

  /** The ids {@code DELETE /v2/orders} cancels: every open order (groups by their entry). */
  synchronized List<UUID> requestCancelAll() {
    List<UUID> ids = new ArrayList<>();
    for (SimOrder o : orders.values()) {
      if (!o.terminal()) {
        o.cancelRequestedMicros = now();
        ids.add(o.id);
      }
    }
    return ids;
  }

  /** Replaces a working order by a new one (status {@code accepted}); the old one becomes {@code replaced}. */
  synchronized SimOrder replace(UUID id, ReplaceSpec r) {
    SimOrder old = orders.get(id);
    if (old == null) {
      throw ApiError.notFound("order not found for " + id);
    }
    if (!old.working()) {
      throw ApiError.unprocessable("order is not replaceable in \"" + old.status + "\" state");
    }
    if (!old.orderClass.isEmpty()) {
      throw ApiError.unprocessable("the simulator does not replace " + old.orderClass
          + " orders; cancel the group and submit a new one");
    }
    BigDecimal qty = r.qty() != null ? r.qty() : old.remaining();
    if (qty.signum() <= 0) {
      throw ApiError.validation("qty must be positive but was " + TradingJson.dec(qty));
    }
    BigDecimal limit = r.limitPrice() != null ? r.limitPrice() : old.limitPrice;
    BigDecimal stop = r.stopPrice() != null ? r.stopPrice() : old.stopPrice;
    String clientId = clientId(r.clientOrderId());
    SimOrder n = newOrder(clientId, old.symbol, old.side, old.type, r.timeInForce() != null ? r.timeInForce()
        : old.timeInForce, "", old.extendedHours, qty, limit, stop);
    checkFunds(n, reserved(old), old);
    long t = now();
    old.status = "replaced";
    old.replacedMicros = t;
    old.updatedMicros = t;
    old.replacedBy = n.id;
    n.replaces = old.id;
    register(n);
    emit("replaced", old, t, null);
    return n;
  }

  // ---------------------------------------------------------------- events

  /** Moves {@code accepted} orders to {@code new}, with a {@code new} update each. */
  synchronized void promoteAccepted() {
    long t = now();
    for (SimOrder o : new ArrayList<>(orders.values())) {
      if (o.status.equals("accepted")) {
        o.status = "new";
        o.updatedMicros = t;
        emit("new", o, t, null);
      }
    }
  }

  /** One tape event: market state, fills, expiries. */
  synchronized void onEvent(TapeEvent event) {
    long t = event.publishedAtMicros();
    lastEventMicros = Math.max(lastEventMicros, t);
    promoteAccepted();
    rollSession(t);
    expireDayOrders(t);
    if (event instanceof TapeEvent.QuoteEvent qe) {
      Quote q = qe.quote();
      quotes.put(q.symbol(), q);
      if (q.bidPrice() > 0 && q.askPrice() > 0) {
        marks.put(q.symbol(), price(q.bidPrice()).add(price(q.askPrice())).multiply(HALF));
      }
      match(q.symbol(), t, q, null);
    } else if (event instanceof TapeEvent.BarEvent be) {
      Bar b = be.bar();
      marks.put(b.symbol(), price(b.close()));
      if (!quotes.containsKey(b.symbol())) {
        match(b.symbol(), t, null, b);
      }
    } else if (event instanceof TapeEvent.TradeEvent te) {
      marks.put(te.trade().symbol(), price(te.trade().price()));
    } else if (event instanceof TapeEvent.StatusEvent se) {
      if (se.halted()) {
        halted.add(se.symbol());
      } else {
        halted.remove(se.symbol());
      }
    }
  }

  /** At a session close: day orders of that session expire, and the equity becomes {@code last_equity}. */
  private void rollSession(long t) {
    if (nextSessionCloseMicros == Long.MIN_VALUE) {
      nextSessionCloseMicros = dayExpiry(t);
      return;
    }
    if (t >= nextSessionCloseMicros) {
      lastEquity = equity();
      nextSessionCloseMicros = dayExpiry(t);
    }
  }

  private void expireDayOrders(long t) {
    for (SimOrder o : new ArrayList<>(orders.values())) {
      if (!o.terminal() && o.expiresAtMicros <= t) {
        o.status = "expired";
        o.expiredMicros = t;
        o.updatedMicros = t;
        emit("expired", o, t, null);
      }
    }
  }

  private boolean inSession(SimOrder o, long t) {
    try {
      SessionPhase phase = calendar.sessionOf(t);
      return phase == SessionPhase.REGULAR || o.extendedHours && phase.isExtended();
    } catch (IllegalArgumentException outsideCalendar) {
      return true;
    }
  }

  private void match(String symbol, long t, Quote q, Bar bar) {
    if (halted.contains(symbol)) {
      return;
    }
    List<SimOrder> candidates = new ArrayList<>();
    for (SimOrder o : orders.values()) {
      if (o.symbol.equals(symbol) && o.working() && inSession(o, t)) {
        candidates.add(o);
      }
    }
    for (SimOrder o : candidates) {
      if (!o.working()) {
        continue; // canceled by a sibling's fill in this pass
      }
      BigDecimal px = q != null ? quotePrice(o, q) : barPrice(o, bar);
      boolean immediate = o.timeInForce.equals("ioc") || o.timeInForce.equals("fok");
      if (px != null) {
        BigDecimal fillQty = o.remaining();
        boolean partial = partials.nextDouble() < partialFillProbability;
        if (partial && !o.timeInForce.equals("fok")) {
          long whole = fillQty.setScale(0, RoundingMode.DOWN).longValueExact();
          if (whole >= 2) {
            fillQty = BigDecimal.valueOf(1 + (long) (partials.nextDouble() * (whole - 1)));
          }
        }
        fill(o, fillQty, px, t);
      }
      if (immediate && o.working()) {
        cancel(o, t);
      }
    }
  }

  /** The execution price against a quote: buy at the ask, sell at the bid, once marketable; null when not. */
  private static BigDecimal quotePrice(SimOrder o, Quote q) {
    double side = o.buy() ? q.askPrice() : q.bidPrice();
    if (side <= 0) {
      return null;
    }
    BigDecimal p = price(side);
    if (o.stopPrice != null && !o.triggered) {
      int c = p.compareTo(o.stopPrice);
      if (o.buy() ? c >= 0 : c <= 0) {
        o.triggered = true;
      } else {
        return null;
      }
    }
    if (o.limitPrice != null) {
      int c = p.compareTo(o.limitPrice);
      return (o.buy() ? c <= 0 : c >= 0) ? p : null;
    }
    return p;
  }

  /**
   * The execution price on a bar (no quotes for the symbol): market at the open; a limit at the open when the open
   * is better, else at the limit when the range reaches it; a stop at the open when the bar gaps through it, else
   * at the stop when the range reaches it; a stop-limit triggers like a stop and then fills like a limit.
   */
  private static BigDecimal barPrice(SimOrder o, Bar b) {
    BigDecimal open = price(b.open());
    BigDecimal high = price(b.high());
    BigDecimal low = price(b.low());
    boolean buy = o.buy();
    BigDecimal start = open; // the price from which the order is live in this bar
    if (o.stopPrice != null && !o.triggered) {
      BigDecimal s = o.stopPrice;
      if (buy ? open.compareTo(s) >= 0 : open.compareTo(s) <= 0) {
        start = open;
      } else if (buy ? high.compareTo(s) >= 0 : low.compareTo(s) <= 0) {
        start = s;
      } else {
        return null;
      }
      o.triggered = true;
    }
    if (o.limitPrice == null) {
      return start;
    }
    BigDecimal l = o.limitPrice;
    if (buy ? start.compareTo(l) <= 0 : start.compareTo(l) >= 0) {
      return start;
    }
    return (buy ? low.compareTo(l) <= 0 : high.compareTo(l) >= 0) ? l : null;
  }

  private void fill(SimOrder o, BigDecimal qty, BigDecimal px, long t) {
    o.filledQty = o.filledQty.add(qty);
    o.filledNotional = o.filledNotional.add(qty.multiply(px));
    o.updatedMicros = t;
    boolean complete = o.filledQty.compareTo(o.qty) >= 0;
    o.status = complete ? "filled" : "partially_filled";
    if (complete) {
      o.filledMicros = t;
    }
    BigDecimal signed = o.buy() ? qty : qty.negate();
    Position p = positions.computeIfAbsent(o.symbol, s -> new Position());
    BigDecimal oldQty = p.qty;
    BigDecimal newQty = oldQty.add(signed);
    if (oldQty.signum() == 0 || oldQty.signum() == signed.signum()) {
      p.avgPrice = div(oldQty.abs().multiply(p.avgPrice).add(qty.multiply(px)), newQty.abs());
    } else if (newQty.signum() != 0 && newQty.signum() != oldQty.signum()) {
      p.avgPrice = px; // crossed through zero: the new side's entry is this execution
    }
    p.qty = newQty;
    if (newQty.signum() == 0) {
      positions.remove(o.symbol);
    }
    cash = cash.subtract(signed.multiply(px));
    ObjectNode f = TradingJson.MAPPER.createObjectNode();
    f.put("execution_id", uuid().toString());
    f.put("price", TradingJson.dec(px));
    f.put("qty", TradingJson.dec(qty));
    f.put("position_qty", TradingJson.dec(newQty));
    emit(complete ? "fill" : "partial_fill", o, t, f);
    if (complete && !o.legs.isEmpty()) {
      for (SimOrder leg : o.legs) {
        if (leg.status.equals("held")) {
          leg.status = "new";
          leg.updatedMicros = t;
          emit("new", leg, t, null);
        }
      }
    }
    if (complete && o.parent != null) {
      for (SimOrder sibling : o.parent.legs) {
        if (sibling != o && !sibling.terminal()) {
          cancel(sibling, t);
        }
      }
    }
  }

  private void cancel(SimOrder o, long t) {
    o.status = "canceled";
    o.canceledMicros = t;
    o.updatedMicros = t;
    emit("canceled", o, t, null);
  }

  private void emit(String event, SimOrder o, long t, ObjectNode fillFields) {
    ObjectNode data = TradingJson.MAPPER.createObjectNode();
    data.put("event", event);
    if (fillFields != null) {
      data.setAll(fillFields);
    }
    data.put("timestamp", TradingJson.time(t == 0 ? 1 : t));
    data.set("order", TradingJson.order(o, true));
    sink.accept(data);
  }
}
