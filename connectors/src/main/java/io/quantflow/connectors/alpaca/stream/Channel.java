package io.quantflow.connectors.alpaca.stream;

/**
 * A market-data stream channel and its JSON key in subscribe messages and confirmations. {@link #CORRECTIONS} and
 * {@link #CANCEL_ERRORS} cannot be requested: the server adds them for every symbol subscribed to {@link #TRADES}.
 */
public enum Channel {
  /** Trades ({@code T:"t"}). */
  TRADES("trades", true),
  /** Quotes ({@code T:"q"}). */
  QUOTES("quotes", true),
  /** Minute bars ({@code T:"b"}). */
  BARS("bars", true),
  /** Late revisions of minute bars ({@code T:"u"}). */
  UPDATED_BARS("updatedBars", true),
  /** Running daily bars ({@code T:"d"}). */
  DAILY_BARS("dailyBars", true),
  /** Trading status: halts and resumptions ({@code T:"s"}). */
  STATUSES("statuses", true),
  /** Limit up / limit down bands ({@code T:"l"}). */
  LULDS("lulds", true),
  /** Trade corrections ({@code T:"c"}); implied by trades. */
  CORRECTIONS("corrections", false),
  /** Trade cancels and errors ({@code T:"x"}); implied by trades. */
  CANCEL_ERRORS("cancelErrors", false);

  private final String key;
  private final boolean requestable;

  Channel(String key, boolean requestable) {
    this.key = key;
    this.requestable = requestable;
  }

  /** The JSON key, e.g. {@code updatedBars}. */
  public String key() {
    return key;
  }

  /** Whether a client may name this channel in a subscribe message. */
  public boolean requestable() {
    return requestable;
  }
}
