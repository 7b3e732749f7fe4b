package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Where the QuantFlow topics live and how they are laid out: the broker, a name prefix (one per environment, e.g.
 * {@code quant.} or {@code paper.quant.}), and the partition count and replication factor new topics get.
 *
 * <p>Every record is keyed by its symbol (UTF-8), so all records of a symbol land in one partition and keep their
 * order; the partition count bounds the parallelism of a reading job, and changing it later moves symbols between
 * partitions (no order across the change), so pick it once. docs/kafka.md lists the topics and their schemas.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param bootstrapServers broker list, {@code host:port[,host:port...]}
 * @param topicPrefix prepended to every topic name, may be empty; the default is {@value #DEFAULT_PREFIX}
 * @param partitions partitions of each topic {@link #createTopics} creates
 * @param replicationFactor replicas of each partition (1 for a single local broker, 3 in production)
 */
public record KafkaTopics(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default prefix: topics are named {@code quant.raw.trades} and so on. */
  public static final String DEFAULT_PREFIX = "quant.";

  /** Checks the fields: a broker list, a prefix of legal topic characters, at least one partition and replica. */
  public KafkaTopics {
    Checks.notBlank(bootstrapServers, "bootstrapServers");
    Checks.notNull(topicPrefix, "topicPrefix");
    Checks.isTrue(topicPrefix.matches("[a-zA-Z0-9._-]*"),
        "Argument 'topicPrefix' may only contain letters, digits, '.', '_' and '-' but was '%s'", topicPrefix);
    Checks.positive(partitions, "partitions");
    Checks.positive(replicationFactor, "replicationFactor");
  }

  /** Topics named {@code quant.*} on {@code bootstrapServers}, 3 partitions, replication 1: a single local broker. */
  public static KafkaTopics local(String bootstrapServers) {
    return new KafkaTopics(bootstrapServers, DEFAULT_PREFIX, 3, (short) 1);
  }

  /** This layout with another prefix (tests give each test its own topics this way). */
  public KafkaTopics withPrefix(String prefix) {
    return new KafkaTopics(bootstrapServers, prefix, partitions, replicationFactor);
  }

  /** Trades, trade cancels and corrections from the feed ({@link JsonCodecs#trades()}). */
  public String rawTrades() {
    return topicPrefix + "raw.trades";
  }

  /** Top-of-book quotes from the feed ({@link JsonCodecs#quotes()}). */
  public String rawQuotes() {
    return topicPrefix + "raw.quotes";
  }

  /** Bars from the feed ({@link JsonCodecs#bars()}). */
  public String rawBars() {
    return topicPrefix + "raw.bars";
  }

  /** Feature rows ({@link JsonCodecs#features}). */
  public String features() {
    return topicPrefix + "features";
  }

  /** Trading signals ({@link JsonCodecs#signals()}). */
  public String signals() {
    return topicPrefix + "signals";
  }

  /** Model predictions, each with the model version that made it ({@link JsonCodecs#predictions()}). */
  public String predictions() {
    return topicPrefix + "predictions";
  }

  /** Orders to send to the broker ({@link JsonCodecs#orders()}). */
  public String orders() {
    return topicPrefix + "orders";
  }

  /**
   * Order updates: the broker's ({@link JsonCodecs#brokerUpdates()}, kind {@code broker}, written by the live job
   * when trading is enabled) and simulated fills ({@link JsonCodecs#fills()}, kind {@code fill}).
   */
  public String orderUpdates() {
    return topicPrefix + "order.updates";
  }

  /** Records any job could not decode ({@link JsonCodecs#deadLetters()}). */
  public String deadLetters() {
    return topicPrefix + "deadletter";
  }

  /** Operational alerts ({@link JsonCodecs#alerts()}). */
  public String alerts() {
    return topicPrefix + "alerts";
  }

  /** Every topic above, in the order listed. */
  public List<String> all() {
    return List.of(rawTrades(), rawQuotes(), rawBars(), features(), signals(), predictions(), orders(),
        orderUpdates(), deadLetters(), alerts());
  }

  /** Client properties for an admin client, producer or consumer of these topics: the bootstrap servers. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /**
   * Creates those of {@link #all()} that do not exist yet, with {@link #partitions()} partitions and
   * {@link #replicationFactor()} replicas; existing topics are left as they are, so calling it again is harmless.
   *
   * @param timeout how long to wait for the broker
   * @return the topics this call created
   * @throws IllegalStateException when the broker cannot be reached or refuses, saying what to check
   */
  public List<String> createTopics(Duration timeout) {
    Checks.notNull(timeout, "timeout");
    List<String> created = new ArrayList<>();
    try (Admin admin = Admin.create(clientProperties())) {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = all().stream().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, partitions, replicationFactor)).toList();
      var results = admin.createTopics(missing).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) { // created concurrently: fine
            throw e;
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("Cannot create the Kafka topics " + all() + " on " + bootstrapServers + ": "
          + cause + "; check that the broker is running and reachable and that replicationFactor "
          + replicationFactor + " does not exceed the number of brokers", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the Kafka topics on " + bootstrapServers, e);
    }
    return created.stream().sorted((a, b) -> all().indexOf(a) - all().indexOf(b)).toList();
  }
}
