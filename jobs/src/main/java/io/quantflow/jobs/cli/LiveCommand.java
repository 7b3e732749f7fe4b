package io.quantflow.jobs.cli;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import io.quantflow.jobs.live.BridgeJob;
import io.quantflow.jobs.live.LiveJob;
import io.quantflow.jobs.live.LiveRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant live} and {@code quant bridge}: the streaming jobs of the live path, until Ctrl-C. */
final class LiveCommand {
  private LiveCommand() {}

  /** What both commands share: the config, Alpaca and Kafka settings, checkpoint recovery, the progress line. */
  abstract static class Streaming {
    @Mixin Options.Config config;
    @Mixin Options.Parallelism parallelism;

    @Option(names = "--restore", paramLabel = "WHAT", defaultValue = "auto",
        description = "auto (the newest checkpoint in live.checkpoints.directory, if any; the default), none "
            + "(start fresh), or the path of a checkpoint or savepoint.")
    String restore;

    JobConfig load() {
      if (config.config == null) {
        throw new UserError("Pass --config with a 'live:' section (see config/live.yaml and docs/live-trading.md)");
      }
      JobConfig c = ConfigLoader.load(config.config, JobConfig.class);
      if (c.live().symbols().isEmpty()) {
        throw new UserError("Setting 'live.symbols' in " + config.config + " is empty: list the symbols to trade");
      }
      return parallelism.parallelism == null ? c : c.withParallelism(parallelism.parallelism);
    }

    static AlpacaConfig alpaca(JobConfig c) {
      try {
        return AlpacaConfig.fromEnvironment(System.getenv()).withFeed(c.live().feed())
            .withLive(c.live().trading().live());
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }

    static KafkaTopics topics(JobConfig c) {
      LiveSettings.Kafka k = c.live().kafka();
      KafkaTopics topics = new KafkaTopics(k.bootstrapServers(), k.topicPrefix() + ".", k.partitions(), (short) 1);
      try {
        topics.createTopics(Duration.ofSeconds(20));
      } catch (RuntimeException e) {
        throw new UserError("Kafka at " + k.bootstrapServers() + " is not reachable (" + e.getMessage() + "); start "
            + "a broker (docs/live-trading.md shows a local one) or set live.kafka.bootstrapServers");
      }
      return topics;
    }

    /** This job's own checkpoints: {@code <live.checkpoints.directory>/<job>}, so live and bridge never mix. */
    static LiveSettings.Checkpoints checkpoints(JobConfig c, String job) {
      LiveSettings.Checkpoints k = c.live().checkpoints();
      return new LiveSettings.Checkpoints(LiveRunner.directory(k).resolve(job).toString(), k.interval());
    }

    StreamExecutionEnvironment environment(JobConfig c, String job) {
      Path dir = LiveRunner.directory(checkpoints(c, job));
      Optional<Path> from = switch (restore) {
        case "auto" -> LiveRunner.latestCheckpoint(dir);
        case "none" -> Optional.empty();
        default -> Optional.of(Path.of(restore).toAbsolutePath());
      };
      System.err.println(from.map(p -> "Resuming from " + p).orElse("Starting fresh (no checkpoint in " + dir + ")"));
      return LiveRunner.environment(checkpoints(c, job), from, c.parallelism());
    }

    int run(StreamExecutionEnvironment env, String name, JobConfig c, String jobDir) throws Exception {
      JobClient job = env.executeAsync(name);
      Path dir = LiveRunner.directory(checkpoints(c, jobDir));
      System.err.println(name + " running (job " + job.getJobID() + "); checkpoints in " + dir + "; Ctrl-C stops it, "
          + "and the next run resumes from the newest checkpoint");
      long start = System.nanoTime();
      while (!job.getJobStatus().get().isGloballyTerminalState()) {
        Thread.sleep(5_000);
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        String chk = LiveRunner.latestCheckpoint(dir).map(p -> p.getFileName().toString()).orElse("none yet");
        System.err.printf("[%s] %02d:%02d:%02d %s, latest checkpoint %s%n", name, s / 3600, s / 60 % 60, s % 60,
            job.getJobStatus().get(), chk);
      }
      job.getJobExecutionResult().get();
      return 0;
    }
  }

  /** {@code quant live}. */
  @Command(name = "live", mixinStandardHelpOptions = true,
      description = {"Runs the live job: bars from Kafka (the bridge's raw bar topic) or from Alpaca directly "
          + "(live.source), the backtest's pipeline and portfolio in STREAMING mode, pre-trade checks, and paper "
          + "orders to Alpaca (live.trading); features, signals, orders and dead letters to Kafka, signals, orders, "
          + "fills and equity as Parquet under live.output. Runs until Ctrl-C and resumes from its newest checkpoint.",
          "Keys and endpoints: APCA_API_KEY_ID, APCA_API_SECRET_KEY, APCA_API_BASE_URL, APCA_API_DATA_URL, "
              + "APCA_API_STREAM_URL (docs/live-trading.md)."})
  static final class Live extends Streaming implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      JobConfig c = load();
      AlpacaConfig alpaca = alpaca(c);
      if (c.live().trading().enabled()) {
        try {
          alpaca.checkTradingMode();
        } catch (IllegalStateException e) {
          throw new UserError(e.getMessage());
        }
        System.err.println((alpaca.liveEndpoint() ? "LIVE trading (real money) at " : "Paper trading at ")
            + alpaca.tradingUrl() + " as key " + alpaca.keyId() + ", strategy " + c.live().trading().strategyId());
      }
      StreamExecutionEnvironment env = environment(c, "live");
      Path out = Path.of(c.live().output()).toAbsolutePath().normalize();
      LiveJob.define(env, c, alpaca, c.live().kafka().enabled() ? topics(c) : null, c.live().trading().strategyId(),
          false, java.util.function.UnaryOperator.identity(), out);
      System.err.println("Parquet outputs in " + out + (c.live().kafka().enabled() ? "; Kafka topics "
          + c.live().kafka().topicPrefix() + ".* at " + c.live().kafka().bootstrapServers() : "; Kafka off"));
      return run(env, "quant live", c, "live");
    }
  }

  /** {@code quant bridge}. */
  @Command(name = "bridge", mixinStandardHelpOptions = true,
      description = {"Streams Alpaca's market data into Kafka, exactly once: minute bars to <prefix>.raw.bars "
          + "(and with --ticks trades and quotes), unreadable messages to <prefix>.deadletter; gaps after a "
          + "reconnect are backfilled from the historical API. Runs until Ctrl-C and resumes from its newest "
          + "checkpoint."})
  static final class Bridge extends Streaming implements Callable<Integer> {
    @Option(names = "--ticks", description = "Also stream trades and quotes.")
    boolean ticks;

    @Override
    public Integer call() throws Exception {
      JobConfig c = load();
      if (!c.live().kafka().enabled()) {
        throw new UserError("The bridge writes to Kafka: remove 'live.kafka.enabled: false' from " + config.config);
      }
      StreamExecutionEnvironment env = environment(c, "bridge");
      BridgeJob.define(env, alpaca(c), c.live().symbols(), ticks, topics(c), c.live().trading().strategyId());
      return run(env, "quant bridge", c, "bridge");
    }
  }
}
