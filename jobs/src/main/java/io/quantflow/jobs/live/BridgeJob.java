package io.quantflow.jobs.live;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.stream.AlpacaMarketDataSource;
import io.quantflow.connectors.alpaca.stream.AlpacaRecord;
import io.quantflow.connectors.alpaca.stream.AlpacaRecords;
import io.quantflow.connectors.kafka.DeadLetter;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.connectors.kafka.QuantKafka;
import io.quantflow.domain.MarketEvent;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bridge: Alpaca's market-data stream into Kafka, exactly once. Minute bars go to {@code quant.raw.bars},
 * trades to {@code quant.raw.trades}, quotes to {@code quant.raw.quotes} (each keyed by symbol), and messages that
 * could not be read to {@code quant.deadletter} with the reason. The source backfills any gap after a reconnect
 * from the historical API, and its checkpointed position per symbol makes a restart resume without a duplicate.
 */
public final class BridgeJob {
  private BridgeJob() {}

  /**
   * Defines the bridge on {@code env} (STREAMING, checkpointing on).
   *
   * @param ticks also subscribe to trades and quotes (bars only otherwise)
   * @param name distinguishes the transactional ids of several bridges on one cluster
   */
  public static void define(StreamExecutionEnvironment env, AlpacaConfig alpaca, List<String> symbols,
      boolean ticks, KafkaTopics topics, String name) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("Setting 'live.symbols' is empty: list the symbols to stream");
    }
    DataStream<AlpacaRecord> records = env.fromSource(AlpacaMarketDataSource.builder().setConfig(alpaca)
            .setSymbols(symbols).setBars(true).setTrades(ticks).setQuotes(ticks).build(),
            WatermarkStrategy.noWatermarks(), "alpaca-" + alpaca.feed())
        .uid("alpaca-source").setParallelism(1);
    AlpacaRecords.bars(records).sinkTo(QuantKafka.sink(topics, topics.rawBars(), JsonCodecs.bars())
        .transactionalIdPrefix("quant-bridge-" + name + "-bars").build()).name("kafka-raw-bars")
        .uid("kafka-raw-bars").setParallelism(1);
    if (ticks) {
      DataStream<MarketEvent> events = AlpacaRecords.events(records);
      events.filter(e -> e.kind() != MarketEvent.Kind.QUOTE)
          .sinkTo(QuantKafka.sink(topics, topics.rawTrades(), JsonCodecs.trades())
              .transactionalIdPrefix("quant-bridge-" + name + "-trades").build()).name("kafka-raw-trades")
          .uid("kafka-raw-trades").setParallelism(1);
      events.filter(e -> e.kind() == MarketEvent.Kind.QUOTE)
          .sinkTo(QuantKafka.sink(topics, topics.rawQuotes(), JsonCodecs.quotes())
              .transactionalIdPrefix("quant-bridge-" + name + "-quotes").build()).name("kafka-raw-quotes")
          .uid("kafka-raw-quotes").setParallelism(1);
    }
    deadLetters(records, alpaca.feed()).setParallelism(1)
        .sinkTo(QuantKafka.deadLetterSink(topics).transactionalIdPrefix("quant-bridge-" + name + "-dlq").build())
        .name("kafka-dead-letters").uid("kafka-dead-letters").setParallelism(1);
  }

  /**
   * The source's unreadable messages as the dead-letter topic's records: topic {@code alpaca:<feed>}, no partition
   * or offset (-1), the raw frame and the reason.
   */
  static org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator<DeadLetter> deadLetters(
      DataStream<AlpacaRecord> records, String feed) {
    return AlpacaRecords.deadLetters(records).map(d -> new DeadLetter("alpaca:" + feed, -1, -1, "", d.raw(),
        d.reason(), d.receivedAtMicros()), TypeInformation.of(DeadLetter.class)).name("alpaca-dead-letters");
  }
}
