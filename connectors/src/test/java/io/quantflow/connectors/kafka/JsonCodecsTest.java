package io.quantflow.connectors.kafka;

import static io.quantflow.connectors.kafka.KafkaSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.MarketEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON text of the schemas and the dead-letter reasons of bad input, without a broker. */
class JsonCodecsTest {

  private static final String BAR_JSON = "{\"schemaVersion\":1,\"symbol\":\"AAPL\",\"timeframe\":\"1m\","
      + "\"timestampMicros\":1704205800000000,\"open\":187.15,\"high\":187.4,\"low\":187.05,\"close\":187.25,"
      + "\"volume\":12000.0,\"tradeCount\":143,\"vwap\":187.21}";

  @Test
  void barIsWrittenWithExplicitFieldsAndUnits() {
    assertThat(text(JsonCodecs.bars(), KafkaSamples.bar())).isEqualTo(BAR_JSON);
  }

  @Test
  void examplesInTheDocsAreWhatTheCodecsWrite() throws Exception {
    List<String> documented = Files.readAllLines(Path.of("../docs/kafka.md")).stream()
        .filter(l -> l.startsWith("{\"schemaVersion\"")).toList();
    assertThat(documented).containsExactly(
        text(JsonCodecs.trades(), KafkaSamples.trade()), text(JsonCodecs.trades(), KafkaSamples.cancel()),
        text(JsonCodecs.trades(), KafkaSamples.correction()), text(JsonCodecs.quotes(), KafkaSamples.quote()),
        text(JsonCodecs.bars(), KafkaSamples.bar()), text(JsonCodecs.bars(), KafkaSamples.barWithoutVwap()),
        text(JsonCodecs.features(KafkaSamples.FEATURES), KafkaSamples.features()),
        text(JsonCodecs.signals(), KafkaSamples.signal()),
        text(JsonCodecs.predictions(), KafkaSamples.prediction()), text(JsonCodecs.orders(), KafkaSamples.marketOrder()),
        text(JsonCodecs.orders(), KafkaSamples.stopLimitChild()), text(JsonCodecs.fills(), KafkaSamples.fill()),
        text(JsonCodecs.brokerUpdates(), KafkaSamples.brokerPartialFill()),
        text(JsonCodecs.deadLetters(), KafkaSamples.deadLetter()), text(JsonCodecs.alerts(), KafkaSamples.alert()));
  }

  @Test
  void unknownValuesAreWrittenAsNull() {
    assertThat(text(JsonCodecs.bars(), KafkaSamples.barWithoutVwap()))
        .contains("\"tradeCount\":null,\"vwap\":null");
    assertThat(text(JsonCodecs.features(KafkaSamples.FEATURES), KafkaSamples.features()))
        .contains("\"features\":{\"ema_20\":187.0125,\"rsi_14\":null}");
    assertThat(text(JsonCodecs.orders(), KafkaSamples.marketOrder()))
        .contains("\"limitPrice\":null,\"stopPrice\":null");
  }

  @Test
  void tradeCarriesOnlyTheFieldsOfItsKind() {
    assertThat(text(JsonCodecs.trades(), KafkaSamples.cancel())).isEqualTo("{\"schemaVersion\":1,\"kind\":\"cancel\","
        + "\"symbol\":\"AAPL\",\"timestampMicros\":1704205800500000,\"receivedAtMicros\":1704205800502000,"
        + "\"tradeId\":52983525029461}");
  }

  @Test
  void decodesWhatItEncodes() throws Exception {
    assertThat(JsonCodecs.bars().decode(Json.parse(BAR_JSON.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(KafkaSamples.bar());
    FeatureRow row = JsonCodecs.features(KafkaSamples.FEATURES).decode(
        JsonCodecs.features(KafkaSamples.FEATURES).encode(KafkaSamples.features()));
    assertThat(row.values()).containsExactly(187.0125, Double.NaN);
  }

  @Test
  void quoteCannotBeWrittenAsTrade() {
    assertThatThrownBy(() -> JsonCodecs.trades().encode(KafkaSamples.quote()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A QUOTE event cannot be written as a trade message (it takes trade, cancel, correction); "
            + "send it to its own topic");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not JSON          | {"schemaVersion":1,"symbol":    | bar: malformed JSON: Unexpected end-of-input
      array             | [1,2]                           | bar: malformed JSON: expected an object but got array [1,2]
      empty             | ''                              | bar: malformed JSON: empty payload
      no version        | {"symbol":"AAPL"}               | bar: missing field 'schemaVersion'
      version 2         | {"schemaVersion":2}             | bar: unsupported schemaVersion 2 (this reader knows 1): upgrade the consumer or fix the producer
      missing close     | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1,"open":1,"high":1,"low":1,"volume":0,"tradeCount":null,"vwap":null} | bar: missing field 'close'
      negative close    | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1,"open":1,"high":1,"low":1,"close":-1,"volume":0,"tradeCount":null,"vwap":null} | bar: field 'close' must be a positive price but was -1.0
      NaN as string     | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1,"open":"NaN","high":1,"low":1,"close":1,"volume":0,"tradeCount":null,"vwap":null} | bar: field 'open' must be a number but was string "NaN"
      bare NaN          | {"schemaVersion":1,"open":NaN}  | bar: malformed JSON: Non-standard token 'NaN'
      null close        | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1,"open":1,"high":1,"low":1,"close":null,"volume":0,"tradeCount":null,"vwap":null} | bar: field 'close' must not be null
      high below close  | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1,"open":1,"high":1,"low":1,"close":2,"volume":0,"tradeCount":null,"vwap":null} | bar: invalid bar: Bar AAPL 1m at 1 violates low <= open, close <= high (o=1.0 h=1.0 l=1.0 c=2.0)
      bad timeframe     | {"schemaVersion":1,"symbol":"AAPL","timeframe":"7m","timestampMicros":1,"open":1,"high":1,"low":1,"close":1,"volume":0,"tradeCount":null,"vwap":null} | bar: invalid bar: Unknown timeframe '7m'; valid timeframes are 1s, 15s, 1m, 5m, 15m, 1h, 1d
      vwap omitted      | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1,"open":1,"high":1,"low":1,"close":1,"volume":0,"tradeCount":null} | bar: missing field 'vwap' (write null when unknown)
      micros as float   | {"schemaVersion":1,"symbol":"AAPL","timeframe":"1m","timestampMicros":1.5,"open":1,"high":1,"low":1,"close":1,"volume":0,"tradeCount":null,"vwap":null} | bar: field 'timestampMicros' must be an integer but was number 1.5
      """)
  void badBarBecomesDeadLetterWithReason(String name, String payload, String reason) {
    DeadLetter dl = decodeBar("AAPL", payload).deadLetter();
    assertThat(dl).as(name).isNotNull();
    assertThat(dl.reason()).as(name).startsWith(reason);
    assertThat(dl.payload()).isEqualTo(payload);
    assertThat(dl.topic()).isEqualTo("quant.raw.bars");
    assertThat(dl.partition()).isEqualTo(1);
    assertThat(dl.offset()).isEqualTo(7);
    assertThat(dl.key()).isEqualTo("AAPL");
  }

  @Test
  void keyOtherThanSymbolIsDeadLetter() {
    DeadLetter dl = decodeBar("MSFT", BAR_JSON).deadLetter();
    assertThat(dl.reason()).isEqualTo("bar: key 'MSFT' differs from the message's key field 'AAPL': producers must "
        + "key records by symbol so that a symbol stays in one partition");
  }

  @Test
  void tombstoneIsDeadLetterAndGoodRecordIsValue() {
    Decoded<Bar> tombstone = new QuantDeserializer<>(JsonCodecs.bars()).decode(
        new ConsumerRecord<>("quant.raw.bars", 0, 3, "AAPL".getBytes(StandardCharsets.UTF_8), null));
    assertThat(tombstone.deadLetter().reason()).isEqualTo("bar: null value (tombstone): QuantFlow topics carry no deletes");
    assertThat(tombstone.deadLetter().payload()).isEmpty();
    assertThat(decodeBar(null, BAR_JSON).value()).isEqualTo(KafkaSamples.bar());
  }

  @Test
  void quoteOnTradeTopicIsDeadLetter() {
    byte[] quote = Json.bytes(JsonCodecs.quotes().encode(KafkaSamples.quote()));
    Decoded<MarketEvent> d = new QuantDeserializer<>(JsonCodecs.trades()).decode(
        new ConsumerRecord<>("quant.raw.trades", 0, 0, null, quote));
    assertThat(d.deadLetter().reason())
        .isEqualTo("trade: field 'kind' must be one of trade, cancel, correction on this topic but was \"quote\"");
  }

  @Test
  void deadLetterRecordsWhenItWasReceived() {
    long before = T0; // any time after 2024 works as a lower bound
    DeadLetter dl = decodeBar("AAPL", "x").deadLetter();
    assertThat(dl.receivedAtMicros()).isGreaterThan(before)
        .isLessThanOrEqualTo(System.currentTimeMillis() * 1000 + 1000);
  }

  private static Decoded<Bar> decodeBar(String key, String payload) {
    return new QuantDeserializer<>(JsonCodecs.bars()).decode(new ConsumerRecord<>("quant.raw.bars", 1, 7,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8)));
  }

  private static <T> String text(JsonCodec<T> codec, T value) {
    return new String(Json.bytes(codec.encode(value)), StandardCharsets.UTF_8);
  }
}
