package io.quantflow.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The fault plan of a simulator session: what the services should break next, so that client code can be tested
 * against the failures a real Alpaca connection shows. Thread-safe: the REST endpoint sets faults while the services
 * consume them from their own threads. Counted faults are global (the next sessions or requests to come along take
 * them, one each).
 *
 * <p>Controlled over REST, without authentication, by {@code POST /sim/faults} with a JSON object holding any of:
 *
 * <table>
 *   <caption>Fault keys</caption>
 *   <tr><th>key</th><th>effect</th></tr>
 *   <tr><td>{@code {"disconnect":true}}</td><td>drops every market-data WebSocket session now (TCP close without
 *       a close frame, as a network failure looks)</td></tr>
 *   <tr><td>{@code {"duplicate":3}}</td><td>sends each of the next 3 market-data data frames twice</td></tr>
 *   <tr><td>{@code {"malformed":1}}</td><td>sends the next data frame as malformed JSON (the array cut short)</td></tr>
 *   <tr><td>{@code {"delayMillis":200}}</td><td>delays every WebSocket message by 200 ms from now on (0 ends
 *       it)</td></tr>
 *   <tr><td>{@code {"outOfOrder":2}}</td><td>swaps the next 2 data frames each with the frame after it</td></tr>
 *   <tr><td>{@code {"http429":2}}</td><td>answers the next 2 REST requests (historical and trading) with
 *       {@code 429} and {@code X-RateLimit-*} headers</td></tr>
 * </table>
 *
 * <p>Keys combine in one body; counts add to what is pending. The reply (and {@code GET /sim/faults}) is the plan
 * still pending, e.g. {@code {"duplicate":0,"malformed":0,"delayMillis":200,"outOfOrder":0,"http429":1,
 * "disconnects":1}} ({@code disconnects} counts the disconnects requested so far).
 */
public final class Faults implements SimulatorService {
  /** The REST path of the fault plan. */
  public static final String PATH = "/sim/faults";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS =
      List.of("disconnect", "duplicate", "malformed", "delayMillis", "outOfOrder", "http429");

  private final AtomicInteger duplicate = new AtomicInteger();
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicInteger outOfOrder = new AtomicInteger();
  private final AtomicInteger http429 = new AtomicInteger();
  private final AtomicLong delayMillis = new AtomicLong();
  private final AtomicLong disconnects = new AtomicLong();
  private final List<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();

  /** A plan with no faults. */
  public Faults() {}

  /** Drops every market-data session now (runs the listeners added with {@link #onDisconnect}). */
  public void disconnect() {
    disconnects.incrementAndGet();
    for (Runnable r : disconnectListeners) {
      r.run();
    }
  }

  /** Registers what {@link #disconnect()} does (the market-data service drops its sessions). */
  public void onDisconnect(Runnable listener) {
    disconnectListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added with {@link #onDisconnect}. */
  public void removeDisconnectListener(Runnable listener) {
    disconnectListeners.remove(listener);
  }

  /** Duplicates the next {@code n} data frames (added to what is pending). */
  public void duplicate(int n) {
    duplicate.addAndGet(notNegative(n, "duplicate"));
  }

  /** Sends the next {@code n} data frames as malformed JSON. */
  public void malformed(int n) {
    malformed.addAndGet(notNegative(n, "malformed"));
  }

  /** Swaps each of the next {@code n} data frames with the frame after it. */
  public void outOfOrder(int n) {
    outOfOrder.addAndGet(notNegative(n, "outOfOrder"));
  }

  /** Answers the next {@code n} REST requests with 429. */
  public void http429(int n) {
    http429.addAndGet(notNegative(n, "http429"));
  }

  /** Delays every WebSocket message by {@code millis} from now on; 0 ends the delay. */
  public void delayMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("Argument 'delayMillis' must not be negative but was " + millis);
    }
    delayMillis.set(millis);
  }

  /** Clears every pending fault. */
  public void clear() {
    duplicate.set(0);
    malformed.set(0);
    outOfOrder.set(0);
    http429.set(0);
    delayMillis.set(0);
  }

  /** Takes one pending duplicate: true if the caller should send its data frame twice. */
  public boolean takeDuplicate() {
    return take(duplicate);
  }

  /** Takes one pending malformed frame: true if the caller should send its data frame as broken JSON. */
  public boolean takeMalformed() {
    return take(malformed);
  }

  /** Takes one pending swap: true if the caller should hold its data frame back until the next one is sent. */
  public boolean takeOutOfOrder() {
    return take(outOfOrder);
  }

  /** Takes one pending 429: true if the caller should answer its REST request with {@link #send429}. */
  public boolean take429() {
    return take(http429);
  }

  /** The current message delay, milliseconds (0: none). */
  public long delayMillis() {
    return delayMillis.get();
  }

  /**
   * Sends Alpaca's rate-limit reply: status 429, {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining: 0} and
   * {@code X-RateLimit-Reset} (UNIX epoch seconds of the next minute), body
   * {@code {"code":42910000,"message":"rate limit exceeded"}} (Alpaca's 429 body is unverified; clients should act
   * on the status).
   *
   * @param limit the requests-per-minute figure to report
   */
  public static void send429(Response response, Callback callback, int limit) {
    long reset = System.currentTimeMillis() / 60_000L * 60L + 60L;
    response.getHeaders().put("X-RateLimit-Limit", Integer.toString(limit));
    response.getHeaders().put("X-RateLimit-Remaining", "0");
    response.getHeaders().put("X-RateLimit-Reset", Long.toString(reset));
    Http.error(response, callback, 429, 42910000L, "rate limit exceeded");
  }

  /** The pending plan as JSON (the reply of {@code /sim/faults}). */
  public String toJson() {
    return "{\"duplicate\":" + duplicate.get() + ",\"malformed\":" + malformed.get() + ",\"delayMillis\":"
        + delayMillis.get() + ",\"outOfOrder\":" + outOfOrder.get() + ",\"http429\":" + http429.get()
        + ",\"disconnects\":" + disconnects.get() + "}";
  }

  @Override
  public String toString() {
    return "Faults" + toJson();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!PATH.equals(Http.path(request))) {
      return false;
    }
    String method = request.getMethod();
    if ("GET".equals(method)) {
      Http.json(response, callback, 200, toJson());
      return true;
    }
    if (!"POST".equals(method)) {
      Http.error(response, callback, 405, 40510000L, "use POST " + PATH + " (or GET to read the plan)");
      return true;
    }
    String error = apply(Http.body(request));
    if (error != null) {
      Http.error(response, callback, 400, 40010000L, error);
    } else {
      Http.json(response, callback, 200, toJson());
    }
    return true;
  }

  /** Applies a JSON body; returns an error message (saying what to send) or null. */
  private String apply(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (Exception e) {
      return "body is not JSON; send an object such as {\"duplicate\":3} with keys " + KEYS;
    }
    if (root == null || !root.isObject()) {
      return "body must be a JSON object such as {\"duplicate\":3} with keys " + KEYS;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KEYS.contains(e.getKey())) {
        return "unknown fault '" + e.getKey() + "'; valid keys are " + KEYS;
      }
      JsonNode v = e.getValue();
      if (e.getKey().equals("disconnect") ? !v.isBoolean() : !v.canConvertToLong() || !v.isIntegralNumber()
          || v.asLong() < 0) {
        return "fault '" + e.getKey() + "' must be " + (e.getKey().equals("disconnect") ? "true or false"
            : "a non-negative integer") + " but was " + v;
      }
    }
    // validated: apply all, the disconnect last so that the other faults already hold for reconnecting clients
    root.fields().forEachRemaining(e -> {
      int n = (int) Math.min(Integer.MAX_VALUE, e.getValue().asLong());
      switch (e.getKey()) {
        case "duplicate" -> duplicate(n);
        case "malformed" -> malformed(n);
        case "outOfOrder" -> outOfOrder(n);
        case "http429" -> http429(n);
        case "delayMillis" -> delayMillis(e.getValue().asLong());
        default -> { }
      }
    });
    if (root.path("disconnect").asBoolean(false)) {
      disconnect();
    }
    return null;
  }

  private static boolean take(AtomicInteger counter) {
    while (true) {
      int n = counter.get();
      if (n <= 0) {
        return false;
      }
      if (counter.compareAndSet(n, n - 1)) {
        return true;
      }
    }
  }

  private static int notNegative(int n, String name) {
    if (n < 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must not be negative but was " + n);
    }
    return n;
  }
}
