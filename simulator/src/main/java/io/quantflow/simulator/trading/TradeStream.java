package io.quantflow.simulator.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.simulator.SimulatorConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code trade_updates} WebSocket ({@code /stream}, protocol document §4): the client authenticates with either
 * form ({@code {"action":"authenticate","data":{"key_id":..,"secret_key":..}}} or
 * {@code {"action":"auth","key":..,"secret":..}}), then sends {@code listen} with the streams it wants (the set is
 * replaced each time; only {@code trade_updates} exists). Every server message is one JSON object sent as a BINARY
 * frame, as Alpaca does. Client frames may be text or binary.
 *
 * <p>Public only because Jetty binds endpoints through a public lookup; created by {@link TradingService}.
 */
public final class TradeStream {
  private static final Logger LOG = LoggerFactory.getLogger(TradeStream.class);
  private final SimulatorConfig config;
  private final Set<Connection> connections = new CopyOnWriteArraySet<>();

  TradeStream(SimulatorConfig config) {
    this.config = config;
  }

  /** A new endpoint for one upgraded connection. */
  Connection newConnection() {
    return new Connection();
  }

  /** Sends {@code {"stream":"trade_updates","data":data}} to every authorized connection listening to it. */
  void publish(ObjectNode data) {
    ObjectNode msg = TradingJson.MAPPER.createObjectNode();
    msg.put("stream", "trade_updates");
    msg.set("data", data);
    byte[] bytes = msg.toString().getBytes(StandardCharsets.UTF_8);
    for (Connection c : connections) {
      if (c.listening) {
        c.send(bytes);
      }
    }
  }

  /** How many connections are authorized and listening to {@code trade_updates}. */
  int listening() {
    int n = 0;
    for (Connection c : connections) {
      n += c.listening ? 1 : 0;
    }
    return n;
  }

  /**
   * Drops every connection as a network failure would: from now on nothing more is sent to them (an update
   * published after this returns is lost for them, as on Alpaca), then closes them; clients may reconnect.
   *
   * @return how many were dropped
   */
  int drop() {
    int n = 0;
    for (Connection c : connections) {
      c.listening = false;
      connections.remove(c);
      Session s = c.session;
      if (s != null) {
        s.close();
      }
      n++;
    }
    return n;
  }

  /** Closes every connection. */
  void close() {
    for (Connection c : connections) {
      Session s = c.session;
      if (s != null) {
        s.close();
      }
    }
  }

  /** One client connection; frames are sent one at a time, in order. */
  public final class Connection extends Session.Listener.AbstractAutoDemanding {
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private boolean sending;
    private volatile Session session;
    private volatile boolean authorized;
    private volatile boolean listening;

    Connection() {}

    @Override
    public void onWebSocketOpen(Session s) {
      super.onWebSocketOpen(s);
      session = s;
      connections.add(this);
    }

    @Override
    public void onWebSocketText(String message) {
      onMessage(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      onMessage(StandardCharsets.UTF_8.decode(payload).toString());
      callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      connections.remove(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      connections.remove(this);
    }

    private void onMessage(String text) {
      JsonNode m;
      try {
        m = TradingJson.MAPPER.readTree(text);
      } catch (Exception e) {
        sendError("invalid JSON: " + e.getMessage());
        return;
      }
      String action = m.path("action").asText("");
      switch (action) {
        case "authenticate", "auth" -> {
          JsonNode d = m.path("data");
          String key = action.equals("auth") ? m.path("key").asText(null) : d.path("key_id").asText(null);
          String secret = action.equals("auth") ? m.path("secret").asText(null) : d.path("secret_key").asText(null);
          authorized = key != null && secret != null && config.authorizes(key, secret);
          sendAuthorization(authorized ? "authorized" : "unauthorized", "authenticate");
        }
        case "listen" -> {
          if (!authorized) {
            sendAuthorization("unauthorized", "listen");
            return;
          }
          boolean wants = false;
          for (JsonNode s : m.path("data").path("streams")) {
            wants |= s.asText().equals("trade_updates");
          }
          ObjectNode reply = TradingJson.MAPPER.createObjectNode();
          reply.put("stream", "listening");
          ArrayNode streams = reply.putObject("data").putArray("streams");
          if (wants) {
            streams.add("trade_updates");
          }
          // ack first, so the client sees "listening" before the first update
          send(reply.toString().getBytes(StandardCharsets.UTF_8));
          listening = wants;
        }
        default -> sendError("unknown action '" + action + "': use authenticate, auth or listen");
      }
    }

    private void sendAuthorization(String status, String action) {
      ObjectNode reply = TradingJson.MAPPER.createObjectNode();
      reply.put("stream", "authorization");
      reply.putObject("data").put("status", status).put("action", action);
      send(reply.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void sendError(String message) {
      ObjectNode reply = TradingJson.MAPPER.createObjectNode();
      reply.put("stream", "error");
      reply.putObject("data").put("error_message", message);
      send(reply.toString().getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
      synchronized (outbox) {
        outbox.add(bytes);
        if (sending) {
          return;
        }
        sending = true;
      }
      drain();
    }

    private void drain() {
      byte[] next;
      synchronized (outbox) {
        next = outbox.poll();
        if (next == null) {
          sending = false;
          return;
        }
      }
      Session s = session;
      if (s == null || !s.isOpen()) {
        synchronized (outbox) {
          outbox.clear();
          sending = false;
        }
        return;
      }
      s.sendBinary(ByteBuffer.wrap(next), Callback.from(this::drain, failure -> {
        LOG.debug("trade_updates send failed: {}", failure.toString());
        synchronized (outbox) {
          outbox.clear();
          sending = false;
        }
      }));
    }
  }
}
