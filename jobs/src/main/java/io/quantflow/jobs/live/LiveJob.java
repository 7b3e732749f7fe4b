package io.quantflow.jobs.live;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.stream.AlpacaMarketDataSource;
import io.quantflow.connectors.alpaca.stream.AlpacaRecord;
import io.quantflow.connectors.alpaca.stream.AlpacaRecords;
import io.quantflow.connectors.alpaca.trading.AlpacaGateway;
import io.quantflow.connectors.alpaca.trading.BrokerUpdate;
import io.quantflow.connectors.alpaca.trading.TradeUpdatesSource;
import io.quantflow.connectors.broker.OrderSink;
import io.quantflow.connectors.kafka.Alert;
import io.quantflow.connectors.kafka.DeadLetter;
import io.quantflow.connectors.kafka.DeadLetterSplitter;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.connectors.kafka.QuantKafka;
import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Order;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.RoutedOrder;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import io.quantflow.operators.execution.PreTradeCheckFunction;
import io.quantflow.operators.ml.DriftTracker;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import io.quantflow.operators.pipeline.Rejections;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live job: market data (the raw bar topic the bridge fills, or Alpaca directly) through the same pipeline and
 * portfolio operator as the backtest, in STREAMING mode, to signals, orders and Alpaca.
 *
 * <pre>
 * quant.raw.bars (Kafka) ─┬─> decode ─> bars ─> [validate, resample, features, align, signals] ─> portfolio
 *   or Alpaca stream ─────┘     └─> dead letters                                      │
 *                                                 features, signals ─> Kafka      routed orders ─> pre-trade
 *                                                                                     ─> orders (Kafka), Alpaca
 * </pre>
 *
 * <p>Exactly once: the Kafka outputs are transactional (committed at each checkpoint); orders are placed at least
 * once by the {@link OrderSink} and exactly once by the broker, because their client order ids are derived from the
 * decision ({@code <strategy>-<symbol>-<decision micros>}), so a replay after a restart is refused as a duplicate.
 * The portfolio operator keeps its shadow book (expected positions and cash, filled by the backtest's fill model)
 * in checkpointed state. With trading on (and a followed, not bounded, input), the broker's own updates come back
 * through a {@link TradeUpdatesSource} (every fill once, reconciled through REST after disconnects) and go to the
 * order-updates topic ({@link JsonCodecs#brokerUpdates()}) and to Parquet {@code broker-fills/}.
 */
public final class LiveJob {
  private LiveJob() {}

  /** What {@link #define} built, for callers that add sinks or tests that collect. */
  public record Topology(DataStream<Bar> bars, QuantPipeline.Backtest backtest, DataStream<RoutedOrder> orders,
      DataStream<RejectedEvent> rejected, DataStream<DeadLetter> deadLetters) {}

  /**
   * Defines the live job on {@code env} (which must be in STREAMING mode with checkpointing on): source, pipeline,
   * portfolio, pre-trade checks, Kafka outputs and, when {@code live.trading.enabled}, the Alpaca order sink.
   *
   * @param topics the Kafka topics, or null to run without Kafka ({@code live.source: alpaca} only)
   * @param strategyId prefix of the client order ids ({@code [A-Za-z0-9]}): one per strategy and account
   */
  public static Topology define(StreamExecutionEnvironment env, JobConfig config, AlpacaConfig alpaca,
      KafkaTopics topics, String strategyId) {
    return define(env, config, alpaca, topics, strategyId, false, java.util.function.UnaryOperator.identity(), null);
  }

  /**
   * As {@link #define(StreamExecutionEnvironment, JobConfig, AlpacaConfig, KafkaTopics, String)}, with two knobs
   * for replays and tests.
   *
   * @param boundedInput read the raw bar topic up to its current end and then finish (a replay of what the bridge
   *     recorded), instead of following it
   * @param tap applied to the decoded bars before the pipeline (monitoring, fault injection in tests)
   * @param parquetOutput folder of the Parquet outputs ({@code features/}, {@code signals/}, {@code orders/}, {@code fills/},
   *     {@code equity/}, {@code rejected/}, and {@code broker-fills/} when trading; files committed at each
   *     checkpoint), or null for none
   */
  public static Topology define(StreamExecutionEnvironment env, JobConfig config, AlpacaConfig alpaca,
      KafkaTopics topics, String strategyId, boolean boundedInput,
      java.util.function.UnaryOperator<DataStream<Bar>> tap, java.nio.file.Path parquetOutput) {
    LiveSettings live = config.live();
    if (live.symbols().isEmpty()) {
      throw new IllegalArgumentException("Setting 'live.symbols' is empty: list the symbols to trade, e.g. "
          + "'live: {symbols: [AAPL, MSFT]}'");
    }
    Objects.requireNonNull(alpaca, "alpaca");
    PipelineConfig pipeline = config.pipeline();
    var timing = pipeline.timing();

    DataStream<Bar> rawBars;
    DataStream<DeadLetter> dead;
    if (live.source().equals("kafka")) {
      Objects.requireNonNull(topics, "topics (live.source: kafka)");
      var source = QuantKafka.source(topics, topics.rawBars(), JsonCodecs.bars()).groupId("quant-live-" + strategyId);
      var decoded = env.fromSource((boundedInput ? source.fromEarliest().bounded() : source).build(),
              WatermarkStrategy.noWatermarks(), "kafka-raw-bars").uid("kafka-raw-bars");
      DeadLetterSplitter.Streams<Bar> split = DeadLetterSplitter.split(decoded);
      rawBars = split.values();
      dead = split.deadLetters();
    } else {
      DataStream<AlpacaRecord> records = env.fromSource(AlpacaMarketDataSource.builder().setConfig(alpaca)
              .setSymbols(live.symbols()).setBars(true).build(), WatermarkStrategy.noWatermarks(), "alpaca-bars")
          .uid("alpaca-bars").setParallelism(1);
      rawBars = AlpacaRecords.bars(records);
      dead = BridgeJob.deadLetters(records, alpaca.feed());
    }
    // following a live feed, the watermark catches up after each burst; a bounded replay decides by input order only
    DataStream<Bar> bars = tap.apply(rawBars)
        .assignTimestampsAndWatermarks(boundedInput ? EventTime.bars(timing.outOfOrderness(), timing.idleness())
            : EventTime.liveBars(timing.outOfOrderness(), timing.idleness(), live.quietPeriod()))
        .name("bar-event-time").uid("bar-event-time");

    QuantPipeline.Features stage = QuantPipeline.features(bars, pipeline);
    QuantPipeline.Gated gated = io.quantflow.jobs.ml.ModelStage.attach(env, config, stage, !boundedInput);
    if (gated != null) {
      stage = gated.stage();
      if (topics != null) {
        gated.predictions().sinkTo(QuantKafka.sink(topics, topics.predictions(), JsonCodecs.predictions())
                .transactionalIdPrefix("quant-live-" + strategyId + "-predictions").build())
            .name("kafka-predictions").uid("kafka-predictions");
        driftAlerts(gated.drift()).sinkTo(QuantKafka.sink(topics, topics.alerts(), JsonCodecs.alerts())
                .transactionalIdPrefix("quant-live-" + strategyId + "-drift-alerts").build())
            .name("kafka-drift-alerts").uid("kafka-drift-alerts");
      }
      if (parquetOutput != null) {
        parquet(gated.predictions(), parquetOutput.resolve("predictions"),
            io.quantflow.connectors.parquet.Tables.PREDICTIONS);
      }
    }
    for (String hedge : config.portfolio().hedge().instruments()) {
      if (!live.symbols().contains(hedge)) {
        throw new IllegalArgumentException("portfolio.hedge.instruments names " + hedge + ", which live.symbols "
            + live.symbols() + " does not include, so the job would get no price for it; add it to live.symbols");
      }
    }
    for (String index : config.portfolio().risk().stressIndices()) {
      if (!live.symbols().contains(index)) {
        throw new IllegalArgumentException("portfolio.risk.stress has an index shock of " + index + ", which "
            + "live.symbols " + live.symbols() + " does not include, so its betas could not be estimated; add it to "
            + "live.symbols");
      }
    }
    var simulation = config.simulation(live.symbols().size());
    QuantPipeline.Backtest book = QuantPipeline.backtest(stage, pipeline, simulation);
    if (config.portfolio().risk().enabled()) { // VaR, exposures and limit usage at every valuation
      QuantPipeline.Risk risk = QuantPipeline.risk(book, config.portfolio().risk(), simulation);
      if (topics != null) {
        riskAlerts(risk.alerts()).sinkTo(QuantKafka.sink(topics, topics.alerts(), JsonCodecs.alerts())
                .transactionalIdPrefix("quant-live-" + strategyId + "-risk-alerts").build())
            .name("kafka-risk-alerts").uid("kafka-risk-alerts").setParallelism(1);
      }
      if (parquetOutput != null) {
        parquet(risk.reports(), parquetOutput.resolve("risk"), io.quantflow.jobs.backtest.RiskOutputs.REPORTS);
      }
    }
    SingleOutputStreamOperator<RoutedOrder> checked = book.routed()
        .keyBy(r -> "account", Types.STRING)
        .process(new PreTradeCheckFunction(live.risk().toLimits()), TypeInformation.of(RoutedOrder.class))
        .name("pre-trade").uid("pre-trade").setParallelism(1).setMaxParallelism(1);
    DataStream<RejectedEvent> rejected = book.stage().rejected().union(checked.getSideOutput(Rejections.TAG));

    DataStream<DeadLetter> allDead = dead.union(rejected.map(r -> new DeadLetter("pipeline:" + r.stage(), -1, -1,
        r.symbol(), r.payload(), r.stage() + ": " + r.reason(), r.timestampMicros()),
        TypeInformation.of(DeadLetter.class)).name("rejected-to-dead-letters"));
    if (topics != null) {
      kafkaOutputs(stage, checked, allDead, pipeline.schema(), topics, strategyId);
    } else { // no dead-letter topic: every dead letter goes to standard error with its reason
      allDead.sinkTo(new org.apache.flink.streaming.api.functions.sink.PrintSink<>("dead-letter", true))
          .name("dead-letters-to-stderr");
    }
    if (parquetOutput != null) {
      parquet(featureRows(stage), parquetOutput.resolve("features"),
          io.quantflow.connectors.parquet.Tables.features(pipeline.schema()));
      parquet(stage.signals(), parquetOutput.resolve("signals"), io.quantflow.connectors.parquet.Tables.SIGNALS);
      parquet(book.orders(), parquetOutput.resolve("orders"), io.quantflow.connectors.parquet.Tables.ORDERS);
      parquet(book.fills(), parquetOutput.resolve("fills"), io.quantflow.connectors.parquet.Tables.FILLS);
      parquet(book.equity(), parquetOutput.resolve("equity"), io.quantflow.connectors.parquet.Tables.EQUITY);
      parquet(rejected, parquetOutput.resolve("rejected"), io.quantflow.connectors.parquet.Tables.REJECTED);
    }
    if (live.trading().enabled()) {
      alpaca.checkTradingMode();
      checked.sinkTo(new OrderSink(AlpacaGateway.factory(alpaca, strategyId), live.risk().maxOrderAge()))
          .name("alpaca-orders")
          .uid("alpaca-orders").setParallelism(1);
      if (!boundedInput) { // the broker's updates never end: a bounded replay does not read them
        brokerUpdates(env, alpaca, topics, strategyId, parquetOutput);
      }
    }
    return new Topology(bars, book, checked, rejected, allDead);
  }

  /**
   * The broker's side of the loop: Alpaca's trade updates (fills reconciled through REST after disconnects and
   * restores, see {@link TradeUpdatesSource}) to the order-updates topic and, fills only, to Parquet
   * {@code broker-fills/}.
   */
  private static void brokerUpdates(StreamExecutionEnvironment env, AlpacaConfig alpaca, KafkaTopics topics,
      String strategyId, java.nio.file.Path parquetOutput) {
    // reconcile from the broker's own clock (the simulator's runs on its tape, not the wall clock)
    java.time.Instant since;
    try {
      long micros = io.quantflow.connectors.alpaca.trading.AlpacaTradingClient.create(alpaca).clock().timestampMicros();
      since = java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not read the broker's clock at " + alpaca.tradingUrl() + " ("
          + e.getMessage() + "); check APCA_API_BASE_URL and the keys", e);
    }
    DataStream<BrokerUpdate> updates = env.fromSource(TradeUpdatesSource.builder().setConfig(alpaca).setSince(since)
            .build(),
        WatermarkStrategy.noWatermarks(), "alpaca-trade-updates").uid("alpaca-trade-updates").setParallelism(1);
    if (topics != null) {
      updates.sinkTo(QuantKafka.sink(topics, topics.orderUpdates(), JsonCodecs.brokerUpdates())
              .transactionalIdPrefix("quant-live-" + strategyId + "-order-updates").build())
          .name("kafka-order-updates").uid("kafka-order-updates").setParallelism(1);
    }
    if (parquetOutput != null) {
      parquet(updates.filter(BrokerUpdate::isFill).name("broker-fills").setParallelism(1),
          parquetOutput.resolve("broker-fills"), io.quantflow.connectors.parquet.Tables.BROKER_UPDATES);
    }
  }

  /** The model step's drift alerts as operational alerts (source {@code model-drift}, severity WARNING). */
  static DataStream<Alert> driftAlerts(DataStream<DriftTracker.Event> drift) {
    return drift.map(e -> new Alert("model-drift", Alert.Severity.WARNING, e.symbol(), e.alert().timestampMicros(),
        e.alert().message()), TypeInformation.of(Alert.class)).name("drift-alerts");
  }

  /** Risk breaches as operational alerts (source {@code risk}, severity CRITICAL: a limit is broken now). */
  static DataStream<Alert> riskAlerts(DataStream<io.quantflow.operators.risk.RiskAlert> alerts) {
    return alerts.map(a -> new Alert("risk", Alert.Severity.CRITICAL, a.subject().equals("book") ? "" : a.subject(),
        a.timestampMicros(), a.message()), TypeInformation.of(Alert.class)).name("risk-alerts").setParallelism(1);
  }

  /** One feature row per symbol, timeframe and bar. */
  private static DataStream<FeatureRow> featureRows(QuantPipeline.Features stage) {
    return stage.features().flatMap((FeatureBlock b, org.apache.flink.util.Collector<FeatureRow> out) -> {
      for (int i = 0; i < b.size(); i++) {
        out.collect(b.row(i));
      }
    }, TypeInformation.of(FeatureRow.class)).name("feature-rows");
  }

  /** Features, signals, orders and dead letters to their topics, transactionally. */
  private static void kafkaOutputs(QuantPipeline.Features stage, DataStream<RoutedOrder> checked,
      DataStream<DeadLetter> allDead, FeatureSchema schema, KafkaTopics topics, String strategyId) {
    featureRows(stage).sinkTo(QuantKafka.sink(topics, topics.features(), JsonCodecs.features(schema))
            .transactionalIdPrefix("quant-live-" + strategyId + "-features").build()).name("kafka-features")
        .uid("kafka-features");
    stage.signals().sinkTo(QuantKafka.sink(topics, topics.signals(), JsonCodecs.signals())
        .transactionalIdPrefix("quant-live-" + strategyId + "-signals").build()).name("kafka-signals")
        .uid("kafka-signals");
    checked.filter(RoutedOrder::isSubmit).map(RoutedOrder::order, TypeInformation.of(Order.class)).name("orders")
        .sinkTo(QuantKafka.sink(topics, topics.orders(), JsonCodecs.orders())
            .transactionalIdPrefix("quant-live-" + strategyId + "-orders").build()).name("kafka-orders")
        .uid("kafka-orders").setParallelism(1);
    allDead.sinkTo(QuantKafka.deadLetterSink(topics).transactionalIdPrefix("quant-live-" + strategyId + "-dlq")
        .build()).name("kafka-dead-letters").uid("kafka-dead-letters");
  }

  /**
   * Writes {@code stream} as Parquet part files under {@code dir}, rolled and committed at each checkpoint (so a
   * file is either complete and final or still {@code .inprogress}), named {@code part-<uuid>-<n>.parquet}.
   */
  static <T> void parquet(DataStream<T> stream, java.nio.file.Path dir,
      io.quantflow.connectors.parquet.ParquetTable<T> table) {
    var sink = org.apache.flink.connector.file.sink.FileSink.forBulkFormat(
            new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()),
            new io.quantflow.connectors.parquet.ParquetBulkWriterFactory<>(table))
        .withBucketAssigner(new org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners
            .BasePathBucketAssigner<>())
        .withOutputFileConfig(org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig.builder()
            .withPartSuffix(".parquet").build())
        .build();
    stream.sinkTo(sink).name("parquet-" + dir.getFileName()).uid("parquet-" + dir.getFileName());
  }
}
