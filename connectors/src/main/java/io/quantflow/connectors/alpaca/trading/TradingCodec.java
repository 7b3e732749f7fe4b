package io.quantflow.connectors.alpaca.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** JSON of the trading API to and from the typed records: decimals strings or numbers, RFC-3339 times any offset. */
final class TradingCodec {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TradingCodec() {}

  static BigDecimal dec(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.isNumber() ? v.decimalValue().toPlainString() : v.asText().trim();
    return s.isEmpty() ? null : new BigDecimal(s);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** An RFC-3339 time (any offset, 0-9 fractional digits) as UTC epoch microseconds, or null. */
  static Long micros(JsonNode n, String field) {
    String s = text(n, field);
    if (s == null || s.isEmpty()) {
      return null;
    }
    Instant i = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  static AlpacaOrder order(JsonNode n) {
    List<AlpacaOrder> legs = new ArrayList<>();
    JsonNode l = n.get("legs");
    if (l != null && l.isArray()) {
      for (JsonNode leg : l) {
        legs.add(order(leg));
      }
    }
    String type = text(n, "type");
    return new AlpacaOrder(text(n, "id"), text(n, "client_order_id"), text(n, "symbol"), text(n, "side"),
        type != null ? type : text(n, "order_type"), text(n, "time_in_force"),
        n.path("order_class").asText(""), text(n, "status"), dec(n, "qty"), dec(n, "filled_qty"),
        dec(n, "filled_avg_price"), dec(n, "limit_price"), dec(n, "stop_price"),
        n.path("extended_hours").asBoolean(false), micros(n, "created_at"), micros(n, "updated_at"),
        micros(n, "submitted_at"), micros(n, "filled_at"), micros(n, "canceled_at"), micros(n, "expired_at"),
        text(n, "replaced_by"), text(n, "replaces"), legs);
  }

  static Account account(JsonNode n) {
    return new Account(text(n, "id"), text(n, "account_number"), text(n, "status"), text(n, "currency"),
        dec(n, "cash"), dec(n, "equity"), dec(n, "last_equity"), dec(n, "buying_power"), dec(n, "regt_buying_power"),
        dec(n, "long_market_value"), dec(n, "short_market_value"), dec(n, "initial_margin"),
        dec(n, "maintenance_margin"), dec(n, "multiplier"), n.path("shorting_enabled").asBoolean(false),
        n.path("pattern_day_trader").asBoolean(false), n.path("trading_blocked").asBoolean(false),
        n.path("daytrade_count").asInt(0));
  }

  static Position position(JsonNode n) {
    return new Position(text(n, "symbol"), dec(n, "qty"), dec(n, "qty_available"), text(n, "side"),
        dec(n, "avg_entry_price"), dec(n, "market_value"), dec(n, "cost_basis"), dec(n, "unrealized_pl"),
        dec(n, "current_price"));
  }

  static Clock clock(JsonNode n) {
    return new Clock(micros(n, "timestamp"), n.path("is_open").asBoolean(false), micros(n, "next_open"),
        micros(n, "next_close"));
  }

  /** The {@code data} object of a {@code trade_updates} message. */
  static TradeUpdate tradeUpdate(JsonNode data) {
    Long ts = micros(data, "timestamp");
    AlpacaOrder o = order(data.path("order"));
    return new TradeUpdate(text(data, "event"), o, ts != null ? ts : o.updatedAtMicros() != null
        ? o.updatedAtMicros() : 0L, dec(data, "price"), dec(data, "qty"), dec(data, "position_qty"),
        text(data, "execution_id"));
  }

  static String dec(BigDecimal d) {
    return d == null ? null : d.toPlainString();
  }

  /** The POST body: decimals as strings, like Alpaca's Go SDK. */
  static String orderBody(OrderRequest r) {
    ObjectNode b = MAPPER.createObjectNode();
    b.put("symbol", r.symbol());
    b.put("qty", dec(r.qty()));
    b.put("side", r.side().wire());
    b.put("type", r.type().wire());
    b.put("time_in_force", r.timeInForce().wire());
    if (r.limitPrice() != null) {
      b.put("limit_price", dec(r.limitPrice()));
    }
    if (r.stopPrice() != null) {
      b.put("stop_price", dec(r.stopPrice()));
    }
    b.put("client_order_id", r.clientOrderId());
    b.put("extended_hours", r.extendedHours());
    if (r.bracket()) {
      b.put("order_class", "bracket");
      b.putObject("take_profit").put("limit_price", dec(r.takeProfitLimit()));
      ObjectNode sl = b.putObject("stop_loss").put("stop_price", dec(r.stopLossStop()));
      if (r.stopLossLimit() != null) {
        sl.put("limit_price", dec(r.stopLossLimit()));
      }
    }
    return b.toString();
  }

  static String replaceBody(ReplaceRequest r) {
    ObjectNode b = MAPPER.createObjectNode();
    if (r.qty() != null) {
      b.put("qty", dec(r.qty()));
    }
    if (r.timeInForce() != null) {
      b.put("time_in_force", r.timeInForce().wire());
    }
    if (r.limitPrice() != null) {
      b.put("limit_price", dec(r.limitPrice()));
    }
    if (r.stopPrice() != null) {
      b.put("stop_price", dec(r.stopPrice()));
    }
    if (r.clientOrderId() != null) {
      b.put("client_order_id", r.clientOrderId());
    }
    return b.toString();
  }
}
