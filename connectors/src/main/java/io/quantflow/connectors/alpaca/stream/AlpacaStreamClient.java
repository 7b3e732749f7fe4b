package io.quantflow.connectors.alpaca.stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.domain.Checks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of Alpaca's market-data WebSocket ({@link AlpacaConfig#marketDataStreamUri()}, docs/alpaca-protocol.md
 * §1). It waits for {@code connected}, authenticates, subscribes, and hands every parsed message to a
 * {@link Listener}; fragmented text frames are joined first. It sends a WebSocket ping every 10 s (configurable).
 *
 * <p>Subscriptions: {@link #subscribe} and {@link #unsubscribe} change the <em>desired</em> set and complete with
 * the server's confirmed set ({@link #confirmed()}). On a disconnect, a server error that calls for it (401, 404,
 * 406, 407, 500) or a failed connect, the client reconnects with jittered exponential backoff (a bounded number of
 * consecutive attempts), re-authenticates and re-subscribes the whole desired set, then calls
 * {@link Listener#onReady}. 406 (connection limit) is retried at most {@link Builder#maxConnectionLimitRetries}
 * times. 402, 408, 409, 410, 411 are fatal: the client stops and calls {@link Listener#onClosed} with the error.
 * 400 and 405 fail the subscribe they answer and keep the session.
 *
 * <pre>{@code
 * AlpacaStreamClient client = AlpacaStreamClient.builder(config).listener(m -> System.out.println(m)).build();
 * client.connect().get(10, TimeUnit.SECONDS);
 * client.subscribe(Subscriptions.of(Channel.BARS, List.of("AAPL"))).get(5, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>Listener callbacks run on the client's threads, one at a time, and must not block. Pings are fire-and-forget
 * (a dead connection shows up as a failed send or a close, then the client reconnects). Only JSON text frames are
 * read (no msgpack); a binary frame is reported as {@link StreamMessage.Malformed}. Thread-safe.
 */
public final class AlpacaStreamClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlpacaStreamClient.class);

  /** Receives what the stream sends. Calls are serialized; none may block. */
  @FunctionalInterface
  public interface Listener {
    /** A data message, an {@link StreamMessage.Unknown} or a {@link StreamMessage.Malformed} one. */
    void onMessage(StreamMessage message);

    /**
     * The session is authenticated and the desired subscriptions are confirmed; {@code sessions} counts the sessions
     * so far (1 on the first connect, more after reconnects). Messages before the next {@code onReady} may be
     * missing: a reconnect loses whatever the server sent meanwhile.
     */
    default void onReady(int sessions) {}

    /** The connection dropped; the client reconnects unless it is closed or gives up. */
    default void onDisconnected(String reason) {}

    /** A server error or a connection failure, with how the client reacts. */
    default void onError(AlpacaStreamException error) {}

    /** The client stopped: {@code cause} is the fatal error or the last failure, null after {@link #close()}. */
    default void onClosed(AlpacaStreamException cause) {}
  }

  private record Pending(CompletableFuture<Subscriptions> future, boolean resubscribe) {}

  /** One WebSocket connection. */
  private final class Session implements WebSocket.Listener {
    final int id;
    volatile WebSocket ws;
    final StringBuilder text = new StringBuilder();
    boolean authenticated;
    CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

    Session(int id) {
      this.id = id;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      // the JDK hands a CharBuffer: its toString() copies the array at once, where append(CharSequence) goes char
      // by char (a quarter of the client's CPU on big frames); a frame in one piece skips the builder altogether
      String part = data.toString();
      if (last && text.length() == 0) {
        onFrame(this, part);
      } else {
        text.append(part);
        if (last) {
          String frame = text.toString();
          text.setLength(0);
          onFrame(this, frame);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      synchronized (lock) {
        if (current == this) {
          listener.onMessage(new StreamMessage.Malformed("binary frame (msgpack?); this client reads JSON text "
              + "frames", new String(b, java.nio.charset.StandardCharsets.UTF_8), nowMicros()));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      lost(this, "server closed the connection (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost(this, "connection failed: " + error);
    }

    void send(String message) {
      synchronized (this) {
        sends = sends.thenCompose(x -> ws.sendText(message, true)).whenComplete((x, e) -> {
          if (e != null) {
            lost(this, "send failed: " + e);
          }
        });
      }
    }
  }

  private final AlpacaConfig config;
  private final URI uri;
  private final Listener listener;
  private final HttpClient http;
  private final int maxReconnectAttempts;
  private final int maxConnectionLimitRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration pingInterval;
  private final Duration connectTimeout;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();

  private Session current;
  private int sessionIds;
  private int readySessions;
  private int failedAttempts;
  private int connectionLimitHits;
  private boolean closed;
  private boolean started;
  private Subscriptions desired = Subscriptions.none();
  private volatile Subscriptions confirmed = Subscriptions.none();
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final List<CompletableFuture<Subscriptions>> awaitingReady = new ArrayList<>();
  private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

  private AlpacaStreamClient(Builder b) {
    this.config = b.config;
    this.uri = b.uri != null ? b.uri : b.config.marketDataStreamUri();
    this.listener = b.listener;
    this.http = HttpClient.newHttpClient();
    this.maxReconnectAttempts = b.maxReconnectAttempts;
    this.maxConnectionLimitRetries = b.maxConnectionLimitRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.pingInterval = b.pingInterval;
    this.connectTimeout = b.connectTimeout;
    this.desired = b.initial.requestable();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "alpaca-stream-" + uri.getPath());
      t.setDaemon(true);
      return t;
    });
  }

  /** A builder; {@link Builder#listener} is required. */
  public static Builder builder(AlpacaConfig config) {
    return new Builder(config);
  }

  /**
   * Connects, authenticates and subscribes the initial set. The future completes at the first {@code onReady} and
   * fails when the client stops before (fatal error, attempts exhausted).
   *
   * @throws IllegalStateException if called twice
   */
  public CompletableFuture<Void> connect() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("connect() was already called; create a new client to connect again");
      }
      started = true;
      open();
      if (!pingInterval.isZero()) {
        scheduler.scheduleAtFixedRate(this::ping, pingInterval.toMillis(), pingInterval.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    }
    return firstReady;
  }

  /** Adds {@code add} to the desired set; completes with the server's confirmed set (after a reconnect if down). */
  public CompletableFuture<Subscriptions> subscribe(Subscriptions add) {
    return change(Checks.notNull(add, "add").requestable(), true);
  }

  /** Removes {@code remove} from the desired set; completes with the server's confirmed set. */
  public CompletableFuture<Subscriptions> unsubscribe(Subscriptions remove) {
    return change(Checks.notNull(remove, "remove").requestable(), false);
  }

  private CompletableFuture<Subscriptions> change(Subscriptions delta, boolean add) {
    CompletableFuture<Subscriptions> f = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        f.completeExceptionally(new IllegalStateException("The stream client is closed; create a new one"));
        return f;
      }
      desired = add ? desired.plus(delta) : desired.minus(delta);
      if (delta.isEmpty()) {
        f.complete(confirmed);
      } else if (current != null && current.authenticated) {
        pending.add(new Pending(f, false));
        current.send(delta.toMessage(add ? "subscribe" : "unsubscribe"));
      } else {
        awaitingReady.add(f);
      }
    }
    return f;
  }

  /** The subscription set the server last confirmed (empty while disconnected). */
  public Subscriptions confirmed() {
    return confirmed;
  }

  /** The subscription set the client restores on every (re)connect. */
  public Subscriptions desired() {
    synchronized (lock) {
      return desired;
    }
  }

  /** The stream URI. */
  public URI uri() {
    return uri;
  }

  /** Closes the connection and stops reconnecting; calls {@link Listener#onClosed} with null. */
  @Override
  public void close() {
    Session s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = current;
      current = null;
      confirmed = Subscriptions.none();
      failAll(new IllegalStateException("The stream client was closed"));
      listener.onClosed(null);
    }
    if (s != null && s.ws != null) {
      s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").orTimeout(2, TimeUnit.SECONDS)
          .whenComplete((x, e) -> s.ws.abort());
    }
    scheduler.shutdownNow();
  }

  private void open() {
    Session s = new Session(++sessionIds);
    current = s;
    confirmed = Subscriptions.none();
    // the JDK's connect timeout does not always end a handshake that stalls after an abrupt disconnect: bound the
    // whole opening ourselves, so a stalled attempt fails and the next one starts
    http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, s)
        .orTimeout(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).whenComplete((ws, e) -> {
      if (e != null && ws == null && s.ws != null) {
        s.ws.abort(); // opened after all, too late: this session is abandoned
      }
      if (e == null) {
        return;
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        if (status == 401 || status == 403 || status == 404) {
          synchronized (lock) {
            if (current == s) {
              stop(new AlpacaStreamException(0, "The WebSocket handshake with " + uri + " was refused with HTTP "
                  + status + "; check APCA_API_STREAM_URL, the feed and the keys", AlpacaStreamException.Reaction.FATAL,
                  cause));
            }
          }
          return;
        }
      }
      lost(s, "could not connect to " + uri + ": " + cause);
    });
  }

  private void onFrame(Session s, String frame) {
    long rx = nowMicros();
    synchronized (lock) {
      if (current != s || closed) {
        return;
      }
      for (StreamMessage m : StreamMessages.parse(frame, rx)) {
        if (current != s || closed) {
          return;
        }
        handle(s, m);
      }
    }
  }

  private void handle(Session s, StreamMessage m) {
    if (m instanceof StreamMessage.Success ok) {
      if (ok.msg().equals("connected")) {
        ObjectNode auth = JsonNodeFactory.instance.objectNode();
        auth.put("action", "auth").put("key", config.keyId()).put("secret", config.secretKey());
        s.send(auth.toString());
      } else if (ok.msg().equals("authenticated")) {
        s.authenticated = true;
        connectionLimitHits = 0;
        if (desired.isEmpty()) {
          ready();
        } else {
          pending.add(new Pending(new CompletableFuture<>(), true));
          s.send(desired.toMessage("subscribe"));
        }
      } else {
        LOG.info("Alpaca stream {}: {}", uri, ok.msg());
      }
    } else if (m instanceof StreamMessage.Subscription sub) {
      confirmed = sub.subscriptions();
      Pending p = pending.poll();
      if (p != null && p.resubscribe()) {
        ready();
      } else if (p != null) {
        p.future().complete(confirmed);
      }
    } else if (m instanceof StreamMessage.Error err) {
      onServerError(s, AlpacaStreamException.of(err.code(), err.msg()));
    } else {
      if (m instanceof StreamMessage.Malformed bad) {
        LOG.warn("Malformed message from {}: {}: {}", uri, bad.reason(), bad.raw());
      } else if (m instanceof StreamMessage.Unknown u) {
        LOG.debug("Message of unknown type '{}' from {}: {}", u.type(), uri, u.raw());
      }
      listener.onMessage(m);
    }
  }

  private void onServerError(Session s, AlpacaStreamException e) {
    LOG.warn("{} ({})", e.getMessage(), e.reaction());
    listener.onError(e);
    switch (e.reaction()) {
      case FATAL -> stop(e);
      case RECONNECT -> {
        if (e.code() == 406 && ++connectionLimitHits > maxConnectionLimitRetries) {
          stop(new AlpacaStreamException(406, e.getMessage() + "; gave up after " + maxConnectionLimitRetries
              + " retries", AlpacaStreamException.Reaction.FATAL, e));
          return;
        }
        if (s.ws != null) {
          s.ws.abort();
        }
        lostLocked(s, e.getMessage());
      }
      case REPORT -> {
        if ((e.code() == 400 || e.code() == 405) && !pending.isEmpty()) {
          Pending p = pending.poll();
          p.future().completeExceptionally(e);
          if (p.resubscribe()) {
            ready();
          }
        }
      }
      default -> throw new IllegalStateException("Unknown reaction " + e.reaction());
    }
  }

  private void ready() {
    failedAttempts = 0;
    readySessions++;
    Subscriptions c = confirmed;
    awaitingReady.forEach(f -> f.complete(c));
    awaitingReady.clear();
    listener.onReady(readySessions);
    firstReady.complete(null);
  }

  private void lost(Session s, String reason) {
    synchronized (lock) {
      lostLocked(s, reason);
    }
  }

  private void lostLocked(Session s, String reason) {
    if (current != s || closed) {
      return;
    }
    current = null;
    confirmed = Subscriptions.none();
    // requests in flight are answered after the re-subscribe, which sends the whole desired set
    for (Pending p : pending) {
      if (!p.resubscribe()) {
        awaitingReady.add(p.future());
      }
    }
    pending.clear();
    listener.onDisconnected(reason);
    failedAttempts++;
    if (failedAttempts > maxReconnectAttempts) {
      stop(new AlpacaStreamException(0, "Gave up on " + uri + " after " + maxReconnectAttempts
          + " reconnect attempts; last failure: " + reason + "; check APCA_API_STREAM_URL and the network",
          AlpacaStreamException.Reaction.FATAL, null));
      return;
    }
    long delay = backoffMillis(failedAttempts);
    LOG.info("Alpaca stream {} lost ({}); reconnect attempt {} of {} in {} ms", uri, reason, failedAttempts,
        maxReconnectAttempts, delay);
    scheduler.schedule(() -> {
      synchronized (lock) {
        if (!closed && current == null) {
          open();
        }
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** Jittered exponential backoff: a random time in [d/2, d], d = initial * 2^(attempt-1), capped at the maximum. */
  long backoffMillis(int attempt) {
    long d = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 30));
    return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
  }

  private void stop(AlpacaStreamException cause) {
    if (closed) {
      return;
    }
    closed = true;
    Session s = current;
    current = null;
    confirmed = Subscriptions.none();
    if (s != null && s.ws != null) {
      s.ws.abort();
    }
    failAll(cause);
    listener.onClosed(cause);
    scheduler.shutdown();
  }

  private void failAll(Exception cause) {
    pending.forEach(p -> p.future().completeExceptionally(cause));
    pending.clear();
    awaitingReady.forEach(f -> f.completeExceptionally(cause));
    awaitingReady.clear();
    firstReady.completeExceptionally(cause);
  }

  private void ping() {
    Session s;
    synchronized (lock) {
      s = current;
    }
    if (s != null && s.ws != null) {
      s.ws.sendPing(ByteBuffer.allocate(0)).whenComplete((x, e) -> {
        if (e != null) {
          lost(s, "ping failed: " + e);
        }
      });
    }
  }

  private static long nowMicros() {
    return AlpacaTime.toMicros(Instant.now());
  }

  /** Settings of an {@link AlpacaStreamClient}. */
  public static final class Builder {
    private final AlpacaConfig config;
    private URI uri;
    private Listener listener;
    private Subscriptions initial = Subscriptions.none();
    private int maxReconnectAttempts = 10;
    private int maxConnectionLimitRetries = 5;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration pingInterval = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);

    private Builder(AlpacaConfig config) {
      this.config = Checks.notNull(config, "config");
    }

    /** Receives the messages (required). */
    public Builder listener(Listener l) {
      this.listener = Checks.notNull(l, "listener");
      return this;
    }

    /** The subscriptions sent right after authenticating (default none). */
    public Builder subscriptions(Subscriptions s) {
      this.initial = Checks.notNull(s, "subscriptions");
      return this;
    }

    /** Another stream URI than the config's (e.g. the {@code test} feed). */
    public Builder uri(URI streamUri) {
      this.uri = Checks.notNull(streamUri, "uri");
      return this;
    }

    /** Consecutive failed (re)connects before giving up (default 10); 0 never reconnects. */
    public Builder maxReconnectAttempts(int n) {
      Checks.isTrue(n >= 0, "Argument 'maxReconnectAttempts' must not be negative but was %d", n);
      this.maxReconnectAttempts = n;
      return this;
    }

    /** How often a 406 (connection limit) is retried before giving up (default 5). */
    public Builder maxConnectionLimitRetries(int n) {
      Checks.isTrue(n >= 0, "Argument 'maxConnectionLimitRetries' must not be negative but was %d", n);
      this.maxConnectionLimitRetries = n;
      return this;
    }

    /** First reconnect delay (default 250 ms) and the cap of the doubling delays (default 30 s). */
    public Builder backoff(Duration initial, Duration max) {
      Checks.isTrue(initial != null && initial.toMillis() > 0, "Argument 'initial' must be positive");
      Checks.isTrue(max != null && max.compareTo(initial) >= 0, "Argument 'max' must be at least 'initial'");
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Interval of WebSocket pings (default 10 s, as Alpaca's Go SDK); zero disables them. */
    public Builder pingInterval(Duration interval) {
      Checks.isTrue(interval != null && !interval.isNegative(), "Argument 'pingInterval' must not be negative");
      this.pingInterval = interval;
      return this;
    }

    /** Timeout of the WebSocket handshake (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Checks.notNull(timeout, "timeout");
      return this;
    }

    /**
     * The client (not yet connected).
     *
     * @throws IllegalStateException if no listener was set
     */
    public AlpacaStreamClient build() {
      if (listener == null) {
        throw new IllegalStateException("Property listener is required but not provided; call listener(..)");
      }
      return new AlpacaStreamClient(this);
    }
  }
}
