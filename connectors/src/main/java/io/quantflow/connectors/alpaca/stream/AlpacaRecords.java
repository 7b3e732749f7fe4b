package io.quantflow.connectors.alpaca.stream;

import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Splits the envelopes of {@link AlpacaMarketDataSource} into typed streams (filter + map, chained with the
 * source, so no extra serialization):
 *
 * <pre>{@code
 * DataStream<AlpacaRecord> all = env.fromSource(source, WatermarkStrategy.noWatermarks(), "alpaca");
 * DataStream<Bar> bars = AlpacaRecords.bars(all);            // minute bars, stream and backfill
 * DataStream<Bar> revisions = AlpacaRecords.updatedBars(all); // late revisions (u)
 * DataStream<MarketEvent> ticks = AlpacaRecords.events(all);
 * DataStream<DeadLetter> dead = AlpacaRecords.deadLetters(all); // log or store them
 * }</pre>
 */
public final class AlpacaRecords {
  private AlpacaRecords() {}

  /** The minute bars. */
  public static DataStream<Bar> bars(DataStream<AlpacaRecord> records) {
    return records.filter(r -> r.kind() == AlpacaRecord.Kind.BAR).name("alpaca-bars")
        .map(AlpacaRecord::bar).returns(TypeInformation.of(Bar.class)).name("alpaca-bars");
  }

  /** The revised minute bars ({@code updatedBars}). */
  public static DataStream<Bar> updatedBars(DataStream<AlpacaRecord> records) {
    return records.filter(r -> r.kind() == AlpacaRecord.Kind.UPDATED_BAR).name("alpaca-updated-bars")
        .map(AlpacaRecord::bar).returns(TypeInformation.of(Bar.class)).name("alpaca-updated-bars");
  }

  /** The trades, quotes, cancels and corrections. */
  public static DataStream<MarketEvent> events(DataStream<AlpacaRecord> records) {
    return records.filter(r -> r.kind() == AlpacaRecord.Kind.EVENT).name("alpaca-events")
        .map(AlpacaRecord::event).returns(TypeInformation.of(MarketEvent.class)).name("alpaca-events");
  }

  /** The dead letters. */
  public static DataStream<DeadLetter> deadLetters(DataStream<AlpacaRecord> records) {
    return records.filter(r -> r.kind() == AlpacaRecord.Kind.DEAD_LETTER).name("alpaca-dead-letters")
        .map(AlpacaRecord::deadLetter).returns(TypeInformation.of(DeadLetter.class)).name("alpaca-dead-letters");
  }
}
