package io.quantflow.connectors.replay;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Timeframe;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded source that replays recorded history like a live feed: the bars of a {@link BarStore} in event-time
 * order (by the time each bar becomes available, then by symbol), or the ticks of a {@link TickStore} in arrival
 * order (by receipt time, so late ticks arrive late, as they did). With {@code speed > 0} it paces records against
 * the wall clock ({@code 60} plays one market minute per second); with {@code 0} it plays as fast as it can. When the
 * history is exhausted the source finishes, so a replay of finite history ends on its own. Checkpoints record the
 * replay offset, so a restored job resumes where it stopped.
 *
 * <pre>{@code
 * ReplaySource<Bar> source = ReplaySource.of(BarStore.at(dir), Timeframe.M1, 0);
 * env.fromSource(source, EventTime.bars(Duration.ZERO, Duration.ofSeconds(5)), "replay-1m");
 * }</pre>
 *
 * <p>All records come from one reader (the others idle), which keeps the global order.
 *
 * @param <T> the record type
 */
public final class ReplaySource<T> implements Source<T, ReplaySplit, Long>, ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  /** Loads the whole history in replay order. */
  @FunctionalInterface
  public interface Loader<T> extends Serializable {
    /** The records in replay order. */
    List<T> load();
  }

  /** The replay time of a record (for pacing), UTC epoch micros. */
  @FunctionalInterface
  public interface Clock<T> extends Serializable {
    /** When the record plays. */
    long micros(T record);
  }

  private final Loader<T> loader;
  private final Clock<T> clock;
  private final TypeInformation<T> type;
  private final double speed;

  private ReplaySource(Loader<T> loader, Clock<T> clock, TypeInformation<T> type, double speed) {
    this.loader = loader;
    this.clock = clock;
    this.type = type;
    this.speed = speed;
  }

  /**
   * A replay of every {@code timeframe} bar of {@code store}.
   *
   * @param speed market time per wall-clock time (60 = a minute a second); 0 for as fast as possible
   */
  public static ReplaySource<Bar> of(BarStore store, Timeframe timeframe, double speed) {
    Checks.notNull(store, "store");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNegative(speed, "speed");
    if (!Files.isDirectory(store.timeframeDir(timeframe))) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + timeframe + " bars to replay; it has "
          + store.timeframes());
    }
    String root = store.root().toString();
    return new ReplaySource<>(() -> BarStore.at(Path.of(root)).read(timeframe).stream()
        .sorted(Comparator.comparingLong(Bar::availableAtMicros).thenComparing(Bar::symbol)).toList(),
        Bar::availableAtMicros, TypeInformation.of(Bar.class), speed);
  }

  /**
   * A replay of every tick of {@code store} (trades, quotes and recorded feed events) in arrival order.
   *
   * @param speed market time per wall-clock time; 0 for as fast as possible
   */
  public static ReplaySource<MarketEvent> ticks(TickStore store, double speed) {
    Checks.notNull(store, "store");
    Checks.notNegative(speed, "speed");
    String root = store.root().toString();
    return new ReplaySource<>(() -> TickStore.at(Path.of(root)).readEvents(), MarketEvent::receivedAtMicros,
        TypeInformation.of(MarketEvent.class), speed);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<T, ReplaySplit> createReader(SourceReaderContext context) {
    return new ReplayReader<>(context, loader, clock, speed);
  }

  @Override
  public SplitEnumerator<ReplaySplit, Long> createEnumerator(SplitEnumeratorContext<ReplaySplit> context) {
    return new ReplayEnumerator(context, 0);
  }

  @Override
  public SplitEnumerator<ReplaySplit, Long> restoreEnumerator(SplitEnumeratorContext<ReplaySplit> context,
      Long checkpoint) {
    return new ReplayEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<ReplaySplit> getSplitSerializer() {
    return new ReplaySplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<Long> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Long unassigned) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          out.writeLong(unassigned);
        }
        return bytes.toByteArray();
      }

      @Override
      public Long deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
          return in.readLong();
        }
      }
    };
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return type;
  }
}
