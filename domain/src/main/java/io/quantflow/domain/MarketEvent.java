package io.quantflow.domain;

/**
 * One message of a symbol's tick feed: a trade, a quote, a trade cancel (Alpaca's {@code x}) or a trade correction
 * (Alpaca's {@code c}). A flat record so that Flink serializes it without generic types; which fields are meaningful
 * depends on {@link #kind()} (the others are 0, NaN or empty).
 *
 * <p>Two timestamps, both UTC epoch microseconds: {@code timestampMicros} is the event time (when the trade or quote
 * happened, or when the exchange sent the cancel or correction), {@code receivedAtMicros} when the feed handler
 * received it. The receipt time decides lateness: a change to a bar is accepted only if it was received within the
 * bar's allowed lateness after the bar closed, so BATCH and STREAMING jobs accept and reject the same events
 * whatever order they process them in. History without receipt times uses the event time ({@link #trade(Trade)}).
 *
 * @param kind what the message is
 * @param symbol ticker
 * @param timestampMicros event time, UTC epoch microseconds
 * @param receivedAtMicros receipt time, UTC epoch microseconds, at or after {@code timestampMicros}
 * @param tradeId TRADE: the trade id; CANCEL: the cancelled trade; CORRECTION: the original trade (0 = unknown)
 * @param price TRADE: price; CORRECTION: corrected price (USD per share)
 * @param size TRADE: size; CORRECTION: corrected size (shares)
 * @param correctedTradeId CORRECTION: the id of the corrected trade (may equal {@code tradeId})
 * @param exchange TRADE: venue code, may be empty
 * @param conditions TRADE: sale conditions, comma-separated, may be empty
 * @param bidPrice QUOTE: best bid (0 if none)
 * @param bidSize QUOTE: shares at the bid
 * @param askPrice QUOTE: best ask (0 if none)
 * @param askSize QUOTE: shares at the ask
 */
public record MarketEvent(Kind kind, String symbol, long timestampMicros, long receivedAtMicros, long tradeId,
    double price, double size, long correctedTradeId, String exchange, String conditions, double bidPrice,
    double bidSize, double askPrice, double askSize) {

  /** What a {@link MarketEvent} is. */
  public enum Kind {
    /** A trade print. */
    TRADE,
    /** A top-of-book quote. */
    QUOTE,
    /** Cancels (or marks as an error) an earlier trade. */
    CANCEL,
    /** Replaces the price and size of an earlier trade. */
    CORRECTION,
    /** No more events of this symbol: sent by a bounded source after a symbol's last event. */
    END
  }

  /** Checks the fields the kind uses; receipt before the event is clamped to the event time (clock skew). */
  public MarketEvent {
    Checks.notNull(kind, "kind");
    Checks.notBlank(symbol, "symbol");
    receivedAtMicros = Math.max(receivedAtMicros, timestampMicros);
    exchange = exchange == null ? "" : exchange;
    conditions = conditions == null ? "" : conditions;
    switch (kind) {
      case TRADE, CORRECTION -> {
        Checks.positive(price, "price");
        Checks.positive(size, "size");
      }
      case QUOTE -> {
        Checks.notNegative(bidPrice, "bidPrice");
        Checks.notNegative(bidSize, "bidSize");
        Checks.notNegative(askPrice, "askPrice");
        Checks.notNegative(askSize, "askSize");
      }
      case CANCEL -> Checks.isTrue(tradeId != 0, "A cancel of %s at %d must name the cancelled trade id", symbol,
          timestampMicros);
      case END -> { }
      default -> throw new IllegalArgumentException("Unknown kind " + kind);
    }
  }

  /** A trade received at its event time. */
  public static MarketEvent trade(Trade t) {
    return trade(t, t.timestampMicros());
  }

  /** A trade received at {@code receivedAtMicros}. */
  public static MarketEvent trade(Trade t, long receivedAtMicros) {
    return new MarketEvent(Kind.TRADE, t.symbol(), t.timestampMicros(), receivedAtMicros, t.tradeId(), t.price(),
        t.size(), 0, t.exchange(), t.conditions(), 0, 0, 0, 0);
  }

  /** A quote received at its event time. */
  public static MarketEvent quote(Quote q) {
    return quote(q, q.timestampMicros());
  }

  /** A quote received at {@code receivedAtMicros}. */
  public static MarketEvent quote(Quote q, long receivedAtMicros) {
    return new MarketEvent(Kind.QUOTE, q.symbol(), q.timestampMicros(), receivedAtMicros, 0, 0, 0, 0,
        q.bidExchange() + "/" + q.askExchange(), "", q.bidPrice(), q.bidSize(), q.askPrice(), q.askSize());
  }

  /** Cancels trade {@code tradeId}; sent at {@code timestampMicros}, received at {@code receivedAtMicros}. */
  public static MarketEvent cancel(String symbol, long timestampMicros, long receivedAtMicros, long tradeId) {
    return new MarketEvent(Kind.CANCEL, symbol, timestampMicros, receivedAtMicros, tradeId, 0, 0, 0, "", "", 0, 0,
        0, 0);
  }

  /** Corrects trade {@code originalTradeId} to {@code price} and {@code size}, now known as {@code correctedId}. */
  public static MarketEvent correction(String symbol, long timestampMicros, long receivedAtMicros,
      long originalTradeId, long correctedId, double price, double size) {
    return new MarketEvent(Kind.CORRECTION, symbol, timestampMicros, receivedAtMicros, originalTradeId, price, size,
        correctedId, "", "", 0, 0, 0, 0);
  }

  /** The end-of-data marker of {@code symbol}. */
  public static MarketEvent end(String symbol) {
    return new MarketEvent(Kind.END, symbol, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, 0, "", "", 0, 0, 0, 0);
  }

  /** The trade of a TRADE event. */
  public Trade toTrade() {
    Checks.isTrue(kind == Kind.TRADE, "Event %s is not a trade", this);
    return new Trade(symbol, timestampMicros, price, size, exchange, tradeId, conditions);
  }

  /** The quote of a QUOTE event. */
  public Quote toQuote() {
    Checks.isTrue(kind == Kind.QUOTE, "Event %s is not a quote", this);
    int slash = exchange.indexOf('/');
    return new Quote(symbol, timestampMicros, bidPrice, bidSize, askPrice, askSize,
        slash < 0 ? exchange : exchange.substring(0, slash), slash < 0 ? "" : exchange.substring(slash + 1));
  }
}
