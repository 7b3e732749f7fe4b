package io.quantflow.connectors.alpaca.stream;

/**
 * An error of the market-data stream: one of the server's error codes (docs/alpaca-protocol.md §1.7), a failed
 * connection, or the client giving up. The message says what to do; {@link #reaction()} says how the client reacts
 * and {@link #retriable()} whether it retries. Never contains the secret key.
 */
public final class AlpacaStreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How the client reacts to an error. */
  public enum Reaction {
    /** Stop: retrying cannot help (wrong keys, plan, scope, feed). */
    FATAL,
    /** Drop the connection and reconnect with backoff, re-authenticate and re-subscribe. */
    RECONNECT,
    /** Report it and keep the session (a refused subscribe fails its future; the previous set stays). */
    REPORT
  }

  private final int code;
  private final Reaction reaction;

  /** An error with a server {@code code} (0 if none). */
  public AlpacaStreamException(int code, String message, Reaction reaction, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.reaction = reaction;
  }

  /** The exception for the server's error {@code code} with text {@code msg}. */
  public static AlpacaStreamException of(int code, String msg) {
    String m = "Alpaca stream error " + code + " '" + msg + "': ";
    return switch (code) {
      case 400 -> new AlpacaStreamException(code, m + "a message or symbol was invalid; check the symbols (plain "
          + "tickers such as AAPL, or *)", Reaction.REPORT, null);
      case 401 -> new AlpacaStreamException(code, m + "subscribed before authenticating; reconnecting",
          Reaction.RECONNECT, null);
      case 402 -> new AlpacaStreamException(code, m + "invalid credentials; check APCA_API_KEY_ID and "
          + "APCA_API_SECRET_KEY", Reaction.FATAL, null);
      case 403 -> new AlpacaStreamException(code, m + "the session was already authenticated; nothing to do",
          Reaction.REPORT, null);
      case 404 -> new AlpacaStreamException(code, m + "authentication took over 10 s; reconnecting (check the "
          + "network latency if this repeats)", Reaction.RECONNECT, null);
      case 405 -> new AlpacaStreamException(code, m + "too many symbols for the plan; subscribe fewer symbols (30 "
          + "on the free IEX plan) or upgrade; the previous subscriptions stay", Reaction.REPORT, null);
      case 406 -> new AlpacaStreamException(code, m + "another connection with these keys is open on this feed; "
          + "close it (one connection per feed and key); retrying a few times", Reaction.RECONNECT, null);
      case 407 -> new AlpacaStreamException(code, m + "this client read too slowly; reconnecting (subscribe fewer "
          + "symbols or channels if this repeats)", Reaction.RECONNECT, null);
      case 408 -> new AlpacaStreamException(code, m + "the account has no v2 market data; enable it in the Alpaca "
          + "dashboard", Reaction.FATAL, null);
      case 409 -> new AlpacaStreamException(code, m + "the plan does not include this feed; use feed iex (free "
          + "plan) or upgrade to use sip", Reaction.FATAL, null);
      case 410 -> new AlpacaStreamException(code, m + "this feed does not offer the requested channel; remove it "
          + "from the subscription", Reaction.FATAL, null);
      case 411 -> new AlpacaStreamException(code, m + "the OAuth token lacks the market-data scope; re-authorize "
          + "the app with data access", Reaction.FATAL, null);
      case 412, 413 -> new AlpacaStreamException(code, m + "option-stream restriction; this client reads stocks, "
          + "check the stream URL", Reaction.FATAL, null);
      case 500 -> new AlpacaStreamException(code, m + "Alpaca's server failed; reconnecting", Reaction.RECONNECT,
          null);
      default -> new AlpacaStreamException(code, m + "unknown error code; see Alpaca's streaming documentation",
          Reaction.REPORT, null);
    };
  }

  /** The server's error code, or 0 for a connection failure. */
  public int code() {
    return code;
  }

  /** How the client reacts. */
  public Reaction reaction() {
    return reaction;
  }

  /** Whether the client retries (reconnects) after this error. */
  public boolean retriable() {
    return reaction == Reaction.RECONNECT;
  }
}
