package io.quantflow.simulator.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.domain.calendar.Session;
import io.quantflow.domain.calendar.SessionPhase;
import io.quantflow.simulator.Http;
import io.quantflow.simulator.MarketTape;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.SimulatorService;
import io.quantflow.simulator.TapeListener;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Alpaca's trading API on the simulator (protocol document §3-§6): the REST endpoints under Alpaca's paths
 * ({@code /v2/account}, {@code /v2/positions[/{symbol}]}, {@code /v2/orders[/{id}]},
 * {@code /v2/orders:by_client_order_id}, {@code /v2/clock}, {@code /v2/calendar}) and the {@code trade_updates}
 * stream at {@code /stream}, over one paper account filled by a {@link MatchingEngine} against the
 * {@link MarketTape}.
 *
 * <p>Orders are answered {@code accepted}, become {@code new} right after the reply, and fill only on later tape
 * events; a cancel answers 204 and completes asynchronously with a {@code canceled} update. Every response carries
 * {@code X-Ratelimit-Limit/Remaining/Reset}; a request gets 429 whenever {@code take429} says so (fault injection).
 *
 * <pre>{@code
 * TradingService trading = new TradingService(config, tape, faults::take429);
 * simulator.addService(trading);
 * }</pre>
 */
public final class TradingService implements SimulatorService {
  /** Alpaca's documented trading limit, requests per minute (only reported, not enforced). */
  public static final int RATE_LIMIT_PER_MINUTE = 200;

  /**
   * Engine settings.
   *
   * @param shortingEnabled whether sells beyond the position open a short (Alpaca's margin default); when false
   *     they are refused with 403 {@code insufficient qty available}
   * @param partialFillProbability the fraction of eligible fills that are partial, 0..1 (Alpaca paper: about 0.1)
   * @param calendar the exchange calendar for sessions, day-order expiry, the clock and the calendar endpoint
   */
  public record Options(boolean shortingEnabled, double partialFillProbability, ExchangeCalendar calendar) {
    /** Checks the arguments. */
    public Options {
      Objects.requireNonNull(calendar, "calendar");
      if (!(partialFillProbability >= 0 && partialFillProbability <= 1)) {
        throw new IllegalArgumentException("Argument 'partialFillProbability' must be in [0, 1] but was "
            + partialFillProbability);
      }
    }

    /** Shorting enabled, 10% partial fills, the bundled NYSE calendar. */
    public static Options defaults() {
      return new Options(true, 0.1, ExchangeCalendar.nyse());
    }

    /** These options with shorting enabled or not. */
    public Options withShorting(boolean enabled) {
      return new Options(enabled, partialFillProbability, calendar);
    }

    /** These options with another partial-fill probability. */
    public Options withPartialFillProbability(double p) {
      return new Options(shortingEnabled, p, calendar);
    }
  }

  private final SimulatorConfig config;
  private final MarketTape tape;
  private final BooleanSupplier take429;
  private final Options options;
  private final TradeStream stream;
  private final MatchingEngine engine;
  private final TapeListener listener;
  private final ExecutorService async;
  private final UUID accountId;
  private long windowStartMillis;
  private int windowCount;

  /** A service with {@link Options#defaults()}. */
  public TradingService(SimulatorConfig config, MarketTape tape, BooleanSupplier take429) {
    this(config, tape, take429, Options.defaults());
  }

  /**
   * A service over {@code tape}, listening to it from now on.
   *
   * @param take429 asked once per trading request; true answers that request with 429 (pass
   *     {@code Faults::take429}, or {@code () -> false})
   */
  public TradingService(SimulatorConfig config, MarketTape tape, BooleanSupplier take429, Options options) {
    this.config = Objects.requireNonNull(config, "config");
    this.tape = Objects.requireNonNull(tape, "tape");
    this.take429 = Objects.requireNonNull(take429, "take429");
    this.options = Objects.requireNonNull(options, "options");
    this.stream = new TradeStream(config);
    this.engine = new MatchingEngine(options.calendar(), tape::nowMicros, BigDecimal.valueOf(config.initialCash()),
        config.seed(), options.shortingEnabled(), options.partialFillProbability(), stream::publish);
    this.accountId = UUID.nameUUIDFromBytes(("account:" + config.keyId()).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    this.async = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sim-trading-async");
      t.setDaemon(true);
      return t;
    });
    this.listener = engine::onEvent;
    tape.addListener(listener);
  }

  @Override
  public void configureWebSockets(ServerWebSocketContainer container) {
    container.addMapping("/stream", (req, resp, cb) -> stream.newConnection());
  }

  /** How many {@code trade_updates} connections are listening (for tests that wait for a client). */
  public int streamListeners() {
    return stream.listening();
  }

  /**
   * Drops every {@code trade_updates} connection, as a network failure would: updates published after this returns
   * do not reach them (Alpaca does not replay them either); clients reconnect on their own.
   *
   * @return how many connections were dropped
   */
  public int dropStreamConnections() {
    return stream.drop();
  }

  @Override
  public void close() {
    tape.removeListener(listener);
    async.shutdownNow();
    try {
      async.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stream.close();
  }

  private static boolean ours(String path) {
    return path.equals("/v2/account") || path.equals("/v2/positions") || path.startsWith("/v2/positions/")
        || path.equals("/v2/orders") || path.startsWith("/v2/orders/") || path.equals("/v2/orders:by_client_order_id")
        || path.equals("/v2/clock") || path.equals("/v2/calendar");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Http.path(request);
    if (!ours(path)) {
      return false;
    }
    boolean limited = take429.getAsBoolean();
    rateLimitHeaders(response, limited);
    if (!Http.authorize(request, response, callback, config)) {
      return true;
    }
    if (limited) {
      response.getHeaders().put("Retry-After", "1");
      Http.error(response, callback, 429, 42910000L, "rate limit exceeded");
      return true;
    }
    try {
      route(request.getMethod(), path, request, response, callback);
    } catch (ApiError e) {
      ObjectNode body = TradingJson.MAPPER.createObjectNode();
      if (e.extra != null) {
        body.setAll(e.extra);
      }
      body.put("code", e.code);
      body.put("message", e.getMessage());
      Http.json(response, callback, e.status, body.toString());
    }
    return true;
  }

  private synchronized void rateLimitHeaders(Response response, boolean limited) {
    long nowMillis = System.currentTimeMillis();
    if (nowMillis - windowStartMillis >= 60_000) {
      windowStartMillis = nowMillis;
      windowCount = 0;
    }
    windowCount++;
    long reset = limited ? nowMillis / 1000 + 1 : (windowStartMillis + 60_000) / 1000;
    response.getHeaders().put("X-Ratelimit-Limit", Integer.toString(RATE_LIMIT_PER_MINUTE));
    response.getHeaders().put("X-Ratelimit-Remaining",
        Integer.toString(limited ? 0 : Math.max(0, RATE_LIMIT_PER_MINUTE - windowCount)));
    response.getHeaders().put("X-Ratelimit-Reset", Long.toString(reset));
  }

  private void route(String method, String path, Request request, Response response, Callback callback)
      throws Exception {
    Fields q = Http.query(request);
    switch (path) {
      case "/v2/account" -> {
        requireMethod(method, "GET");
        Http.json(response, callback, 200, account().toString());
        return;
      }
      case "/v2/positions" -> {
        if (method.equals("DELETE")) {
          ArrayNode out = TradingJson.MAPPER.createArrayNode();
          for (ObjectNode p : engine.positionsJson()) {
            String symbol = p.get("symbol").asText();
            ObjectNode r = out.addObject();
            r.put("symbol", symbol);
            r.put("status", 200);
            r.set("body", closePosition(symbol, null, null));
          }
          Http.json(response, callback, 207, out.toString());
          return;
        }
        requireMethod(method, "GET");
        ArrayNode out = TradingJson.MAPPER.createArrayNode();
        engine.positionsJson().forEach(out::add);
        Http.json(response, callback, 200, out.toString());
        return;
      }
      case "/v2/orders:by_client_order_id" -> {
        requireMethod(method, "GET");
        String id = q.getValue("client_order_id");
        if (id == null || id.isEmpty()) {
          throw ApiError.validation("client_order_id is missing: add ?client_order_id=<id>");
        }
        SimOrder o = engine.orderByClientId(id);
        if (o == null) {
          throw ApiError.notFound("order not found for client_order_id " + id);
        }
        Http.json(response, callback, 200, engine.json(o).toString());
        return;
      }
      case "/v2/orders" -> {
        switch (method) {
          case "POST" -> {
            SimOrder o = engine.submit(orderSpec(readJson(request)));
            String json = engine.json(o).toString();
            async.execute(engine::promoteAccepted);
            Http.json(response, callback, 200, json);
          }
          case "GET" -> Http.json(response, callback, 200, listOrders(q).toString());
          case "DELETE" -> {
            List<UUID> ids = engine.requestCancelAll();
            ArrayNode out = TradingJson.MAPPER.createArrayNode();
            for (UUID id : ids) {
              out.addObject().put("id", id.toString()).put("status", 200);
              async.execute(() -> engine.completeCancel(id));
            }
            Http.json(response, callback, 207, out.toString());
          }
          default -> throw new ApiError(405, 40510000L, "method " + method + " not allowed on /v2/orders");
        }
        return;
      }
      case "/v2/clock" -> {
        requireMethod(method, "GET");
        Http.json(response, callback, 200, clock().toString());
        return;
      }
      case "/v2/calendar" -> {
        requireMethod(method, "GET");
        Http.json(response, callback, 200, calendar(q).toString());
        return;
      }
      default -> { }
    }
    if (path.startsWith("/v2/positions/")) {
      String symbol = path.substring("/v2/positions/".length());
      if (method.equals("DELETE")) {
        Http.json(response, callback, 200, closePosition(symbol, decimalParam(q, "qty"),
            decimalParam(q, "percentage")).toString());
        return;
      }
      requireMethod(method, "GET");
      ObjectNode p = engine.positionJson(symbol);
      if (p == null) {
        throw ApiError.notFound("position does not exist");
      }
      Http.json(response, callback, 200, p.toString());
      return;
    }
    // /v2/orders/{id}
    String raw = path.substring("/v2/orders/".length());
    UUID id;
    try {
      id = UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiError(422, 40010001L, "order_id is missing");
    }
    switch (method) {
      case "GET" -> {
        SimOrder o = engine.order(id);
        if (o == null) {
          throw ApiError.notFound("order not found for " + id);
        }
        Http.json(response, callback, 200, engine.json(o).toString());
      }
      case "DELETE" -> {
        engine.requestCancel(id);
        async.execute(() -> engine.completeCancel(id));
        Http.empty(response, callback, 204);
      }
      case "PATCH" -> {
        JsonNode b = readJson(request);
        String tif = TradingJson.text(b, "time_in_force");
        if (tif != null) {
          checkTif(tif);
        }
        SimOrder n = engine.replace(id, new MatchingEngine.ReplaceSpec(positive(b, "qty"), tif,
            positive(b, "limit_price"), positive(b, "stop_price"), TradingJson.text(b, "client_order_id")));
        String json = engine.json(n).toString();
        async.execute(engine::promoteAccepted);
        Http.json(response, callback, 200, json);
      }
      default -> throw new ApiError(405, 40510000L, "method " + method + " not allowed on /v2/orders/{id}");
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new ApiError(405, 40510000L, "method " + method + " not allowed here; use " + expected);
    }
  }

  private static JsonNode readJson(Request request) throws Exception {
    String body = Http.body(request);
    try {
      JsonNode n = TradingJson.MAPPER.readTree(body.isBlank() ? "{}" : body);
      if (!n.isObject()) {
        throw ApiError.validation("request body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.validation("request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static BigDecimal decimalParam(Fields q, String name) {
    String v = q.getValue(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw ApiError.validation("invalid " + name + ": '" + v + "' is not a decimal number");
    }
  }

  private static BigDecimal positive(JsonNode body, String field) {
    BigDecimal v = TradingJson.decimal(body, field);
    if (v != null && v.signum() <= 0) {
      throw ApiError.validation(field + " must be positive but was " + TradingJson.dec(v));
    }
    return v;
  }

  private static void checkTif(String tif) {
    if (!tif.matches("day|gtc|ioc|fok|opg|cls")) {
      throw ApiError.validation("invalid time_in_force '" + tif + "': use day, gtc, ioc, fok, opg or cls");
    }
  }

  private MatchingEngine.OrderSpec orderSpec(JsonNode b) {
    String symbol = TradingJson.text(b, "symbol");
    if (symbol == null) {
      throw ApiError.validation("symbol is required");
    }
    symbol = symbol.toUpperCase(java.util.Locale.ROOT);
    Set<String> known = tape.symbols();
    if (!known.isEmpty() && !known.contains(symbol)) {
      throw new ApiError(422, 40010001L, "asset not found for " + symbol);
    }
    if (TradingJson.decimal(b, "notional") != null) {
      throw ApiError.validation("notional orders are not supported by the simulator: send qty instead");
    }
    BigDecimal qty = positive(b, "qty");
    if (qty == null) {
      throw ApiError.validation("qty is required");
    }
    if (qty.scale() > 9 && qty.stripTrailingZeros().scale() > 9) {
      throw ApiError.validation("qty must have at most 9 decimal places but was " + qty.toPlainString());
    }
    String side = TradingJson.text(b, "side");
    if (side == null || !side.matches("buy|sell")) {
      throw ApiError.validation("invalid side '" + side + "': use buy or sell");
    }
    String type = TradingJson.text(b, "type");
    if (type == null) {
      type = TradingJson.text(b, "order_type");
    }
    if (type == null || !type.matches("market|limit|stop|stop_limit")) {
      throw ApiError.validation("invalid type '" + type + "': use market, limit, stop or stop_limit"
          + (Objects.equals(type, "trailing_stop") ? " (trailing_stop is not simulated)" : ""));
    }
    String tif = TradingJson.text(b, "time_in_force");
    if (tif == null) {
      throw ApiError.validation("time_in_force is required");
    }
    checkTif(tif);
    BigDecimal limit = positive(b, "limit_price");
    BigDecimal stop = positive(b, "stop_price");
    if ((type.equals("limit") || type.equals("stop_limit")) && limit == null) {
      throw ApiError.validation("limit_price is required for " + type + " orders");
    }
    if ((type.equals("stop") || type.equals("stop_limit")) && stop == null) {
      throw ApiError.validation("stop_price is required for " + type + " orders");
    }
    if (type.equals("market") || type.equals("stop")) {
      limit = null;
    }
    if (type.equals("market") || type.equals("limit")) {
      stop = null;
    }
    boolean ext = b.path("extended_hours").asBoolean(false);
    if (ext && !(type.equals("limit") && tif.equals("day"))) {
      throw ApiError.validation("extended_hours orders must be limit orders with time_in_force day");
    }
    String orderClass = TradingJson.text(b, "order_class");
    if (orderClass == null || orderClass.equals("simple")) {
      orderClass = "";
    }
    if (!orderClass.isEmpty() && !orderClass.equals("bracket")) {
      throw ApiError.validation("order_class '" + orderClass + "' is not simulated: use simple or bracket");
    }
    BigDecimal tp = null;
    BigDecimal sl = null;
    BigDecimal slLimit = null;
    if (orderClass.equals("bracket")) {
      if (qty.stripTrailingZeros().scale() > 0) {
        throw ApiError.unprocessable("fractional orders must be simple orders");
      }
      JsonNode tpNode = b.path("take_profit");
      JsonNode slNode = b.path("stop_loss");
      tp = tpNode.isObject() ? positive(tpNode, "limit_price") : null;
      sl = slNode.isObject() ? positive(slNode, "stop_price") : null;
      slLimit = slNode.isObject() ? positive(slNode, "limit_price") : null;
    }
    return new MatchingEngine.OrderSpec(symbol, qty, side, type, tif, limit, stop,
        TradingJson.text(b, "client_order_id"), orderClass, ext, tp, sl, slLimit);
  }

  private ObjectNode closePosition(String symbol, BigDecimal qty, BigDecimal percentage) {
    BigDecimal held = engine.positionQty(symbol);
    if (held == null) {
      throw ApiError.notFound("position does not exist");
    }
    BigDecimal amount = held.abs();
    if (qty != null && percentage != null) {
      throw ApiError.validation("qty and percentage are mutually exclusive: send one");
    }
    if (qty != null) {
      amount = qty.min(amount);
    } else if (percentage != null) {
      amount = amount.multiply(percentage).divide(BigDecimal.valueOf(100), 9, RoundingMode.DOWN);
    }
    if (amount.signum() <= 0) {
      throw ApiError.validation("qty to close must be positive");
    }
    SimOrder o = engine.submit(new MatchingEngine.OrderSpec(symbol, amount, held.signum() > 0 ? "sell" : "buy",
        "market", "day", null, null, null, "", false, null, null, null));
    ObjectNode json = engine.json(o);
    async.execute(engine::promoteAccepted);
    return json;
  }

  private ArrayNode listOrders(Fields q) {
    String status = q.getValue("status");
    status = status == null || status.isEmpty() ? "open" : status;
    if (!status.matches("open|closed|all")) {
      throw ApiError.validation("invalid status '" + status + "': use open, closed or all");
    }
    int limit = 50;
    String l = q.getValue("limit");
    if (l != null && !l.isEmpty()) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw ApiError.validation("invalid limit '" + l + "': use an integer 1..500");
      }
      if (limit < 1 || limit > 500) {
        throw ApiError.validation("invalid limit " + limit + ": use 1..500");
      }
    }
    String direction = q.getValue("direction");
    if (direction != null && !direction.isEmpty() && !direction.matches("asc|desc")) {
      throw ApiError.validation("invalid direction '" + direction + "': use asc or desc");
    }
    boolean nested = "true".equalsIgnoreCase(q.getValue("nested"));
    Set<String> symbols = null;
    String s = q.getValue("symbols");
    if (s != null && !s.isBlank()) {
      symbols = new HashSet<>(Arrays.asList(s.toUpperCase(java.util.Locale.ROOT).split("\\s*,\\s*")));
    }
    return engine.list(status, limit, "asc".equals(direction), nested, symbols, timeParam(q, "after", Long.MIN_VALUE),
        timeParam(q, "until", Long.MAX_VALUE));
  }

  private static long timeParam(Fields q, String name, long absent) {
    String v = q.getValue(name);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      java.time.Instant i = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(v).toInstant();
      return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    } catch (DateTimeParseException e) {
      throw ApiError.validation("invalid " + name + " '" + v + "': use RFC-3339 (2024-03-01T14:30:00Z) or a date");
    }
  }

  private ObjectNode account() {
    BigDecimal equity = engine.equity();
    BigDecimal longMv = engine.longMarketValue();
    BigDecimal shortMv = engine.shortMarketValue();
    BigDecimal bp = engine.buyingPower();
    BigDecimal cash = engine.cash();
    ObjectNode n = TradingJson.MAPPER.createObjectNode();
    n.put("id", accountId.toString());
    n.put("account_number", "PSIM" + Long.toHexString(accountId.getMostSignificantBits() >>> 32).toUpperCase());
    n.put("status", "ACTIVE");
    n.put("crypto_status", "INACTIVE");
    n.put("currency", "USD");
    n.put("buying_power", TradingJson.dec(bp));
    n.put("regt_buying_power", TradingJson.dec(bp));
    n.put("daytrading_buying_power", "0");
    n.put("effective_buying_power", TradingJson.dec(bp));
    n.put("non_marginable_buying_power", TradingJson.dec(cash.max(BigDecimal.ZERO)));
    n.put("options_buying_power", TradingJson.dec(bp.divide(BigDecimal.valueOf(2))));
    n.put("bod_dtbp", "0");
    n.put("cash", TradingJson.dec(cash));
    n.put("accrued_fees", "0");
    n.put("pending_transfer_in", "0");
    n.put("pending_transfer_out", "0");
    n.put("portfolio_value", TradingJson.dec(equity));
    n.put("pattern_day_trader", false);
    n.put("trading_blocked", false);
    n.put("transfers_blocked", false);
    n.put("account_blocked", false);
    n.put("created_at", TradingJson.time(Math.max(1, engine.accountCreatedMicros())));
    n.put("trade_suspended_by_user", false);
    n.put("multiplier", "2");
    n.put("shorting_enabled", engine.shortingEnabled());
    n.put("equity", TradingJson.dec(equity));
    n.put("last_equity", TradingJson.dec(engine.lastEquity()));
    n.put("long_market_value", TradingJson.dec(longMv));
    n.put("short_market_value", TradingJson.dec(shortMv));
    n.put("position_market_value", TradingJson.dec(longMv.subtract(shortMv)));
    n.put("initial_margin", TradingJson.dec(engine.initialMargin()));
    n.put("maintenance_margin", TradingJson.dec(engine.maintenanceMargin()));
    n.put("last_maintenance_margin", TradingJson.dec(engine.maintenanceMargin()));
    n.put("sma", TradingJson.dec(equity));
    n.put("daytrade_count", 0);
    n.put("balance_asof", TradingJson.instant(Math.max(1, engine.now())).atZone(TradingJson.NEW_YORK).toLocalDate()
        .toString());
    n.put("crypto_tier", 0);
    n.put("options_approved_level", 0);
    n.put("options_trading_level", 0);
    n.put("intraday_adjustments", "0");
    n.put("pending_reg_taf_fees", "0");
    n.putObject("admin_configurations");
    n.putNull("user_configurations");
    return n;
  }

  private ObjectNode clock() {
    long now = engine.now();
    ExchangeCalendar cal = options.calendar();
    ObjectNode n = TradingJson.MAPPER.createObjectNode();
    n.put("timestamp", TradingJson.timeEastern(now));
    boolean open;
    try {
      open = cal.sessionOf(now) == SessionPhase.REGULAR;
      LocalDate d = cal.localDate(now);
      Long nextOpen = null;
      Long nextClose = null;
      for (int i = 0; i < 15 && (nextOpen == null || nextClose == null); i++, d = d.plusDays(1)) {
        if (!cal.isTradingDay(d)) {
          continue;
        }
        Session s = cal.session(d);
        if (nextOpen == null && s.openMicros() > now) {
          nextOpen = s.openMicros();
        }
        if (nextClose == null && s.closeMicros() > now) {
          nextClose = s.closeMicros();
        }
      }
      n.put("is_open", open);
      n.put("next_open", nextOpen == null ? null : TradingJson.timeEastern(nextOpen));
      n.put("next_close", nextClose == null ? null : TradingJson.timeEastern(nextClose));
    } catch (IllegalArgumentException outsideCalendar) {
      throw new ApiError(500, 50010000L, "the simulated clock is outside the calendar's years "
          + cal.firstYear() + ".." + cal.lastYear() + ": extend the calendar file");
    }
    return n;
  }

  private ArrayNode calendar(Fields q) {
    ExchangeCalendar cal = options.calendar();
    LocalDate from = dateParam(q, "start", LocalDate.of(cal.firstYear(), 1, 1));
    LocalDate to = dateParam(q, "end", LocalDate.of(cal.lastYear(), 12, 31));
    if (from.getYear() < cal.firstYear()) {
      from = LocalDate.of(cal.firstYear(), 1, 1);
    }
    if (to.getYear() > cal.lastYear()) {
      to = LocalDate.of(cal.lastYear(), 12, 31);
    }
    ArrayNode out = TradingJson.MAPPER.createArrayNode();
    if (to.isBefore(from)) {
      return out;
    }
    java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
    java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HHmm");
    for (LocalDate d : cal.tradingDays(from, to)) {
      Session s = cal.session(d);
      Session ext = cal.extendedSession(d);
      ObjectNode n = out.addObject();
      n.put("date", d.toString());
      n.put("open", TradingJson.instant(s.openMicros()).atZone(cal.zone()).format(hm));
      n.put("close", TradingJson.instant(s.closeMicros()).atZone(cal.zone()).format(hm));
      n.put("session_open", TradingJson.instant(ext.openMicros()).atZone(cal.zone()).format(hhmm));
      n.put("session_close", TradingJson.instant(ext.closeMicros()).atZone(cal.zone()).format(hhmm));
      n.put("settlement_date", settlement(cal, d).toString());
    }
    return out;
  }

  /** T+1 trading days from 2024-05-28 (the US move to T+1), T+2 before. */
  private static LocalDate settlement(ExchangeCalendar cal, LocalDate d) {
    int days = d.isBefore(LocalDate.of(2024, 5, 28)) ? 2 : 1;
    LocalDate s = d;
    while (days > 0) {
      s = s.plusDays(1);
      if (s.getYear() > cal.lastYear() || cal.isTradingDay(s)) {
        days--;
      }
    }
    return s;
  }

  private static LocalDate dateParam(Fields q, String name, LocalDate absent) {
    String v = q.getValue(name);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
    } catch (DateTimeParseException e) {
      throw ApiError.validation("invalid " + name + " '" + v + "': use YYYY-MM-DD");
    }
  }
}
