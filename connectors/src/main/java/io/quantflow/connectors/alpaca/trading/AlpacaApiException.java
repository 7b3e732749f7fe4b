package io.quantflow.connectors.alpaca.trading;

/**
 * A refusal or failure of Alpaca's trading API: the HTTP status, Alpaca's numeric code (the stable contract; 0 when
 * the body had none), Alpaca's message, and whether retrying the same request may succeed (429, 5xx, I/O). The
 * exception message adds what to do about it. Never contains keys.
 */
public final class AlpacaApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Alpaca's code for a duplicate {@code client_order_id} (with message {@code client_order_id must be unique}). */
  public static final long CODE_VALIDATION = 40010001L;
  /** Alpaca's code for insufficient buying power or shares. */
  public static final long CODE_INSUFFICIENT = 40310000L;
  /** Alpaca's code for an unknown position, order or asset. */
  public static final long CODE_NOT_FOUND = 40410000L;
  /** Alpaca's code for an order in a state that forbids the request (e.g. cancel of a filled order). */
  public static final long CODE_UNPROCESSABLE = 42210000L;
  /** Alpaca's code for wrong keys. */
  public static final long CODE_UNAUTHORIZED = 40110000L;

  private final int status;
  private final long code;
  private final String apiMessage;
  private final boolean retriable;

  /**
   * @param status HTTP status (0 for an I/O failure before any reply)
   * @param code Alpaca's code, 0 when absent
   * @param apiMessage Alpaca's message (or the raw body), may be empty
   * @param retriable whether the same request may succeed later
   * @param request what was asked, e.g. {@code POST /v2/orders}
   * @param cause the underlying exception, may be null
   */
  public AlpacaApiException(int status, long code, String apiMessage, boolean retriable, String request,
      Throwable cause) {
    super(describe(status, code, apiMessage, request), cause);
    this.status = status;
    this.code = code;
    this.apiMessage = apiMessage == null ? "" : apiMessage;
    this.retriable = retriable;
  }

  /** HTTP status; 0 when no reply came (I/O failure). */
  public int status() {
    return status;
  }

  /** Alpaca's numeric code, 0 when the body had none. */
  public long code() {
    return code;
  }

  /** Alpaca's message text (may change; rely on {@link #status()} and {@link #code()}). */
  public String apiMessage() {
    return apiMessage;
  }

  /** Whether retrying the same request may succeed (rate limit, server error, I/O). */
  public boolean retriable() {
    return retriable;
  }

  /** Whether this is Alpaca's refusal of a reused {@code client_order_id}. */
  public boolean duplicateClientOrderId() {
    return status == 422 && code == CODE_VALIDATION && apiMessage.contains("client_order_id must be unique");
  }

  private static String describe(int status, long code, String message, String request) {
    String what = request + " failed: " + (status == 0 ? "no reply" : "HTTP " + status)
        + (code != 0 ? " code " + code : "") + (message == null || message.isEmpty() ? "" : " '" + message + "'");
    return what + ": " + advice(status, code, message == null ? "" : message);
  }

  /** What the user should do about a status/code pair. */
  static String advice(int status, long code, String message) {
    if (status == 0) {
      return "check the network and APCA_API_BASE_URL (is the endpoint or the simulator running?)";
    }
    if (status == 401) {
      return "check APCA_API_KEY_ID/APCA_API_SECRET_KEY, and that paper keys go to paper-api.alpaca.markets "
          + "and live keys to api.alpaca.markets (or that the simulator's keys are used with quant alpaca-sim)";
    }
    if (status == 403 && code == 0) {
      return "send the APCA-API-KEY-ID and APCA-API-SECRET-KEY headers (hyphens, not underscores)";
    }
    if (status == 403 && code == CODE_INSUFFICIENT) {
      return message.contains("qty") ? "sell at most the available quantity (open sell orders hold shares), "
          + "or enable shorting on the account"
          : "reduce the order size, or cancel open orders that reserve buying power";
    }
    if (status == 403 && code == 40310100L) {
      return "pattern-day-trader protection: wait until the day-trade count drops or raise equity above $25,000";
    }
    if (status == 403) {
      return "the account may not do this; check its status and permissions on the Alpaca dashboard";
    }
    if (status == 404) {
      return "check the symbol or order id (orders of another account or environment are not visible)";
    }
    if (status == 422 && message.contains("client_order_id must be unique")) {
      return "client_order_id was used before (ids are never reusable): use a new id, or submitIdempotent(..) "
          + "to get the existing order";
    }
    if (status == 422 && code == CODE_UNPROCESSABLE) {
      return "the order is not in a state that allows this; fetch it and check its status";
    }
    if (status == 422) {
      return "fix the request field named in the message";
    }
    if (status == 429) {
      return "rate limited (Alpaca allows 200 requests/min per account): retries were exhausted; slow down or "
          + "raise maxAttempts";
    }
    if (status >= 500) {
      return "Alpaca's server failed: retries were exhausted; try again later and check status.alpaca.markets";
    }
    return "see docs/alpaca-protocol.md for this status";
  }
}
