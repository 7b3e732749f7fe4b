package io.quantflow.connectors.alpaca.stream;

import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;

/**
 * One message of Alpaca's market-data stream (one object of a frame's JSON array), parsed by
 * {@link StreamMessages#parse}. Timestamps are UTC epoch microseconds; {@code receivedAtMicros} is when this client
 * received the frame.
 */
public sealed interface StreamMessage {

  /** {@code {"T":"success","msg":"connected"|"authenticated"}}. */
  record Success(String msg) implements StreamMessage {}

  /** {@code {"T":"error","code":402,"msg":"auth failed"}}; see {@link AlpacaStreamException#of(int, String)}. */
  record Error(int code, String msg) implements StreamMessage {}

  /** {@code {"T":"subscription",...}}: the whole current subscription set (never a delta). */
  record Subscription(Subscriptions subscriptions) implements StreamMessage {}

  /** Which bar channel a bar came from. */
  enum BarKind {
    /** {@code T:"b"}: a minute bar, sent just after the minute closed. */
    MINUTE,
    /** {@code T:"u"}: a revision of an already sent minute bar (late trade). */
    UPDATED,
    /** {@code T:"d"}: the running daily bar, labelled by its trading day (midnight New York, in UTC). */
    DAILY
  }

  /** A bar ({@code b}, {@code u} or {@code d}): minute bars have timeframe 1m, daily bars 1d. */
  record BarMessage(BarKind kind, Bar bar, long receivedAtMicros) implements StreamMessage {}

  /** A trade ({@code t}); {@code tape} is Alpaca's {@code z}. */
  record TradeMessage(Trade trade, String tape, long receivedAtMicros) implements StreamMessage {
    /** The trade as a feed event. */
    public MarketEvent toEvent() {
      return MarketEvent.trade(trade, receivedAtMicros);
    }
  }

  /** A quote ({@code q}); sizes as sent (round lots on the stream per Alpaca's docs); {@code conditions} joined. */
  record QuoteMessage(Quote quote, String conditions, String tape, long receivedAtMicros) implements StreamMessage {
    /** The quote as a feed event. */
    public MarketEvent toEvent() {
      return MarketEvent.quote(quote, receivedAtMicros);
    }
  }

  /**
   * A trade cancel or error ({@code x}) as a {@link MarketEvent.Kind#CANCEL} event.
   *
   * @param action {@code C} cancel or {@code E} error
   * @param price the cancelled trade's price
   * @param size the cancelled trade's size
   */
  record CancelMessage(MarketEvent event, String action, double price, double size) implements StreamMessage {}

  /**
   * A trade correction ({@code c}) as a {@link MarketEvent.Kind#CORRECTION} event (original id, corrected id,
   * corrected price and size).
   *
   * @param originalPrice the original trade's price
   * @param originalSize the original trade's size
   */
  record CorrectionMessage(MarketEvent event, double originalPrice, double originalSize) implements StreamMessage {}

  /**
   * A trading status ({@code s}): halts, resumptions.
   *
   * @param statusCode {@code sc}, e.g. {@code H} halt
   * @param statusMessage {@code sm}
   * @param reasonCode {@code rc}
   * @param reasonMessage {@code rm}
   * @param timestampMicros {@code t}
   * @param tape {@code z}
   */
  record StatusMessage(String symbol, String statusCode, String statusMessage, String reasonCode,
      String reasonMessage, long timestampMicros, String tape) implements StreamMessage {}

  /**
   * Limit up / limit down bands ({@code l}); prices in USD per share.
   *
   * @param indicator {@code i}
   */
  record LuldMessage(String symbol, double limitUp, double limitDown, String indicator, long timestampMicros,
      String tape) implements StreamMessage {}

  /** A message of a type this client does not know (e.g. {@code i} imbalances): tolerated and reported. */
  record Unknown(String type, String raw) implements StreamMessage {}

  /** A frame or message that could not be parsed: the reason and the raw text, for a dead-letter channel. */
  record Malformed(String reason, String raw, long receivedAtMicros) implements StreamMessage {}
}
