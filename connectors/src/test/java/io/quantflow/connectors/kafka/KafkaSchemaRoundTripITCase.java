package io.quantflow.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.MarketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every schema through a real broker: topics created once, each message read back with the exact field values. */
class KafkaSchemaRoundTripITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  private static KafkaTopics topics;
  private static List<String> createdFirst;
  private static List<String> createdAgain;

  @BeforeAll
  static void createTopics() {
    topics = KAFKA.topics("rt.");
    createdFirst = topics.createTopics(Duration.ofSeconds(30));
    createdAgain = topics.createTopics(Duration.ofSeconds(30));
  }

  @Test
  void createTopicsIsIdempotent() throws Exception {
    assertThat(createdFirst).containsExactly("rt.raw.trades", "rt.raw.quotes", "rt.raw.bars", "rt.features",
        "rt.signals", "rt.predictions", "rt.orders", "rt.order.updates", "rt.deadletter", "rt.alerts");
    assertThat(createdAgain).isEmpty();
    try (Admin admin = Admin.create(topics.clientProperties())) {
      Map<String, TopicDescription> d = admin.describeTopics(topics.all()).allTopicNames().get();
      assertThat(d.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
    }
  }

  @Test
  void defaultTopicNamesAreTheDocumentedOnes() {
    KafkaTopics defaults = KafkaTopics.local("localhost:9092");
    assertThat(defaults.all()).containsExactly("quant.raw.trades", "quant.raw.quotes", "quant.raw.bars",
        "quant.features", "quant.signals", "quant.predictions", "quant.orders", "quant.order.updates",
        "quant.deadletter",
        "quant.alerts");
  }

  @Test
  void tradesCancelsAndCorrectionsRoundTrip() throws Exception {
    List<MarketEvent> got = roundTrip(topics.rawTrades(), JsonCodecs.trades(),
        List.of(KafkaSamples.trade(), KafkaSamples.cancel(), KafkaSamples.correction()));
    assertThat(got.get(0).price()).isEqualTo(187.2);
    assertThat(got.get(0).conditions()).isEqualTo("@,I");
    assertThat(got.get(2).correctedTradeId()).isEqualTo(52983525029462L);
  }

  @Test
  void quotesRoundTrip() throws Exception {
    List<MarketEvent> got = roundTrip(topics.rawQuotes(), JsonCodecs.quotes(), List.of(KafkaSamples.quote()));
    assertThat(got.get(0).toQuote().askExchange()).isEqualTo("Q");
  }

  @Test
  void barsRoundTripWithAndWithoutVwap() throws Exception {
    var got = roundTrip(topics.rawBars(), JsonCodecs.bars(),
        List.of(KafkaSamples.bar(), KafkaSamples.barWithoutVwap()));
    assertThat(got.get(0).vwap()).isEqualTo(187.21);
    assertThat(got.get(1).vwap()).isNaN();
    assertThat(got.get(1).tradeCount()).isEqualTo(-1);
  }

  @Test
  void featuresRoundTripWithWarmingUpValue() throws Exception {
    var got = roundTrip(topics.features(), JsonCodecs.features(KafkaSamples.FEATURES),
        List.of(KafkaSamples.features()));
    assertThat(got.get(0).values()).containsExactly(187.0125, Double.NaN);
    assertThat(got.get(0).revision()).isEqualTo(1);
  }

  @Test
  void signalsRoundTrip() throws Exception {
    roundTrip(topics.signals(), JsonCodecs.signals(), List.of(KafkaSamples.signal()));
  }

  @Test
  void ordersRoundTrip() throws Exception {
    var got = roundTrip(topics.orders(), JsonCodecs.orders(),
        List.of(KafkaSamples.marketOrder(), KafkaSamples.stopLimitChild()));
    assertThat(got.get(1).quantity()).isEqualTo(-5.5);
    assertThat(got.get(1).parentId()).isEqualTo("MSFT-1704205860000000");
  }

  @Test
  void fillsRoundTrip() throws Exception {
    roundTrip(topics.orderUpdates(), JsonCodecs.fills(), List.of(KafkaSamples.fill()));
  }

  @Test
  void deadLettersAndAlertsRoundTrip() throws Exception {
    roundTrip(topics.deadLetters(), JsonCodecs.deadLetters(), List.of(KafkaSamples.deadLetter()));
    List<ConsumerRecord<byte[], byte[]>> alerts = produceAndRead(topics.alerts(), JsonCodecs.alerts(),
        List.of(KafkaSamples.alert()));
    assertThat(new String(alerts.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("alpaca-source"); // no symbol
    assertThat(new QuantDeserializer<>(JsonCodecs.alerts()).decode(alerts.get(0)).value())
        .isEqualTo(KafkaSamples.alert());
  }

  /** Writes {@code values}, reads them back, checks keys, partitions and equality, and returns the decoded values. */
  private static <T> List<T> roundTrip(String topic, JsonCodec<T> codec, List<T> values) throws Exception {
    List<ConsumerRecord<byte[], byte[]>> records = produceAndRead(topic, codec, values);
    assertThat(records).hasSize(values.size());
    QuantDeserializer<T> deserializer = new QuantDeserializer<>(codec);
    List<T> decoded = records.stream().map(r -> {
      Decoded<T> d = deserializer.decode(r);
      assertThat(d.deadLetter()).as("dead letter of %s", r).isNull();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(codec.key(d.value()));
      return d.value();
    }).toList();
    assertThat(decoded).containsExactlyInAnyOrderElementsOf(values);
    // one partition per key, in the order written
    Map<String, Integer> partitionOfKey = records.stream().collect(Collectors.toMap(
        r -> new String(r.key(), StandardCharsets.UTF_8), ConsumerRecord::partition, (a, b) -> {
          assertThat(a).isEqualTo(b);
          return a;
        }));
    assertThat(partitionOfKey).isNotEmpty();
    return values.stream().map(v -> decoded.get(decoded.indexOf(v))).toList();
  }

  private static <T> List<ConsumerRecord<byte[], byte[]>> produceAndRead(String topic, JsonCodec<T> codec,
      List<T> values) throws Exception {
    QuantSerializer<T> serializer = new QuantSerializer<>(topic, codec);
    List<ProducerRecord<byte[], byte[]>> out = values.stream().map(v -> serializer.toRecord(v, null)).toList();
    KAFKA.produceRecords(out);
    return KAFKA.readAll(topic, "read_committed");
  }
}
