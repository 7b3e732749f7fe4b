package io.quantflow.connectors.alpaca.trading;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.connectors.alpaca.AlpacaConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Alpaca's trading REST API (protocol document §3) on the JDK's {@link HttpClient}: account, positions, orders,
 * clock. Works unchanged against Alpaca (paper or, explicitly, live) and the simulator.
 *
 * <pre>{@code
 * AlpacaTradingClient client = AlpacaTradingClient.builder(AlpacaConfig.fromEnvironment(System.getenv()))
 *     .maxAttempts(4).build();
 * AlpacaOrder o = client.submitIdempotent(OrderRequest.builder().symbol("AAPL").buy(10)
 *     .clientOrderId(ClientOrderIds.of("mom", "AAPL", decisionMicros, 0)).build());
 * }</pre>
 *
 * <p>Failures: every non-2xx reply becomes an {@link AlpacaApiException} (status, Alpaca code, message, retriable
 * flag, and what to do). 429 and 5xx replies and I/O failures are retried up to {@code maxAttempts} times with
 * jittered exponential backoff ({@code initialBackoff * 2^n}, times a random factor in [0.5, 1), at most
 * {@code maxBackoff}); on 429 the wait is at least what {@code Retry-After} (seconds) or {@code X-Ratelimit-Reset}
 * (epoch seconds) asks, still capped at {@code maxBackoff}. Retrying a submission is safe because every submitted
 * order carries a {@code client_order_id} (a UUID is generated when the request has none): if an earlier attempt
 * reached Alpaca, the retry is refused as a duplicate and the client returns the order the earlier attempt placed.
 *
 * <p>Money and quantities are {@link java.math.BigDecimal}; times UTC epoch microseconds. Thread-safe.
 */
public final class AlpacaTradingClient {
  private final AlpacaConfig config;
  private final HttpClient http;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;

  AlpacaTradingClient(Builder b) {
    this.config = b.config;
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.requestTimeout = b.requestTimeout;
  }

  /** A client with default settings (4 attempts, 250 ms initial backoff, 30 s maximum). */
  public static AlpacaTradingClient create(AlpacaConfig config) {
    return builder(config).build();
  }

  /** A builder for {@code config}; {@link Builder#build()} calls {@link AlpacaConfig#checkTradingMode()}. */
  public static Builder builder(AlpacaConfig config) {
    return new Builder(config);
  }

  /** The account: cash, equity, buying power, ... */
  public Account account() {
    return TradingCodec.account(call("GET", "/v2/account", null).json());
  }

  /** The open positions, by symbol. */
  public List<Position> positions() {
    List<Position> out = new ArrayList<>();
    for (JsonNode n : call("GET", "/v2/positions", null).json()) {
      out.add(TradingCodec.position(n));
    }
    return out;
  }

  /** The position in {@code symbol}, or empty when there is none (Alpaca's 404 {@code position does not exist}). */
  public Optional<Position> position(String symbol) {
    try {
      return Optional.of(TradingCodec.position(call("GET", "/v2/positions/" + enc(symbol), null).json()));
    } catch (AlpacaApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Closes the whole position in {@code symbol} with a market order; returns that order. */
  public AlpacaOrder closePosition(String symbol) {
    return TradingCodec.order(call("DELETE", "/v2/positions/" + enc(symbol), null).json());
  }

  /**
   * Submits {@code request}; returns the order as Alpaca accepted it (usually {@code accepted} or {@code new}:
   * fills arrive later, on the trade-updates stream). A reused {@code client_order_id} fails with
   * {@link AlpacaApiException#duplicateClientOrderId()}, unless the reuse came from this call's own retry.
   */
  public AlpacaOrder submit(OrderRequest request) {
    return submit(request, false);
  }

  /**
   * Submits {@code request} idempotently: when Alpaca refuses its {@code client_order_id} as already used
   * (422 {@code client_order_id must be unique}), returns the existing order with that id instead of failing.
   * With deterministic ids ({@link ClientOrderIds}) this makes a replayed decision a no-op.
   *
   * @throws IllegalArgumentException when the request has no client order id (idempotence needs one)
   * @throws IllegalStateException when the existing order differs in symbol, side or qty (the id names another
   *     decision)
   */
  public AlpacaOrder submitIdempotent(OrderRequest request) {
    if (request.clientOrderId() == null || request.clientOrderId().isEmpty()) {
      throw new IllegalArgumentException("submitIdempotent needs a clientOrderId: set one with "
          + "OrderRequest.Builder.clientOrderId(ClientOrderIds.of(...))");
    }
    return submit(request, true);
  }

  private AlpacaOrder submit(OrderRequest request, boolean idempotent) {
    OrderRequest r = request.clientOrderId() == null || request.clientOrderId().isEmpty()
        ? request.withClientOrderId(UUID.randomUUID().toString()) : request;
    Reply reply;
    try {
      reply = call("POST", "/v2/orders", TradingCodec.orderBody(r));
    } catch (AlpacaApiException e) {
      if (e.duplicateClientOrderId() && (idempotent || e.getSuppressed().length > 0)) {
        AlpacaOrder existing = orderByClientId(r.clientOrderId());
        if (!sameOrder(existing, r)) {
          throw new IllegalStateException("client_order_id " + r.clientOrderId() + " is already used by order "
              + existing.id() + " (" + existing.side() + " " + existing.qty() + " " + existing.symbol() + "), not "
              + r.side().wire() + " " + r.qty() + " " + r.symbol() + ": derive ids from the whole decision "
              + "(ClientOrderIds.of(strategy, symbol, decisionMicros, sequence))", e);
        }
        return existing;
      }
      throw e;
    }
    return TradingCodec.order(reply.json());
  }

  private static boolean sameOrder(AlpacaOrder o, OrderRequest r) {
    return r.symbol().equalsIgnoreCase(o.symbol()) && r.side().wire().equals(o.side()) && o.qty() != null
        && o.qty().compareTo(r.qty()) == 0;
  }

  /** The order with Alpaca id {@code id} (legs nested). */
  public AlpacaOrder order(String id) {
    return TradingCodec.order(call("GET", "/v2/orders/" + enc(id) + "?nested=true", null).json());
  }

  /** The order with client order id {@code clientOrderId}. */
  public AlpacaOrder orderByClientId(String clientOrderId) {
    return TradingCodec.order(call("GET", "/v2/orders:by_client_order_id?client_order_id=" + enc(clientOrderId),
        null).json());
  }

  /** Which orders {@link #orders(OrderStatus, int, String...)} lists. */
  public enum OrderStatus { OPEN, CLOSED, ALL }

  /** The open orders (at most 500, newest first). */
  public List<AlpacaOrder> openOrders() {
    return orders(OrderStatus.OPEN, 500);
  }

  /**
   * Orders by status, newest first, at most {@code limit} (1..500), legs nested under their entry, optionally only
   * of {@code symbols}.
   */
  public List<AlpacaOrder> orders(OrderStatus status, int limit, String... symbols) {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("Argument 'limit' must be in 1..500 but was " + limit);
    }
    StringBuilder q = new StringBuilder("/v2/orders?status=").append(status.name().toLowerCase(Locale.ROOT))
        .append("&limit=").append(limit).append("&direction=desc&nested=true");
    if (symbols.length > 0) {
      q.append("&symbols=").append(enc(String.join(",", symbols)));
    }
    List<AlpacaOrder> out = new ArrayList<>();
    for (JsonNode n : call("GET", q.toString(), null).json()) {
      out.add(TradingCodec.order(n));
    }
    return out;
  }

  /**
   * Requests the cancel of order {@code id} (Alpaca answers 204; the {@code canceled} event follows on the stream).
   * A finished order fails with 422 code 42210000.
   */
  public void cancel(String id) {
    call("DELETE", "/v2/orders/" + enc(id), null);
  }

  /** Requests the cancel of every open order; returns the ids Alpaca accepted to cancel. */
  public List<String> cancelAll() {
    List<String> ids = new ArrayList<>();
    for (JsonNode n : call("DELETE", "/v2/orders", null).json()) {
      ids.add(n.path("id").asText());
    }
    return ids;
  }

  /** Replaces order {@code id}; returns the new order (its {@code replaces} is {@code id}). */
  public AlpacaOrder replace(String id, ReplaceRequest changes) {
    Objects.requireNonNull(changes, "changes");
    return TradingCodec.order(call("PATCH", "/v2/orders/" + enc(id), TradingCodec.replaceBody(changes)).json());
  }

  /** The market clock. */
  public Clock clock() {
    return TradingCodec.clock(call("GET", "/v2/clock", null).json());
  }

  private static String enc(String s) {
    return URLEncoder.encode(Objects.requireNonNull(s, "id"), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A 2xx reply's body. */
  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return TradingCodec.MAPPER.readTree(body.isEmpty() ? "null" : body);
      } catch (IOException e) {
        throw new AlpacaApiException(status, 0, "reply is not JSON: " + e.getMessage(), false, "parse", e);
      }
    }
  }

  /** Sends with retries; earlier failures are attached as suppressed exceptions of the final one. */
  private Reply call(String method, String pathAndQuery, String body) {
    String what = method + " " + pathAndQuery.replaceAll("\\?.*", "");
    List<AlpacaApiException> failures = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(config.tradingUrl() + pathAndQuery))
          .timeout(requestTimeout)
          .header("APCA-API-KEY-ID", config.keyId())
          .header("APCA-API-SECRET-KEY", config.secretKey())
          .header("Accept", "application/json");
      if (body != null) {
        rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      }
      AlpacaApiException failure;
      long headerWaitMillis = 0;
      try {
        HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        int status = resp.statusCode();
        if (status >= 200 && status < 300) {
          return new Reply(status, resp.body() == null ? "" : resp.body());
        }
        failure = error(status, resp.body(), what);
        if (status == 429) {
          headerWaitMillis = rateLimitWaitMillis(resp);
        }
      } catch (IOException e) {
        failure = new AlpacaApiException(0, 0, e.toString(), true, what, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AlpacaApiException(0, 0, "interrupted", false, what, e);
      }
      if (!failure.retriable() || attempt >= maxAttempts) {
        failures.forEach(failure::addSuppressed);
        throw failure;
      }
      failures.add(failure);
      sleep(Math.min(maxBackoff.toMillis(), Math.max(backoffMillis(attempt), headerWaitMillis)), what);
    }
  }

  private long backoffMillis(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(maxBackoff.toMillis(), base);
    return (long) (capped * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
  }

  private static long rateLimitWaitMillis(HttpResponse<?> resp) {
    try {
      Optional<String> retryAfter = resp.headers().firstValue("Retry-After");
      if (retryAfter.isPresent()) {
        return Long.parseLong(retryAfter.get().trim()) * 1000;
      }
      Optional<String> reset = resp.headers().firstValue("X-Ratelimit-Reset");
      if (reset.isPresent()) {
        return Math.max(0, Long.parseLong(reset.get().trim()) * 1000 - System.currentTimeMillis());
      }
    } catch (NumberFormatException ignored) {
      // an unreadable header: fall back to the backoff
    }
    return 0;
  }

  private static void sleep(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlpacaApiException(0, 0, "interrupted while backing off", false, what, e);
    }
  }

  private static AlpacaApiException error(int status, String body, String what) {
    long code = 0;
    String message = body == null ? "" : body;
    try {
      JsonNode n = TradingCodec.MAPPER.readTree(message);
      if (n != null && n.isObject()) {
        code = n.path("code").asLong(0);
        message = n.path("message").asText(message);
      }
    } catch (IOException notJson) {
      // keep the raw body as the message
    }
    boolean retriable = status == 429 || status >= 500;
    return new AlpacaApiException(status, code, message, retriable, what, null);
  }

  /** Builds an {@link AlpacaTradingClient}; defaults set here, checked in {@link #build()}. */
  public static final class Builder {
    private final AlpacaConfig config;
    private HttpClient http;
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);

    Builder(AlpacaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Attempts per request including the first (default 4); 1 disables retries. */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("Argument 'maxAttempts' must be positive but was " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /** The first retry's backoff before jitter (default 250 ms); doubles each retry. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = positive(d, "initialBackoff");
      return this;
    }

    /** The longest wait between attempts, also capping {@code Retry-After}/{@code X-Ratelimit-Reset} (default 30 s). */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = positive(d, "maxBackoff");
      return this;
    }

    /** Per-request timeout (default 30 s). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** TCP connect timeout of the default HTTP client (default 10 s). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** An HTTP client to share (default: a new one). */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException when the config points at the live endpoint without live trading enabled
     */
    public AlpacaTradingClient build() {
      config.checkTradingMode();
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalStateException("initialBackoff " + initialBackoff + " exceeds maxBackoff " + maxBackoff);
      }
      return new AlpacaTradingClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Argument '" + name + "' must be a positive duration but was " + d);
      }
      return d;
    }
  }
}
