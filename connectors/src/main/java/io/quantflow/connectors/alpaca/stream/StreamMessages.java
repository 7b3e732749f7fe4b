package io.quantflow.connectors.alpaca.stream;

import static io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient.conditions;
import static io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient.num;
import static io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient.optText;
import static io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses frames of Alpaca's market-data stream (JSON text: an array of objects keyed by {@code T}). Integers are
 * accepted where doubles are expected; timestamps may have any offset and 0-9 fractional digits. Nothing is thrown
 * away silently: an unknown type becomes {@link StreamMessage.Unknown}, a broken object or frame
 * {@link StreamMessage.Malformed} with its raw text. Thread-safe.
 */
public final class StreamMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamMessages() {}

  /** The messages of one frame, received at {@code receivedAtMicros} (UTC epoch microseconds). */
  public static List<StreamMessage> parse(String frame, long receivedAtMicros) {
    JsonNode root;
    try {
      root = JSON.readTree(frame);
    } catch (IOException | RuntimeException e) {
      return List.of(new StreamMessage.Malformed("frame is not JSON: " + e.getMessage(), frame, receivedAtMicros));
    }
    if (root == null || !root.isArray()) {
      return List.of(new StreamMessage.Malformed("frame is not a JSON array", frame, receivedAtMicros));
    }
    List<StreamMessage> out = new ArrayList<>(root.size());
    for (JsonNode n : root) {
      try {
        out.add(parseOne(n, receivedAtMicros));
      } catch (RuntimeException e) {
        out.add(new StreamMessage.Malformed(e.getMessage(), n.toString(), receivedAtMicros));
      }
    }
    return out;
  }

  private static StreamMessage parseOne(JsonNode n, long rx) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("message is not a JSON object");
    }
    String type = text(n, "T");
    return switch (type) {
      case "success" -> new StreamMessage.Success(optText(n, "msg"));
      case "error" -> new StreamMessage.Error(n.path("code").asInt(0), optText(n, "msg"));
      case "subscription" -> new StreamMessage.Subscription(Subscriptions.fromConfirmation(n));
      case "b" -> new StreamMessage.BarMessage(StreamMessage.BarKind.MINUTE, bar(n, Timeframe.M1), rx);
      case "u" -> new StreamMessage.BarMessage(StreamMessage.BarKind.UPDATED, bar(n, Timeframe.M1), rx);
      case "d" -> new StreamMessage.BarMessage(StreamMessage.BarKind.DAILY, bar(n, Timeframe.D1), rx);
      case "t" -> new StreamMessage.TradeMessage(new Trade(text(n, "S"), time(n), num(n, "p"), num(n, "s"),
          optText(n, "x"), n.path("i").asLong(0), conditions(n.get("c"))), optText(n, "z"), rx);
      case "q" -> new StreamMessage.QuoteMessage(new Quote(text(n, "S"), time(n), num(n, "bp"), num(n, "bs"),
          num(n, "ap"), num(n, "as"), optText(n, "bx"), optText(n, "ax")), conditions(n.get("c")), optText(n, "z"),
          rx);
      case "x" -> new StreamMessage.CancelMessage(MarketEvent.cancel(text(n, "S"), time(n), rx, id(n, "i")),
          optText(n, "a"), n.path("p").asDouble(Double.NaN), n.path("s").asDouble(Double.NaN));
      case "c" -> new StreamMessage.CorrectionMessage(MarketEvent.correction(text(n, "S"), time(n), rx, id(n, "oi"),
          id(n, "ci"), num(n, "cp"), num(n, "cs")), n.path("op").asDouble(Double.NaN),
          n.path("os").asDouble(Double.NaN));
      case "s" -> new StreamMessage.StatusMessage(text(n, "S"), optText(n, "sc"), optText(n, "sm"), optText(n, "rc"),
          optText(n, "rm"), time(n), optText(n, "z"));
      case "l" -> new StreamMessage.LuldMessage(text(n, "S"), num(n, "u"), num(n, "d"), optText(n, "i"), time(n),
          optText(n, "z"));
      default -> new StreamMessage.Unknown(type, n.toString());
    };
  }

  private static Bar bar(JsonNode n, Timeframe tf) {
    return new Bar(text(n, "S"), tf, time(n), num(n, "o"), num(n, "h"), num(n, "l"), num(n, "c"), num(n, "v"),
        n.hasNonNull("n") ? n.get("n").asLong() : Bar.UNKNOWN_TRADE_COUNT,
        n.hasNonNull("vw") && n.get("vw").asDouble() > 0 ? n.get("vw").asDouble() : Double.NaN);
  }

  private static long time(JsonNode n) {
    return AlpacaTime.parseMicros(text(n, "t"));
  }

  private static long id(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new IllegalArgumentException("field '" + field + "' must be an integer trade id but was " + v);
    }
    return v.asLong();
  }
}
