package io.quantflow.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Signal;
import java.time.Duration;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The builders' defaults and the messages of wrong settings; one setting changed per test. */
class QuantKafkaBuilderTest {
  private static final KafkaTopics TOPICS = KafkaTopics.local("localhost:9092");

  private static QuantKafka.SourceBuilder<Bar> basicSource() {
    return QuantKafka.source(TOPICS, TOPICS.rawBars(), JsonCodecs.bars()).groupId("test");
  }

  private static QuantKafka.SinkBuilder<Signal> basicSink() {
    return QuantKafka.sink(TOPICS, TOPICS.signals(), JsonCodecs.signals()).transactionalIdPrefix("test-signals");
  }

  @Test
  void sourceIsUnboundedUnlessAskedAndProducesDecodedPojos() {
    assertThat(basicSource().build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(basicSource().bounded().build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    PojoTypeInfo<?> type = (PojoTypeInfo<?>) basicSource().build().getProducedType();
    assertThat(type.getTypeClass()).isEqualTo(Decoded.class);
    assertThat(type.getTypeAt("value")).isInstanceOf(PojoTypeInfo.class);
    assertThat(type.getTypeAt("value").getTypeClass()).isEqualTo(Bar.class);
  }

  @Test
  void sourceWithoutGroupIdFails() {
    assertThatThrownBy(() -> QuantKafka.source(TOPICS, TOPICS.rawBars(), JsonCodecs.bars()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Property groupId is required but not provided: call groupId(..)");
  }

  @Test
  void exactlyOnceSinkNeedsTransactionalIdPrefix() {
    assertThatThrownBy(() -> QuantKafka.sink(TOPICS, TOPICS.signals(), JsonCodecs.signals()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Property transactionalIdPrefix is required for EXACTLY_ONCE");
    assertThat(QuantKafka.sink(TOPICS, TOPICS.signals(), JsonCodecs.signals())
        .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build()).isNotNull();
  }

  @Test
  void transactionTimeoutDefaultsBelowBrokerMaximum() {
    assertThat(basicSink().transactionTimeout()).isEqualTo(Duration.ofMinutes(10))
        .isLessThan(QuantKafka.BROKER_MAX_TRANSACTION_TIMEOUT);
  }

  @Test
  void transactionTimeoutAboveBrokerMaximumFails() {
    assertThatThrownBy(() -> basicSink().transactionTimeout(Duration.ofMinutes(20)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("transactionTimeout PT20M exceeds the broker's transaction.max.timeout.ms PT15M, so the producer "
            + "would fail to start: lower transactionTimeout or raise the broker setting and declare it with "
            + "brokerMaxTransactionTimeout(..)");
    assertThat(basicSink().transactionTimeout(Duration.ofMinutes(20))
        .brokerMaxTransactionTimeout(Duration.ofHours(1)).build()).isNotNull();
  }

  @Test
  void checkpointingMustBeOnAndShorterThanTheTransactionTimeout() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    assertThatThrownBy(() -> QuantKafka.checkCheckpointing(env, Duration.ofMinutes(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Checkpointing is off, so an EXACTLY_ONCE Kafka sink never commits");
    env.enableCheckpointing(Duration.ofMinutes(10).toMillis());
    assertThatThrownBy(() -> QuantKafka.checkCheckpointing(env, Duration.ofMinutes(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The checkpoint interval PT10M is not shorter than the Kafka transaction timeout PT10M");
    env.enableCheckpointing(Duration.ofSeconds(30).toMillis());
    QuantKafka.checkCheckpointing(env, Duration.ofMinutes(10)); // passes
  }

  @Test
  void topicPrefixWithIllegalCharactersFails() {
    assertThatThrownBy(() -> new KafkaTopics("localhost:9092", "quant/", 3, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'topicPrefix' may only contain letters, digits, '.', '_' and '-' but was 'quant/'");
  }
}
