package io.quantflow.connectors.alpaca.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.kafka.BadMessageException;
import io.quantflow.connectors.kafka.JsonCodecs;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once rule of {@link TradeUpdatesSource} ({@link FillLedger}) on hand-written updates shaped like the
 * protocol document's two-part limit buy (§4.4: 40 @ 180.01 then 60 @ 180.02, average 180.016), the split's
 * checkpoint serializer, and the Kafka codec of {@link BrokerUpdate}.
 */
class TradeUpdatesSourceStateTest {
  private static final String T1 = "2024-03-01T14:30:01.5Z";
  private static final long T1_MICROS = 1_709_303_401_500_000L;
  private static final String T2 = "2024-03-01T14:30:02.9Z";
  private static final long T2_MICROS = 1_709_303_402_900_000L;
  private static final long START = 1_709_303_400_000_000L; // 14:30:00Z

  private static TradeUpdatesSplit fresh() {
    return new TradeUpdatesSplit("s", START, Map.of(), Map.of());
  }

  private static String order(String id, String side, String status, String filled, String avg, String at) {
    return "{\"id\":\"" + id + "\",\"client_order_id\":\"c-" + id + "\",\"symbol\":\"" + (id.startsWith("m") ? "MSFT"
        : "AAPL") + "\",\"side\":\"" + side + "\",\"type\":\"limit\",\"qty\":\"" + (id.startsWith("m") ? "30" : "100")
        + "\",\"filled_qty\":\"" + filled + "\",\"filled_avg_price\":" + (avg == null ? "null" : "\"" + avg + "\"")
        + ",\"status\":\"" + status + "\",\"updated_at\":\"" + at + "\",\"filled_at\":"
        + (status.equals("filled") ? "\"" + at + "\"" : "null") + "}";
  }

  private static TradeUpdate update(String event, String qty, String price, String position, String order, String at)
      throws IOException {
    String fill = qty == null ? "" : ",\"execution_id\":\"x-" + qty + "\",\"qty\":\"" + qty + "\",\"price\":\"" + price
        + "\",\"position_qty\":\"" + position + "\"";
    return TradingCodec.tradeUpdate(TradingCodec.MAPPER.readTree("{\"event\":\"" + event + "\",\"timestamp\":\"" + at
        + "\"" + fill + ",\"order\":" + order + "}"));
  }

  private static TradeUpdate partial() throws IOException {
    return update("partial_fill", "40", "180.01", "40", order("a", "buy", "partially_filled", "40", "180.01", T1), T1);
  }

  private static TradeUpdate fill() throws IOException {
    return update("fill", "60", "180.02", "100", order("a", "buy", "filled", "100", "180.016", T2), T2);
  }

  private static BrokerUpdate streamed(String event, String status, double qty, double price, double position,
      double filled, long at, String execution) {
    return new BrokerUpdate(event, "c-a", "a", "AAPL", status, qty, price, position, filled, at, execution, false);
  }

  @Test
  void streamFillsAreEmittedAsSentAndARepeatedFrameIsDropped() throws IOException {
    FillLedger ledger = new FillLedger(fresh());
    assertThat(ledger.onStream(partial())).containsExactly(
        streamed("partial_fill", "partially_filled", 40, 180.01, 40, 40, T1_MICROS, "x-40"));
    assertThat(ledger.onStream(fill())).containsExactly(
        streamed("fill", "filled", 60, 180.02, 100, 100, T2_MICROS, "x-60"));
    assertThat(ledger.onStream(fill())).isEmpty();
    assertThat(ledger.duplicatesDropped()).isEqualTo(1);
    assertThat(ledger.lastUpdateMicros()).isEqualTo(T2_MICROS);
  }

  @Test
  void aStreamFillAfterAMissedOneGetsTheGapFirstPricedFromTheAverage() throws IOException {
    FillLedger ledger = new FillLedger(fresh());
    // (180.016 * 100 - 60 * 180.02) / 40 = 180.01; the position before the 60 is 100 - 60
    assertThat(ledger.onStream(fill())).containsExactly(
        new BrokerUpdate("partial_fill", "c-a", "a", "AAPL", "partially_filled", 40, 180.01, 40, 40, T2_MICROS, "",
            true),
        streamed("fill", "filled", 60, 180.02, 100, 100, T2_MICROS, "x-60"));
    assertThat(ledger.reconciledFills()).isEqualTo(1);
  }

  @Test
  void aListingEmitsWhatTheStreamMissedOnceWithTheTrackedPosition() throws IOException {
    FillLedger ledger = new FillLedger(fresh());
    ledger.onStream(partial());
    AlpacaOrder filled = TradingCodec.order(TradingCodec.MAPPER.readTree(order("a", "buy", "filled", "100",
        "180.016", T2)));
    // (180.016 * 100 - 40 * 180.01) / 60 = 180.02; position 40 + 60; the broker's own position is not needed
    List<BrokerUpdate> out = ledger.onListing(List.of(filled), Map.of("AAPL", new BigDecimal("999")));
    assertThat(out).containsExactly(new BrokerUpdate("fill", "c-a", "a", "AAPL", "filled", 60, 180.02, 100, 100,
        T2_MICROS, "", true));
    assertThat(ledger.onListing(List.of(filled), Map.of())).isEmpty();
    assertThat(ledger.onStream(fill())).as("the stream's late copy").isEmpty();
  }

  @Test
  void aListingOfAnUnseenSymbolDerivesThePositionFromTheBroker() throws IOException {
    FillLedger ledger = new FillLedger(fresh());
    AlpacaOrder sold = TradingCodec.order(TradingCodec.MAPPER.readTree(order("m1", "sell", "filled", "30", "400.1",
        T1)));
    assertThat(ledger.onListing(List.of(sold), Map.of("MSFT", new BigDecimal("-30")))).containsExactly(
        new BrokerUpdate("fill", "c-m1", "m1", "MSFT", "filled", -30, 400.1, -30, 30, T1_MICROS, "", true));
  }

  @Test
  void theSplitRoundTripsAndDropsFinishedOrdersOutsideTheWindow() throws IOException {
    FillLedger ledger = new FillLedger(fresh());
    ledger.onStream(partial());
    ledger.onStream(fill());
    TradeUpdatesSplit.Serializer serializer = new TradeUpdatesSplit.Serializer();
    TradeUpdatesSplit kept = ledger.snapshot("s", 5_000_000);
    assertThat(kept.orders()).containsOnlyKeys("a");
    assertThat(kept.orders().get("a").filledQty()).isEqualByComparingTo("100");
    assertThat(kept.orders().get("a").filledNotional()).isEqualByComparingTo("18001.60");
    assertThat(kept.positions().get("AAPL")).isEqualByComparingTo("100");
    assertThat(serializer.deserialize(1, serializer.serialize(kept))).isEqualTo(kept);
    // the filled order's last update (T2) is older than the window once it is 0 µs wide and time moved on
    ledger.onStream(update("new", null, null, null, order("b", "buy", "new", "0", null, "2024-03-01T14:31:00Z"),
        "2024-03-01T14:31:00Z"));
    assertThat(ledger.snapshot("s", 0).orders()).containsOnlyKeys("b");
    assertThatThrownBy(() -> serializer.deserialize(2, new byte[0])).isInstanceOf(IOException.class)
        .hasMessageContaining("Unknown trade-updates split version 2");
  }

  @Test
  void theKafkaCodecWritesEveryFieldAndReadsItBack() throws Exception {
    BrokerUpdate fill = new BrokerUpdate("partial_fill", "c-a", "a", "AAPL", "partially_filled", -40, 180.01, -40, 40,
        T1_MICROS, "", true);
    BrokerUpdate created = new BrokerUpdate("new", "c-a", "a", "AAPL", "new", Double.NaN, Double.NaN, Double.NaN, 0,
        START, "", false);
    var codec = JsonCodecs.brokerUpdates();
    assertThat(codec.encode(fill).toString()).isEqualTo("{\"schemaVersion\":1,\"kind\":\"broker\",\"event\":"
        + "\"partial_fill\",\"clientOrderId\":\"c-a\",\"brokerOrderId\":\"a\",\"symbol\":\"AAPL\",\"status\":"
        + "\"partially_filled\",\"fillQty\":-40.0,\"fillPrice\":180.01,\"positionQty\":-40.0,\"filledQty\":40.0,"
        + "\"timestampMicros\":1709303401500000,\"executionId\":\"\",\"reconciled\":true}");
    assertThat(codec.encode(created).toString()).contains("\"fillQty\":null,\"fillPrice\":null,\"positionQty\":null");
    assertThat(codec.decode(codec.encode(fill))).isEqualTo(fill);
    assertThat(codec.decode(codec.encode(created))).isEqualTo(created);
    assertThat(codec.key(fill)).isEqualTo("AAPL");
    var asFill = codec.encode(fill).put("kind", "fill");
    assertThatThrownBy(() -> codec.decode(asFill)).isInstanceOf(BadMessageException.class)
        .hasMessageContaining("read simulated fills with JsonCodecs.fills()");
  }
}
