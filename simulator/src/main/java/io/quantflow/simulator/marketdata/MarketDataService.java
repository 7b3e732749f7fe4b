package io.quantflow.simulator.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.domain.Bar;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.MarketTape;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.SimulatorService;
import io.quantflow.simulator.StoreTape;
import io.quantflow.simulator.TapeEvent;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alpaca's real-time stock market-data WebSocket ({@code /v2/iex}, {@code /v2/sip}, {@code /v2/delayed_sip},
 * {@code /v2/test}; protocol document §1), publishing the {@link MarketTape} to the subscribed sessions as JSON text
 * frames.
 *
 * <p>Flow: the welcome {@code [{"T":"success","msg":"connected"}]} on connect; {@code {"action":"auth",...}} within
 * {@link Options#authTimeout()} (else {@code 404 auth timeout} and a close); then {@code subscribe} /
 * {@code unsubscribe}, each answered with the session's whole subscription set. Errors are Alpaca's: 400 invalid
 * syntax (bad JSON, unknown action, bad symbol), 401 not authenticated, 402 auth failed, 403 already authenticated,
 * 405 symbol limit exceeded (the set is kept), 406 connection limit exceeded (the socket stays open, so a client may
 * retry the auth), 409 insufficient subscription (feed not in {@link Options#entitledFeeds()}), 410 invalid subscribe
 * action (a non-empty list for a channel that does not exist; null or empty unknown keys are ignored, as Go sends
 * some). Symbols are upper case {@code [A-Z0-9][A-Z0-9./-]*} (at most 20 characters) or {@code *}.
 *
 * <p>Data: trades {@code t}, quotes {@code q}, minute bars {@code b}, statuses {@code s}, and daily bars {@code d}
 * (the New York day so far, after each minute bar from 09:30 New York on). All messages of one simulated instant
 * that a session wants go in one frame (so frames hold one or many messages); ordering is the tape's. The store has
 * no late trades, so {@code updatedBars} never carry data; {@code lulds} and {@code imbalances} are accepted and
 * empty. Market data is always JSON text, even when a client asks for msgpack. Jetty answers pings.
 *
 * <p>{@link Faults}: disconnects drop every session; duplicate, malformed and out-of-order apply to data frames; the
 * delay applies to every message.
 */
public final class MarketDataService implements SimulatorService, StoreTape.InstantListener {
  /** The feeds served, as their path segment under {@code /v2/}. */
  public static final List<String> FEEDS = List.of("iex", "sip", "delayed_sip", "test");
  /** The channels a client may subscribe to, in the order of the confirmation message. */
  static final List<String> CHANNELS =
      List.of("trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "imbalances");

  private static final Logger LOG = LoggerFactory.getLogger(MarketDataService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SYMBOL = Pattern.compile("\\*|[A-Z0-9][A-Z0-9./\\-]{0,19}");
  private static final LocalTime OPEN = LocalTime.of(9, 30);
  private static final String CONNECTED = "[{\"T\":\"success\",\"msg\":\"connected\"}]";
  private static final String AUTHENTICATED = "[{\"T\":\"success\",\"msg\":\"authenticated\"}]";

  private final SimulatorConfig config;
  private final MarketTape tape;
  private final Faults faults;
  private final Options options;
  private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> authenticated = new HashMap<>();
  private final Map<String, WireBar.Accumulator> days = new HashMap<>();
  private final Runnable disconnectAll = this::disconnectAll;
  private final AtomicInteger sessionIds = new AtomicInteger();
  private final ScheduledExecutorService timers;

  /**
   * Settings of the stream.
   *
   * @param authTimeout how long a client has to authenticate (Alpaca: 10 s)
   * @param connectionsPerKey authenticated sessions allowed per key and feed (Alpaca: 1)
   * @param symbolLimit distinct symbols allowed over {@code trades} and {@code quotes} ({@code *} not counted;
   *     Alpaca Basic: 30); bars and the other channels are unlimited
   * @param entitledFeeds the feeds the key may use; another gives 409 at auth
   */
  public record Options(Duration authTimeout, int connectionsPerKey, int symbolLimit, Set<String> entitledFeeds) {
    /** Checks the arguments. */
    public Options {
      Objects.requireNonNull(authTimeout, "authTimeout");
      if (authTimeout.isNegative() || authTimeout.isZero()) {
        throw new IllegalArgumentException("Argument 'authTimeout' must be positive but was " + authTimeout);
      }
      if (connectionsPerKey < 1) {
        throw new IllegalArgumentException("Argument 'connectionsPerKey' must be positive but was "
            + connectionsPerKey);
      }
      if (symbolLimit < 1) {
        throw new IllegalArgumentException("Argument 'symbolLimit' must be positive but was " + symbolLimit);
      }
      entitledFeeds = Set.copyOf(Objects.requireNonNull(entitledFeeds, "entitledFeeds"));
      for (String f : entitledFeeds) {
        if (!FEEDS.contains(f)) {
          throw new IllegalArgumentException("Entitled feed '" + f + "' is not one of " + FEEDS);
        }
      }
    }

    /** Alpaca's: 10 s to authenticate, 1 session per key and feed, 30 symbols, every feed entitled. */
    public static Options defaults() {
      return new Options(Duration.ofSeconds(10), 1, 30, Set.copyOf(FEEDS));
    }

    /** These options with another auth timeout. */
    public Options withAuthTimeout(Duration d) {
      return new Options(d, connectionsPerKey, symbolLimit, entitledFeeds);
    }

    /** These options with another connection limit. */
    public Options withConnectionsPerKey(int n) {
      return new Options(authTimeout, n, symbolLimit, entitledFeeds);
    }

    /** These options with another symbol limit. */
    public Options withSymbolLimit(int n) {
      return new Options(authTimeout, connectionsPerKey, n, entitledFeeds);
    }

    /** These options with other entitled feeds. */
    public Options withEntitledFeeds(Set<String> feeds) {
      return new Options(authTimeout, connectionsPerKey, symbolLimit, feeds);
    }
  }

  /** The stream over {@code tape}, accepting the keys of {@code config}, breaking as {@code faults} say. */
  public MarketDataService(SimulatorConfig config, MarketTape tape, Faults faults, Options options) {
    this.config = Objects.requireNonNull(config, "config");
    this.tape = Objects.requireNonNull(tape, "tape");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.options = Objects.requireNonNull(options, "options");
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "md-auth-timer");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    this.timers = t;
    tape.addListener(this);
    faults.onDisconnect(disconnectAll);
  }

  /** The settings. */
  public Options options() {
    return options;
  }

  /** The number of open sessions. */
  public int sessionCount() {
    return sessions.size();
  }

  @Override
  public void configureWebSockets(ServerWebSocketContainer container) {
    for (String feed : FEEDS) {
      container.addMapping("/v2/" + feed, (req, resp, cb) -> new StreamSession(feed));
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    return false;
  }

  @Override
  public void close() {
    tape.removeListener(this);
    faults.removeDisconnectListener(disconnectAll);
    for (StreamSession s : sessions) {
      s.drop();
    }
    timers.shutdownNow();
  }

  private void disconnectAll() {
    for (StreamSession s : sessions) {
      s.drop();
    }
  }

  // ---- publishing (on the tape's thread) ----

  @Override
  public void onEvent(TapeEvent event) {
    if (event instanceof TapeEvent.BarEvent be) {
      Bar bar = be.bar();
      // each message is written once, and only if a session wants it (the day bar costs a time-zone conversion)
      String bMsg = null;
      boolean dayWanted = false;
      for (StreamSession s : sessions) {
        dayWanted |= s.subs.wants("dailyBars", bar.symbol());
      }
      String dMsg = dayBar(bar, dayWanted);
      for (StreamSession s : sessions) {
        Subscriptions subs = s.subs;
        if (subs.wants("bars", bar.symbol())) {
          if (bMsg == null) {
            bMsg = AlpacaWire.write(g -> AlpacaWire.bar(g, "b", WireBar.of(bar)));
          }
          s.pending.add(bMsg);
        }
        if (dMsg != null && subs.wants("dailyBars", bar.symbol())) {
          s.pending.add(dMsg);
        }
      }
    } else if (event instanceof TapeEvent.TradeEvent te) {
      publish("trades", te.trade().symbol(), () -> AlpacaWire.write(g -> AlpacaWire.trade(g, true, te.trade())));
    } else if (event instanceof TapeEvent.QuoteEvent qe) {
      publish("quotes", qe.quote().symbol(), () -> AlpacaWire.write(g -> AlpacaWire.quote(g, true, qe.quote())));
    } else if (event instanceof TapeEvent.StatusEvent se) {
      publish("statuses", se.symbol(), () -> status(se));
    }
    if (!(tape instanceof StoreTape)) {
      onInstantEnd(event.publishedAtMicros()); // no instant boundaries from other tapes: one frame per event
    }
  }

  @Override
  public void onInstantEnd(long publishedAtMicros) {
    for (StreamSession s : sessions) {
      if (!s.pending.isEmpty()) {
        String frame = "[" + String.join(",", s.pending) + "]";
        s.pending.clear();
        s.sendData(frame);
      }
    }
  }

  private void publish(String channel, String symbol, java.util.function.Supplier<String> message) {
    String msg = null;
    for (StreamSession s : sessions) {
      if (s.subs.wants(channel, symbol)) {
        if (msg == null) {
          msg = message.get();
        }
        s.pending.add(msg);
      }
    }
  }

  /**
   * Updates the symbol's day aggregate; the {@code d} message when {@code wanted} and the regular session has
   * opened, else null.
   */
  private String dayBar(Bar bar, boolean wanted) {
    long day = AlpacaWire.dayStartMicros(bar.timestampMicros());
    WireBar.Accumulator acc = days.get(bar.symbol());
    if (acc == null || acc.timestampMicros() != day) {
      acc = new WireBar.Accumulator(bar.symbol(), day);
      days.put(bar.symbol(), acc);
    }
    acc.add(bar);
    if (!wanted) {
      return null;
    }
    LocalTime local = java.time.Instant.ofEpochSecond(Math.floorDiv(bar.timestampMicros(), 1_000_000L))
        .atZone(AlpacaWire.NEW_YORK).toLocalTime();
    if (local.isBefore(OPEN)) {
      return null;
    }
    WireBar d = acc.result();
    return AlpacaWire.write(g -> AlpacaWire.bar(g, "d", d));
  }

  private static String status(TapeEvent.StatusEvent s) {
    return AlpacaWire.write(g -> {
      g.writeStartObject();
      g.writeStringField("T", "s");
      g.writeStringField("S", s.symbol());
      g.writeStringField("sc", s.halted() ? "H" : "T");
      g.writeStringField("sm", s.halted() ? "Trading Halt" : "Trading Resumption");
      g.writeStringField("rc", s.halted() ? "T12" : "");
      g.writeStringField("rm", s.halted() ? "Trading Halted; For information requested by NASDAQ" : "");
      g.writeStringField("t", AlpacaWire.timestamp(s.publishedAtMicros()));
      g.writeStringField("z", AlpacaWire.TAPE);
      g.writeEndObject();
    });
  }

  static String error(int code, String msg) {
    return "[{\"T\":\"error\",\"code\":" + code + ",\"msg\":\"" + msg + "\"}]";
  }

  // ---- subscriptions ----

  /** A session's subscription set, immutable; each channel in the order symbols were added. */
  record Subscriptions(Map<String, Set<String>> channels) {
    static final Subscriptions NONE = new Subscriptions(empty());

    private static Map<String, Set<String>> empty() {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      CHANNELS.forEach(c -> m.put(c, Set.of()));
      return Collections.unmodifiableMap(m);
    }

    boolean wants(String channel, String symbol) {
      Set<String> s = channels.get(channel);
      return !s.isEmpty() && (s.contains(symbol) || s.contains("*"));
    }

    Subscriptions change(Map<String, List<String>> delta, boolean add) {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      for (String c : CHANNELS) {
        LinkedHashSet<String> set = new LinkedHashSet<>(channels.get(c));
        List<String> d = delta.getOrDefault(c, List.of());
        if (add) {
          set.addAll(d);
        } else {
          d.forEach(set::remove);
        }
        m.put(c, Collections.unmodifiableSet(set));
      }
      return new Subscriptions(Collections.unmodifiableMap(m));
    }

    /** Distinct symbols over trades and quotes, the wildcard not counted. */
    int limitedSymbols() {
      Set<String> all = new java.util.HashSet<>(channels.get("trades"));
      all.addAll(channels.get("quotes"));
      all.remove("*");
      return all.size();
    }

    String confirmation() {
      return AlpacaWire.write(g -> {
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringField("T", "subscription");
        for (String c : List.of("trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds")) {
          list(g, c, channels.get(c));
        }
        list(g, "corrections", channels.get("trades"));
        list(g, "cancelErrors", channels.get("trades"));
        if (!channels.get("imbalances").isEmpty()) {
          list(g, "imbalances", channels.get("imbalances"));
        }
        g.writeEndObject();
        g.writeEndArray();
      });
    }

    private static void list(com.fasterxml.jackson.core.JsonGenerator g, String name, Set<String> symbols)
        throws java.io.IOException {
      g.writeArrayFieldStart(name);
      for (String s : symbols) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
  }

  // ---- one WebSocket session ----

  /** One client connection (public because Jetty looks its listener methods up reflectively). */
  public final class StreamSession implements Session.Listener.AutoDemanding {
    private final String feed;
    private final ScheduledExecutorService out;
    /** Messages of the current instant (touched by the tape thread only). */
    final List<String> pending = new ArrayList<>();
    volatile Subscriptions subs = Subscriptions.NONE;
    private volatile Session session;
    private String key;
    private boolean authed;
    private boolean closed;
    private List<String> held;
    private java.util.concurrent.ScheduledFuture<?> authTimer;

    private StreamSession(String feed) {
      this.feed = feed;
      int id = sessionIds.incrementAndGet();
      this.out = Executors.single("md-session-" + id + "-" + feed);
    }

    @Override
    public void onWebSocketOpen(Session s) {
      this.session = s;
      s.setIdleTimeout(Duration.ofDays(1));
      sessions.add(this);
      send(CONNECTED);
      authTimer = timers.schedule(this::authTimeout, options.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String text) {
      try {
        handleMessage(text);
      } catch (RuntimeException e) {
        LOG.warn("Market-data session on {} failed on a message", feed, e);
        send(error(500, "internal error"));
      }
    }

    @Override
    public void onWebSocketClose(int status, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
      cleanup();
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      cleanup();
    }

    private synchronized void handleMessage(String text) {
      JsonNode msg;
      try {
        msg = JSON.readTree(text);
      } catch (Exception e) {
        send(error(400, "invalid syntax"));
        return;
      }
      if (msg == null || !msg.isObject() || !msg.path("action").isTextual()) {
        send(error(400, "invalid syntax"));
        return;
      }
      switch (msg.get("action").asText()) {
        case "auth" -> auth(msg);
        case "subscribe" -> subscribe(msg, true);
        case "unsubscribe" -> subscribe(msg, false);
        default -> send(error(400, "invalid syntax"));
      }
    }

    private void auth(JsonNode msg) {
      if (authed) {
        send(error(403, "already authenticated"));
        return;
      }
      String k = msg.path("key").isTextual() ? msg.get("key").asText() : null;
      String secret = msg.path("secret").isTextual() ? msg.get("secret").asText() : null;
      if (k == null || secret == null || !config.authorizes(k, secret)) {
        send(error(402, "auth failed"));
        return;
      }
      if (!options.entitledFeeds().contains(feed)) {
        send(error(409, "insufficient subscription"));
        return;
      }
      String slot = k + "/" + feed;
      synchronized (authenticated) {
        int n = authenticated.getOrDefault(slot, 0);
        if (n >= options.connectionsPerKey()) {
          send(error(406, "connection limit exceeded"));
          return;
        }
        authenticated.put(slot, n + 1);
      }
      key = k;
      authed = true;
      if (authTimer != null) {
        authTimer.cancel(false);
      }
      send(AUTHENTICATED);
    }

    private void subscribe(JsonNode msg, boolean add) {
      if (!authed) {
        send(error(401, "not authenticated"));
        return;
      }
      Map<String, List<String>> delta = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = msg.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        JsonNode v = e.getValue();
        if (name.equals("action")) {
          continue;
        }
        if (v.isNull()) {
          continue;
        }
        if (!v.isArray()) {
          send(error(400, "invalid syntax"));
          return;
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode s : v) {
          if (!s.isTextual() || !SYMBOL.matcher(s.asText()).matches()) {
            send(error(400, "invalid syntax"));
            return;
          }
          symbols.add(s.asText());
        }
        if (CHANNELS.contains(name)) {
          delta.put(name, symbols);
        } else if (!symbols.isEmpty() && !name.equals("corrections") && !name.equals("cancelErrors")) {
          send(error(410, "invalid subscribe action for this feed"));
          return;
        }
      }
      Subscriptions next = subs.change(delta, add);
      if (add && next.limitedSymbols() > options.symbolLimit()) {
        send(error(405, "symbol limit exceeded"));
        return;
      }
      subs = next;
      send(next.confirmation());
    }

    private synchronized void authTimeout() {
      if (!authed && !closed) {
        send(error(404, "auth timeout"));
        out.execute(() -> {
          Session s = session;
          if (s != null) {
            s.close(1008, "auth timeout", org.eclipse.jetty.websocket.api.Callback.NOOP);
          }
        });
      }
    }

    /** Sends a control message (never broken by faults, only delayed). */
    synchronized void send(String text) {
      if (closed) {
        return;
      }
      schedule(() -> write(text));
    }

    /** Sends a data frame, applying the faults. */
    synchronized void sendData(String frame) {
      if (closed) {
        return;
      }
      String text = faults.takeMalformed() ? frame.substring(0, Math.max(1, frame.length() / 2)) : frame;
      boolean twice = faults.takeDuplicate();
      boolean hold = faults.takeOutOfOrder();
      schedule(() -> {
        List<String> copies = twice ? List.of(text, text) : List.of(text);
        if (hold && held == null) {
          // released after the next data frame, or after a second when none comes
          held = copies;
          out.schedule(this::releaseHeld, 1, TimeUnit.SECONDS);
          return;
        }
        copies.forEach(this::write);
        releaseHeld();
      });
    }

    private void releaseHeld() {
      List<String> h = held;
      held = null;
      if (h != null) {
        h.forEach(this::write);
      }
    }

    private void schedule(Runnable task) {
      long delay = faults.delayMillis();
      try {
        if (delay > 0) {
          out.schedule(task, delay, TimeUnit.MILLISECONDS);
        } else {
          out.execute(task);
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // session closed meanwhile
      }
    }

    /** Sends one frame and waits for it (on the session's own thread, which keeps frames in order). */
    private void write(String text) {
      Session s = session;
      if (s == null || !s.isOpen()) {
        return;
      }
      org.eclipse.jetty.websocket.api.Callback.Completable done = new org.eclipse.jetty.websocket.api.Callback.Completable();
      s.sendText(text, done);
      try {
        done.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.debug("Send on a market-data session failed: {}", e.toString());
      }
    }

    /** Drops the connection without a close frame (a network failure, as the disconnect fault wants). */
    void drop() {
      Session s = session;
      if (s != null) {
        s.disconnect();
      }
      cleanup();
    }

    private synchronized void cleanup() {
      if (closed) {
        return;
      }
      closed = true;
      sessions.remove(this);
      if (authTimer != null) {
        authTimer.cancel(false);
      }
      if (authed) {
        synchronized (authenticated) {
          authenticated.computeIfPresent(key + "/" + feed, (k, n) -> n <= 1 ? null : n - 1);
        }
      }
      out.shutdown();
    }
  }

  private static final class Executors {
    static ScheduledExecutorService single(String name) {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      return e;
    }
  }
}
