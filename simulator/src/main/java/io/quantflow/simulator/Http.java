package io.quantflow.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Small REST helpers shared by the simulator's services: JSON replies, Alpaca's error bodies, auth, queries. */
public final class Http {
  private static final AtomicLong REQUESTS = new AtomicLong();

  private Http() {}

  /** The request path inside the context, e.g. {@code /v2/orders:by_client_order_id}. */
  public static String path(Request request) {
    return Request.getPathInContext(request);
  }

  /** The request's query parameters. */
  public static Fields query(Request request) {
    return Request.extractQueryParameters(request);
  }

  /** The request body as UTF-8 text (blocking; simulator requests are small). */
  public static String body(Request request) throws Exception {
    return Content.Source.asString(request, StandardCharsets.UTF_8);
  }

  /** Sends {@code json} with {@code status} and Alpaca's request-id header. */
  public static void json(Response response, Callback callback, int status, String json) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    String id = new UUID(0x5157L, REQUESTS.incrementAndGet()).toString();
    response.getHeaders().put("X-Request-ID", id);
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** Sends an empty reply (e.g. 204 for an accepted cancel). */
  public static void empty(Response response, Callback callback, int status) {
    response.setStatus(status);
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  /** Sends Alpaca's error body {@code {"code":...,"message":...}}. */
  public static void error(Response response, Callback callback, int status, long code, String message) {
    json(response, callback, status, "{\"code\":" + code + ",\"message\":\"" + escape(message) + "\"}");
  }

  /**
   * Checks Alpaca's key headers ({@code APCA-API-KEY-ID}, {@code APCA-API-SECRET-KEY}); on failure sends what
   * Alpaca sends (403 {@code forbidden.} without headers, 401 {@code 40110000} with wrong keys) and returns false.
   */
  public static boolean authorize(Request request, Response response, Callback callback, SimulatorConfig config) {
    String key = request.getHeaders().get("APCA-API-KEY-ID");
    String secret = request.getHeaders().get("APCA-API-SECRET-KEY");
    if (key == null || secret == null) {
      json(response, callback, 403, "{\"message\":\"forbidden.\"}");
      return false;
    }
    if (!config.authorizes(key, secret)) {
      error(response, callback, 401, 40110000L, "request is not authorized");
      return false;
    }
    return true;
  }

  /** Escapes {@code s} for a JSON string literal. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
