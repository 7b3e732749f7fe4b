package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Flink sources and sinks of the QuantFlow topics, configured the same way everywhere: JSON through a
 * {@link JsonCodec}, records keyed by symbol, sources that never fail on bad input (they emit {@link Decoded}
 * values, see {@link DeadLetterSplitter}) and read only committed transactions, sinks that write exactly once.
 *
 * <pre>{@code
 * KafkaTopics topics = KafkaTopics.local("localhost:9092");
 * KafkaSource<Decoded<Bar>> bars = QuantKafka.source(topics, topics.rawBars(), JsonCodecs.bars())
 *     .groupId("live-features")
 *     .build();                                   // committed offsets, earliest for a new group, unbounded
 * KafkaSink<Signal> signals = QuantKafka.sink(topics, topics.signals(), JsonCodecs.signals())
 *     .transactionalIdPrefix("live-signals")     // unique per sink on the cluster
 *     .build();                                   // EXACTLY_ONCE, transactions time out after 10 minutes
 * QuantKafka.checkCheckpointing(env, QuantKafka.DEFAULT_TRANSACTION_TIMEOUT);
 * }</pre>
 */
public final class QuantKafka {
  /**
   * The transaction timeout the sinks use unless told otherwise: below {@link #BROKER_MAX_TRANSACTION_TIMEOUT}
   * (the broker refuses a producer asking for more) and well above the checkpoint interval (an open transaction is
   * committed only when the checkpoint after it completes).
   */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  /** Kafka's default {@code transaction.max.timeout.ms} on the broker: 15 minutes. */
  public static final Duration BROKER_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  private QuantKafka() {}

  /** A source of {@code topic}, decoding {@code codec}'s messages. */
  public static <T> SourceBuilder<T> source(KafkaTopics topics, String topic, JsonCodec<T> codec) {
    return new SourceBuilder<>(topics, topic, codec);
  }

  /** A sink to {@code topic}, writing {@code codec}'s messages. */
  public static <T> SinkBuilder<T> sink(KafkaTopics topics, String topic, JsonCodec<T> codec) {
    return new SinkBuilder<>(topics, topic, codec);
  }

  /** A sink of dead letters to {@link KafkaTopics#deadLetters()}, keyed by the original record's key. */
  public static SinkBuilder<DeadLetter> deadLetterSink(KafkaTopics topics) {
    Checks.notNull(topics, "topics");
    return new SinkBuilder<>(topics, topics.deadLetters(), JsonCodecs.deadLetters());
  }

  /**
   * Checks that {@code env} checkpoints, more often than {@code transactionTimeout}: an exactly-once sink commits
   * its Kafka transaction when the checkpoint after the writes completes, so without checkpoints nothing is ever
   * committed (read_committed consumers see nothing), and a transaction open longer than its timeout is aborted by
   * the broker, losing its records.
   *
   * @throws IllegalStateException saying what to set when it does not
   */
  public static void checkCheckpointing(StreamExecutionEnvironment env, Duration transactionTimeout) {
    Checks.notNull(env, "env");
    Checks.notNull(transactionTimeout, "transactionTimeout");
    long intervalMs = env.getCheckpointConfig().getCheckpointInterval();
    if (intervalMs <= 0) {
      throw new IllegalStateException("Checkpointing is off, so an EXACTLY_ONCE Kafka sink never commits: call "
          + "env.enableCheckpointing(interval) with an interval below the transaction timeout " + transactionTimeout);
    }
    if (intervalMs >= transactionTimeout.toMillis()) {
      throw new IllegalStateException("The checkpoint interval " + Duration.ofMillis(intervalMs)
          + " is not shorter than the Kafka transaction timeout " + transactionTimeout + ": the broker would abort "
          + "transactions before they are committed; shorten the interval or raise the sink's transactionTimeout");
    }
  }

  /**
   * Builds a {@link KafkaSource} of {@link Decoded} values. Defaults: start at the group's committed offsets (the
   * earliest offset for a new group), read only committed records ({@code isolation.level=read_committed}),
   * unbounded, offsets committed back to Kafka on each checkpoint.
   */
  public static final class SourceBuilder<T> {
    private final KafkaTopics topics;
    private final String topic;
    private final JsonCodec<T> codec;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String groupId;
    private OffsetsInitializer start;
    private boolean bounded;

    @SuppressWarnings("deprecation") // flink-connector-kafka 5.0 still takes Kafka's deprecated OffsetResetStrategy
    private SourceBuilder(KafkaTopics topics, String topic, JsonCodec<T> codec) {
      this.start = OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
      this.topics = Checks.notNull(topics, "topics");
      this.topic = Checks.notBlank(topic, "topic");
      this.codec = Checks.notNull(codec, "codec");
      properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /** The consumer group: its committed offsets are where a restarted job without state resumes. Required. */
    public SourceBuilder<T> groupId(String id) {
      this.groupId = Checks.notBlank(id, "groupId");
      return this;
    }

    /** Start at the earliest offsets, ignoring committed ones (replays, tests). */
    public SourceBuilder<T> fromEarliest() {
      this.start = OffsetsInitializer.earliest();
      return this;
    }

    /** Stop at the latest offsets as of job start, so the job finishes (tests, catch-up runs). */
    public SourceBuilder<T> bounded() {
      this.bounded = true;
      return this;
    }

    /** Any other consumer or KafkaSource property, e.g. {@code partition.discovery.interval.ms}. */
    public SourceBuilder<T> property(String key, String value) {
      properties.put(Checks.notBlank(key, "key"), Checks.notNull(value, "value"));
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalStateException when the group id is missing
     */
    public KafkaSource<Decoded<T>> build() {
      if (groupId == null) {
        throw new IllegalStateException("Property groupId is required but not provided: call groupId(..) with a name "
            + "unique to this job, e.g. \"live-features\"");
      }
      var builder = KafkaSource.<Decoded<T>>builder()
          .setBootstrapServers(topics.bootstrapServers())
          .setTopics(topic)
          .setGroupId(groupId)
          .setStartingOffsets(start)
          .setDeserializer(new QuantDeserializer<>(codec));
      properties.forEach(builder::setProperty);
      if (bounded) {
        builder.setBounded(OffsetsInitializer.latest());
      }
      return builder.build();
    }
  }

  /**
   * Builds a {@link KafkaSink}. Defaults: {@link DeliveryGuarantee#EXACTLY_ONCE}, transaction timeout
   * {@link #DEFAULT_TRANSACTION_TIMEOUT}.
   *
   * <p>Exactly once means Kafka transactions: the sink writes into a transaction and commits it when the next
   * checkpoint completes, so records become visible to {@code read_committed} consumers one checkpoint interval
   * later, and the job must checkpoint ({@link #checkCheckpointing}). The transaction timeout must be longer than
   * the checkpoint interval plus the time a checkpoint takes (else the broker aborts the transaction and its records
   * are lost) and at most the broker's {@code transaction.max.timeout.ms} (else the producer fails to start).
   */
  public static final class SinkBuilder<T> {
    private final KafkaTopics topics;
    private final String topic;
    private final JsonCodec<T> codec;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private DeliveryGuarantee guarantee = DeliveryGuarantee.EXACTLY_ONCE;
    private String transactionalIdPrefix;
    private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
    private Duration brokerMaxTimeout = BROKER_MAX_TRANSACTION_TIMEOUT;

    private SinkBuilder(KafkaTopics topics, String topic, JsonCodec<T> codec) {
      this.topics = Checks.notNull(topics, "topics");
      this.topic = Checks.notBlank(topic, "topic");
      this.codec = Checks.notNull(codec, "codec");
    }

    /** The delivery guarantee; EXACTLY_ONCE unless set. */
    public SinkBuilder<T> deliveryGuarantee(DeliveryGuarantee g) {
      this.guarantee = Checks.notNull(g, "deliveryGuarantee");
      return this;
    }

    /**
     * The prefix of the sink's transactional ids, required for EXACTLY_ONCE. It must be unique per sink across all
     * jobs on the Kafka cluster and stay the same across restarts of a job (Flink aborts the lingering
     * transactions of its prefix on recovery).
     */
    public SinkBuilder<T> transactionalIdPrefix(String prefix) {
      this.transactionalIdPrefix = Checks.notBlank(prefix, "transactionalIdPrefix");
      return this;
    }

    /** How long the broker keeps an uncommitted transaction before aborting it; see the class comment. */
    public SinkBuilder<T> transactionTimeout(Duration timeout) {
      Checks.notNull(timeout, "transactionTimeout");
      Checks.isTrue(!timeout.isNegative() && !timeout.isZero(),
          "Argument 'transactionTimeout' must be positive but was %s", timeout);
      this.transactionTimeout = timeout;
      return this;
    }

    /** The broker's {@code transaction.max.timeout.ms} when it is not Kafka's default of 15 minutes. */
    public SinkBuilder<T> brokerMaxTransactionTimeout(Duration max) {
      this.brokerMaxTimeout = Checks.notNull(max, "brokerMaxTransactionTimeout");
      return this;
    }

    /** Any other producer property, e.g. {@code linger.ms}. */
    public SinkBuilder<T> property(String key, String value) {
      properties.put(Checks.notBlank(key, "key"), Checks.notNull(value, "value"));
      return this;
    }

    /** The transaction timeout the sink will use. */
    public Duration transactionTimeout() {
      return transactionTimeout;
    }

    /**
     * The sink.
     *
     * @throws IllegalStateException when EXACTLY_ONCE has no transactional id prefix or the timeout exceeds the
     *     broker's maximum
     */
    public KafkaSink<T> build() {
      if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
        if (transactionalIdPrefix == null) {
          throw new IllegalStateException("Property transactionalIdPrefix is required for EXACTLY_ONCE but not "
              + "provided: call transactionalIdPrefix(..) with a name unique to this sink, e.g. \"live-signals\"");
        }
        if (transactionTimeout.compareTo(brokerMaxTimeout) > 0) {
          throw new IllegalStateException("transactionTimeout " + transactionTimeout + " exceeds the broker's "
              + "transaction.max.timeout.ms " + brokerMaxTimeout + ", so the producer would fail to start: lower "
              + "transactionTimeout or raise the broker setting and declare it with brokerMaxTransactionTimeout(..)");
        }
      }
      Properties props = new Properties();
      props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
      props.putAll(properties);
      var builder = KafkaSink.<T>builder()
          .setBootstrapServers(topics.bootstrapServers())
          .setRecordSerializer(new QuantSerializer<>(topic, codec))
          .setDeliveryGuarantee(guarantee)
          .setKafkaProducerConfig(props);
      if (transactionalIdPrefix != null) {
        builder.setTransactionalIdPrefix(transactionalIdPrefix);
        // POOLING keeps the ids it used in the writer's state: a restore neither fences a precommitted transaction
        // the committer still has to commit (INCREMENTING did, losing its records, in LiveJobITCase's failover)
        builder.setTransactionNamingStrategy(org.apache.flink.connector.kafka.sink.TransactionNamingStrategy.POOLING);
      }
      return builder.build();
    }
  }
}
