package io.quantflow.connectors.replay;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
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
 * An unbounded source that replays the bars of a {@link BarStore} in event-time order (by the time each bar becomes
 * available, then by symbol), like a live feed. With {@code speed > 0} it paces bars against the wall clock
 * ({@code 60} plays one market minute per second); with {@code 0} it plays as fast as it can. When the store is
 * exhausted the source finishes, so a replay of finite history ends on its own. Checkpoints record the replay
 * offset, so a restored job resumes where it stopped.
 *
 * <pre>{@code
 * ReplaySource source = ReplaySource.of(BarStore.at(dir), Timeframe.M1, 0);
 * env.fromSource(source, EventTime.bars(Duration.ZERO, Duration.ofSeconds(5)), "replay-1m");
 * }</pre>
 *
 * <p>All bars come from one reader (the others idle), which keeps the global event-time order.
 */
public final class ReplaySource implements Source<Bar, ReplaySplit, Long>, ResultTypeQueryable<Bar> {
  private static final long serialVersionUID = 1L;

  private final String storeRoot;
  private final Timeframe timeframe;
  private final double speed;

  private ReplaySource(String storeRoot, Timeframe timeframe, double speed) {
    this.storeRoot = storeRoot;
    this.timeframe = timeframe;
    this.speed = speed;
  }

  /**
   * A replay of every {@code timeframe} bar of {@code store}.
   *
   * @param speed market time per wall-clock time (60 = a minute a second); 0 for as fast as possible
   */
  public static ReplaySource of(BarStore store, Timeframe timeframe, double speed) {
    Checks.notNull(store, "store");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNegative(speed, "speed");
    if (!Files.isDirectory(store.timeframeDir(timeframe))) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + timeframe + " bars to replay; it has "
          + store.timeframes());
    }
    return new ReplaySource(store.root().toString(), timeframe, speed);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<Bar, ReplaySplit> createReader(SourceReaderContext context) {
    return new ReplayReader(context, storeRoot, timeframe, speed);
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
  public TypeInformation<Bar> getProducedType() {
    return TypeInformation.of(Bar.class);
  }
}
