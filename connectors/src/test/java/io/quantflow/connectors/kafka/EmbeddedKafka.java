package io.quantflow.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker inside the test JVM (KRaft, one combined broker and controller, no Docker), started in 2-6
 * seconds. Share one per test class and give each test its own topics ({@link #topics(String)}):
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
 * ... KAFKA.bootstrapServers() ...
 * }</pre>
 *
 * <p>Or call {@link #start()} and {@link #stop()} yourself. Part of the connectors test-jar; a module that uses it
 * needs {@code org.apache.kafka:kafka-test-common-runtime} (test scope) on its own test classpath too.
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private KafkaClusterTestKit cluster;

  /** Starts the broker before the test class (JUnit 5 extension). */
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  /** Stops the broker after the test class (JUnit 5 extension). */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /** Formats fresh storage in a temporary folder and starts the broker; waits until it accepts clients. */
  public synchronized EmbeddedKafka start() throws Exception {
    if (cluster != null) {
      return this;
    }
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    try {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
    } catch (Exception e) {
      kit.close();
      throw new IllegalStateException("The embedded Kafka broker did not start: " + e
          + "; check that kafka-test-common-runtime and kafka-clients have the same version", e);
    }
    cluster = kit;
    return this;
  }

  /** Stops the broker and deletes its storage. */
  public synchronized void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  /** {@link #stop()} for try-with-resources; failures become unchecked. */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping the embedded Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("The embedded Kafka broker did not stop cleanly: " + e, e);
    }
  }

  /** The broker's address, {@code localhost:port}. */
  public synchronized String bootstrapServers() {
    if (cluster == null) {
      throw new IllegalStateException("The embedded Kafka broker is not running: call start() or register it with "
          + "@RegisterExtension");
    }
    return cluster.bootstrapServers();
  }

  /**
   * Topics on this broker named {@code <prefix>raw.trades} and so on, 2 partitions, replication 1. Use a
   * different prefix per test so tests do not see each other's records.
   */
  public KafkaTopics topics(String prefix) {
    return new KafkaTopics(bootstrapServers(), prefix, 2, (short) 1);
  }

  /** Writes {@code records} (key and value as UTF-8; null stays null) to {@code topic} and waits for the acks. */
  public void produce(String topic, List<Map.Entry<String, String>> records) throws Exception {
    List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>();
    for (Map.Entry<String, String> r : records) {
      raw.add(new ProducerRecord<>(topic, bytes(r.getKey()), bytes(r.getValue())));
    }
    produceRecords(raw);
  }

  /** Writes {@code records} and waits for the acks. */
  public void produceRecords(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        acks.add(producer.send(r));
      }
      for (var ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A consumer of this broker reading with {@code isolationLevel} ({@code read_committed} or {@code read_uncommitted}). */
  public KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props);
  }

  /**
   * Every record of {@code topic} visible at {@code isolationLevel}, read from the beginning up to the end offsets
   * as of the call, partition by partition in offset order.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolationLevel) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolationLevel)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).sorted((a, b) -> a.partition() - b.partition())
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Timed out reading " + topic + " up to " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      out.sort((a, b) -> a.partition() != b.partition() ? a.partition() - b.partition()
          : Long.compare(a.offset(), b.offset()));
      return out;
    }
  }

  /** The end offsets of {@code topic}'s partitions summed; at read_committed the last stable offsets. */
  public long endOffsetSum(String topic, String isolationLevel) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolationLevel)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
