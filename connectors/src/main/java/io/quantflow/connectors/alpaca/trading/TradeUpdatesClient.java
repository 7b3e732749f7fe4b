package io.quantflow.connectors.alpaca.trading;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.connectors.alpaca.AlpacaConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alpaca's {@code trade_updates} stream (protocol document §4) on the JDK's {@link WebSocket}: connects to
 * {@link AlpacaConfig#tradeUpdatesUri()}, authenticates, listens to {@code trade_updates} and hands each decoded
 * {@link TradeUpdate} to the listener, in order, on the WebSocket's thread. Server frames are binary (as Alpaca
 * sends them); text frames are tolerated.
 *
 * <pre>{@code
 * try (TradeUpdatesClient updates = TradeUpdatesClient.builder(config).listener(u -> log(u)).build()) {
 *   updates.start();   // throws AlpacaApiException(401) on wrong keys
 *   ...
 * }
 * }</pre>
 *
 * <p>When the connection drops, the client reconnects with jittered exponential backoff (at most
 * {@code maxReconnectAttempts} attempts in a row, waits from {@code initialBackoff} doubling to {@code maxBackoff})
 * and listens again; updates sent while disconnected are not replayed by Alpaca, so reconcile with
 * {@link AlpacaTradingClient#openOrders()} after {@link Listener#onReconnected()}. An unauthorized reply is never
 * retried: {@link #start()} throws it, or a reconnect reports it to {@link Listener#onError(Throwable)}.
 */
public final class TradeUpdatesClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TradeUpdatesClient.class);

  /** Receives updates and connection events. */
  @FunctionalInterface
  public interface Listener {
    /** One update. */
    void onUpdate(TradeUpdate update);

    /** The stream is listening again after a reconnect (updates in the gap are lost). */
    default void onReconnected() {}

    /** The stream stopped for good: unauthorized, or reconnects exhausted. */
    default void onError(Throwable error) {}
  }

  private final AlpacaConfig config;
  private final Listener listener;
  private final HttpClient http;
  private final int maxReconnectAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration handshakeTimeout;
  private final ScheduledExecutorService scheduler;
  private volatile Connection current;
  private volatile boolean closed;

  TradeUpdatesClient(Builder b) {
    this.config = b.config;
    this.listener = b.listener;
    this.http = b.http != null ? b.http : HttpClient.newHttpClient();
    this.maxReconnectAttempts = b.maxReconnectAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.handshakeTimeout = b.handshakeTimeout;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "alpaca-trade-updates-reconnect");
      t.setDaemon(true);
      return t;
    });
  }

  /** A builder for {@code config}. */
  public static Builder builder(AlpacaConfig config) {
    return new Builder(config);
  }

  /**
   * Connects, authenticates and listens; returns once Alpaca acknowledges {@code trade_updates}.
   *
   * A failed or stalled connection is retried (up to 3 attempts, {@code initialBackoff} apart): a handshake can stall
   * now and then, and one attempt should not decide a job's start.
   *
   * @throws AlpacaApiException status 401 (not retriable) on wrong keys, at once; status 0 when every attempt to
   *     connect or to complete the handshake failed
   */
  public void start() {
    if (closed) {
      throw new IllegalStateException("This TradeUpdatesClient is closed; build a new one");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        current = connect();
        return;
      } catch (AlpacaApiException e) {
        if (!e.retriable() || attempt >= Math.min(3, maxReconnectAttempts)) {
          throw e;
        }
        try {
          Thread.sleep(initialBackoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Whether a connection is currently listening. */
  public boolean connected() {
    Connection c = current;
    return c != null && c.listening;
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    Connection c = current;
    if (c != null && c.ws != null) {
      c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").exceptionally(t -> null);
      c.ws.abort();
    }
  }

  private Connection connect() {
    URI uri = config.tradeUpdatesUri();
    Connection c = new Connection();
    try {
      c.ws = http.newWebSocketBuilder().connectTimeout(handshakeTimeout).buildAsync(uri, c)
          .get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      c.ws.sendText("{\"action\":\"authenticate\",\"data\":{\"key_id\":" + quote(config.keyId())
          + ",\"secret_key\":" + quote(config.secretKey()) + "}}", true);
      JsonNode auth = c.auth.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!"authorized".equals(auth.path("data").path("status").asText())) {
        c.ws.abort();
        throw new AlpacaApiException(401, AlpacaApiException.CODE_UNAUTHORIZED, "trade_updates stream: "
            + auth.path("data").path("status").asText("no status"), false, "authenticate " + uri, null);
      }
      c.ws.sendText("{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}", true);
      JsonNode ack = c.listen.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      boolean ok = false;
      for (JsonNode s : ack.path("data").path("streams")) {
        ok |= s.asText().equals("trade_updates");
      }
      if (!ok) {
        c.ws.abort();
        throw new AlpacaApiException(0, 0, "listen was not acknowledged for trade_updates: " + ack, false,
            "listen " + uri, null);
      }
      c.listening = true;
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlpacaApiException(0, 0, "interrupted", false, "connect " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      if (c.ws != null) {
        c.ws.abort();
      }
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new AlpacaApiException(0, 0, String.valueOf(cause), true, "connect " + uri, cause);
    }
  }

  private static String quote(String s) {
    return TradingCodec.MAPPER.getNodeFactory().textNode(s).toString();
  }

  private void connectionLost(Connection c, Throwable why) {
    if (closed || c != current) {
      return;
    }
    c.listening = false;
    LOG.warn("trade_updates connection lost ({}); reconnecting", why == null ? "closed by server" : why.toString());
    scheduleReconnect(1);
  }

  private void scheduleReconnect(int attempt) {
    long base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
    long delay = (long) (base * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
    try {
      scheduler.schedule(() -> reconnect(attempt), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
      // close() was called
    }
  }

  private void reconnect(int attempt) {
    if (closed) {
      return;
    }
    try {
      current = connect();
      listener.onReconnected();
    } catch (AlpacaApiException e) {
      if (!e.retriable() || attempt >= maxReconnectAttempts) {
        listener.onError(e);
        return;
      }
      scheduleReconnect(attempt + 1);
    }
  }

  /** One WebSocket connection: collects frames into messages and routes them. */
  private final class Connection implements WebSocket.Listener {
    final CompletableFuture<JsonNode> auth = new CompletableFuture<>();
    final CompletableFuture<JsonNode> listen = new CompletableFuture<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    volatile WebSocket ws;
    volatile boolean listening;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String m = text.toString();
        text.setLength(0);
        onMessage(m);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.write(chunk, 0, chunk.length);
      if (last) {
        String m = binary.toString(StandardCharsets.UTF_8);
        binary.reset();
        onMessage(m);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      failHandshake(new IllegalStateException("closed by server: " + statusCode + " " + reason));
      connectionLost(this, null);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failHandshake(error);
      connectionLost(this, error);
    }

    private void failHandshake(Throwable t) {
      auth.completeExceptionally(t);
      listen.completeExceptionally(t);
    }

    private void onMessage(String m) {
      JsonNode n;
      try {
        n = TradingCodec.MAPPER.readTree(m);
      } catch (Exception e) {
        LOG.warn("trade_updates: ignoring a message that is not JSON ({} chars)", m.length());
        return;
      }
      switch (n.path("stream").asText("")) {
        case "authorization" -> auth.complete(n);
        case "listening" -> listen.complete(n);
        case "trade_updates" -> {
          TradeUpdate u;
          try {
            u = TradingCodec.tradeUpdate(n.path("data"));
          } catch (RuntimeException e) {
            LOG.warn("trade_updates: could not decode an update ({}); skipping it", e.toString());
            return;
          }
          try {
            listener.onUpdate(u);
          } catch (RuntimeException e) {
            LOG.error("trade_updates listener failed on {} of order {}", u.event(), u.order().id(), e);
          }
        }
        default -> LOG.debug("trade_updates: ignoring stream '{}'", n.path("stream").asText());
      }
    }
  }

  /** Builds a {@link TradeUpdatesClient}; defaults set here. */
  public static final class Builder {
    private final AlpacaConfig config;
    private Listener listener;
    private HttpClient http;
    private int maxReconnectAttempts = 10;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    Builder(AlpacaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Receives the updates (required). */
    public Builder listener(Listener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** Reconnect attempts in a row before giving up (default 10). */
    public Builder maxReconnectAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("Argument 'maxReconnectAttempts' must be positive but was " + n);
      }
      this.maxReconnectAttempts = n;
      return this;
    }

    /** The first reconnect's wait before jitter (default 500 ms); doubles each attempt. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = Objects.requireNonNull(d, "initialBackoff");
      return this;
    }

    /** The longest wait between reconnects (default 30 s). */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = Objects.requireNonNull(d, "maxBackoff");
      return this;
    }

    /** How long connecting, authenticating and listening may each take (default 10 s). */
    public Builder handshakeTimeout(Duration d) {
      this.handshakeTimeout = Objects.requireNonNull(d, "handshakeTimeout");
      return this;
    }

    /** An HTTP client to share. */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The client, not yet connected; fails naming a missing setting. */
    public TradeUpdatesClient build() {
      if (listener == null) {
        throw new IllegalStateException("Property listener is required but not provided");
      }
      if (initialBackoff.isNegative() || initialBackoff.isZero() || initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalStateException("initialBackoff must be positive and at most maxBackoff but was "
            + initialBackoff + " (maxBackoff " + maxBackoff + ")");
      }
      config.checkTradingMode();
      return new TradeUpdatesClient(this);
    }
  }
}
