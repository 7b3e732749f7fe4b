package io.quantflow.jobs.config;

import io.quantflow.domain.Checks;
import io.quantflow.operators.execution.PreTradeLimits;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code live:} section of a job configuration: what {@code quant live} and {@code quant bridge} read on top of
 * the pipeline, portfolio and execution settings shared with the backtest. Keys and endpoints are not here: they
 * come from the {@code APCA_*} environment variables (see {@code docs/live-trading.md}).
 *
 * @param source where market data comes from: {@code kafka} (the raw bar topic the bridge fills; the default) or
 *     {@code alpaca} (the market-data WebSocket directly)
 * @param symbols the universe, e.g. {@code [AAPL, MSFT]}; required
 * @param feed Alpaca feed: {@code iex} (default), {@code sip}, {@code delayed_sip} or {@code test}
 * @param kafka the broker and topic prefix
 * @param checkpoints checkpointing of the streaming job
 * @param trading whether and where orders go
 * @param risk pre-trade limits every order must pass
 * @param output folder of the live job's Parquet outputs, default {@code notebooks-output/live}
 * @param quietPeriod after this long without a bar, the watermark moves up to the newest bar, so an interval's
 *     bars are processed as soon as its burst has arrived instead of when the next interval's first bar comes;
 *     default 250ms (Alpaca sends a minute's bars within milliseconds of each other)
 */
public record LiveSettings(String source, List<String> symbols, String feed, Kafka kafka, Checkpoints checkpoints,
    Trading trading, Risk risk, String output, Duration quietPeriod) {

  /** Fills defaults and checks values. */
  public LiveSettings {
    source = source == null ? "kafka" : source.toLowerCase(Locale.ROOT);
    Checks.isTrue(source.equals("kafka") || source.equals("alpaca"),
        "Setting 'live.source' must be 'kafka' or 'alpaca' but was '%s'", source);
    symbols = symbols == null ? List.of() : List.copyOf(symbols);
    feed = feed == null ? "iex" : feed;
    kafka = kafka == null ? new Kafka(null, null, null, null) : kafka;
    Checks.isTrue(kafka.enabled() || source.equals("alpaca"), "Setting 'live.kafka.enabled: false' needs "
        + "'live.source: alpaca' (the bars come from Kafka otherwise)");
    checkpoints = checkpoints == null ? new Checkpoints(null, null) : checkpoints;
    trading = trading == null ? new Trading(null, null, null, null) : trading;
    risk = risk == null ? new Risk(null, null, null, null) : risk;
    output = output == null ? "notebooks-output/live" : output;
    quietPeriod = quietPeriod == null ? Duration.ofMillis(250) : quietPeriod;
    Checks.isTrue(!quietPeriod.isNegative() && !quietPeriod.isZero(), "Setting 'live.quietPeriod' must be "
        + "positive but was %s", quietPeriod);
  }

  /** Defaults (no symbols: a live job then refuses to start and says to set {@code live.symbols}). */
  public static LiveSettings defaults() {
    return new LiveSettings(null, null, null, null, null, null, null, null, null);
  }

  /**
   * The broker.
   *
   * @param enabled use Kafka, default true; false runs {@code quant live} with {@code live.source: alpaca} and
   *     Parquet outputs only (the offline demo without a broker)
   * @param bootstrapServers Kafka bootstrap servers, default {@code localhost:9092}
   * @param topicPrefix prefix of every topic name, default {@code quant}
   * @param partitions partitions of topics the job creates, default 4
   */
  public record Kafka(Boolean enabled, String bootstrapServers, String topicPrefix, Integer partitions) {
    /** Fills defaults. */
    public Kafka {
      enabled = enabled == null || enabled;
      bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
      topicPrefix = topicPrefix == null ? "quant" : topicPrefix;
      partitions = partitions == null ? 4 : Checks.positive(partitions, "live.kafka.partitions");
    }
  }

  /**
   * Checkpointing.
   *
   * @param directory where checkpoints are kept (a path or URI), default {@code notebooks-output/live/checkpoints}
   * @param interval how often, default 10s; Kafka transactions stay open this long, so it must stay well below the
   *     broker's {@code transaction.max.timeout.ms} (15 minutes by default)
   */
  public record Checkpoints(String directory, Duration interval) {
    /** Fills defaults. */
    public Checkpoints {
      directory = directory == null ? "notebooks-output/live/checkpoints" : directory;
      interval = interval == null ? Duration.ofSeconds(10) : interval;
      Checks.isTrue(!interval.isNegative() && !interval.isZero(), "Setting 'live.checkpoints.interval' must be "
          + "positive but was %s", interval);
    }
  }

  /**
   * Order routing.
   *
   * @param enabled send orders to Alpaca, default true (false computes signals and orders without sending them)
   * @param live allow the live (real-money) trading endpoint, default false: paper trading
   * @param confirmLive must be exactly {@value #CONFIRMATION} when {@code live} is true
   * @param strategyId prefix of every client order id ({@code [A-Za-z0-9]}, up to 24), default {@code quant}: one
   *     per strategy trading an account, kept across restarts so a replayed decision is recognised
   */
  public record Trading(Boolean enabled, Boolean live, String confirmLive, String strategyId) {
    /** The sentence that confirms live trading. */
    public static final String CONFIRMATION = "I understand this trades real money";

    /** Fills defaults and refuses an unconfirmed live setting. */
    public Trading {
      enabled = enabled == null || enabled;
      live = live != null && live;
      strategyId = strategyId == null ? "quant" : strategyId;
      Checks.isTrue(strategyId.matches("[A-Za-z0-9]{1,24}"), "Setting 'live.trading.strategyId' must be 1 to 24 "
          + "letters or digits but was '%s'", strategyId);
      Checks.isTrue(!live || CONFIRMATION.equals(confirmLive), "Setting 'live.trading.live: true' needs "
          + "'live.trading.confirmLive: %s' as well; leave 'live' false for paper trading", CONFIRMATION);
    }
  }

  /**
   * Pre-trade limits ({@link PreTradeLimits}); 0 disables one.
   *
   * @param maxOrderNotional USD per order, default 25,000
   * @param maxPositionNotional USD per symbol, default 50,000
   * @param maxOrdersPerMinute default 60
   * @param maxOrderAge an order decided longer than this before the broker's clock is not placed (the decisions a
   *     restart replays after a long outage), default 5m; 0s disables it
   */
  public record Risk(Double maxOrderNotional, Double maxPositionNotional, Integer maxOrdersPerMinute,
      Duration maxOrderAge) {
    /** Fills defaults. */
    public Risk {
      maxOrderAge = maxOrderAge == null ? Duration.ofMinutes(5) : maxOrderAge;
      Checks.isTrue(!maxOrderAge.isNegative(), "Setting 'live.risk.maxOrderAge' must not be negative but was %s",
          maxOrderAge);
      maxOrderNotional = maxOrderNotional == null ? PreTradeLimits.DEFAULT.maxOrderNotional() : maxOrderNotional;
      maxPositionNotional = maxPositionNotional == null ? PreTradeLimits.DEFAULT.maxPositionNotional()
          : maxPositionNotional;
      maxOrdersPerMinute = maxOrdersPerMinute == null ? PreTradeLimits.DEFAULT.maxOrdersPerMinute()
          : maxOrdersPerMinute;
    }

    /** The limits. */
    public PreTradeLimits toLimits() {
      return new PreTradeLimits(maxOrderNotional, maxPositionNotional, maxOrdersPerMinute);
    }
  }
}
