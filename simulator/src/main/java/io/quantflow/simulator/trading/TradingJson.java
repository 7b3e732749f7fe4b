package io.quantflow.simulator.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The simulator's own JSON encoding of trading objects (independent of the client's codec, so that a symmetric bug
 * cannot hide in both): decimals as strings without trailing zeros, absent values as {@code null}, times as
 * RFC-3339 (UTC {@code Z} for objects, Eastern offset for the clock).
 */
final class TradingJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private TradingJson() {}

  /** A decimal as Alpaca writes it ({@code "100.05"}, {@code "0"}), or null. */
  static String dec(BigDecimal d) {
    if (d == null) {
      return null;
    }
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }

  /** UTC epoch microseconds as RFC-3339 UTC, or null for 0 (unset). */
  static String time(long micros) {
    if (micros == 0) {
      return null;
    }
    return DateTimeFormatter.ISO_INSTANT.format(instant(micros));
  }

  /** UTC epoch microseconds as RFC-3339 with the New York offset (as /v2/clock writes it). */
  static String timeEastern(long micros) {
    return OffsetDateTime.ofInstant(instant(micros), NEW_YORK).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The asset id the simulator gives {@code symbol} (stable: a name-based UUID). */
  static String assetId(String symbol) {
    return UUID.nameUUIDFromBytes(("asset:" + symbol).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  /** The order object of §3.5; {@code withLegs} puts bracket legs under {@code legs}, else {@code legs} is null. */
  static ObjectNode order(SimOrder o, boolean withLegs) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", o.id.toString());
    n.put("client_order_id", o.clientOrderId);
    n.put("created_at", time(o.createdMicros));
    n.put("updated_at", time(o.updatedMicros));
    n.put("submitted_at", time(o.submittedMicros));
    n.put("filled_at", time(o.filledMicros));
    n.put("expired_at", time(o.expiredMicros));
    n.put("cancel_requested_at", time(o.cancelRequestedMicros));
    n.put("canceled_at", time(o.canceledMicros));
    n.putNull("failed_at");
    n.put("replaced_at", time(o.replacedMicros));
    n.put("replaced_by", o.replacedBy == null ? null : o.replacedBy.toString());
    n.put("replaces", o.replaces == null ? null : o.replaces.toString());
    n.put("asset_id", assetId(o.symbol));
    n.put("symbol", o.symbol);
    n.put("asset_class", "us_equity");
    n.putNull("notional");
    n.put("qty", dec(o.qty));
    n.put("filled_qty", dec(o.filledQty));
    n.put("filled_avg_price", dec(o.filledAvgPrice()));
    n.put("order_class", o.orderClass);
    n.put("order_type", o.type);
    n.put("type", o.type);
    n.put("side", o.side);
    n.putNull("position_intent");
    n.put("time_in_force", o.timeInForce);
    n.put("limit_price", dec(o.limitPrice));
    n.put("stop_price", dec(o.stopPrice));
    n.put("status", o.status);
    n.put("extended_hours", o.extendedHours);
    if (withLegs && !o.legs.isEmpty()) {
      ArrayNode legs = n.putArray("legs");
      for (SimOrder leg : o.legs) {
        legs.add(order(leg, false));
      }
    } else {
      n.putNull("legs");
    }
    n.putNull("trail_percent");
    n.putNull("trail_price");
    n.putNull("hwm");
    n.putNull("subtag");
    n.putNull("source");
    n.putNull("expires_at");
    return n;
  }

  /** A decimal field sent as a JSON string or number; null when absent, null or empty. */
  static BigDecimal decimal(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String text = v.isNumber() ? v.decimalValue().toPlainString() : v.asText().trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw ApiError.validation("invalid " + field + ": '" + text + "' is not a decimal number");
    }
  }

  /** A text field; null when absent, null or empty. */
  static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }
}
