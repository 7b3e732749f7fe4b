package io.quantflow.connectors.alpaca;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The enumerator of the Alpaca sources (one connection per key and feed, so usually one split): hands each
 * unassigned split to the next reader that asks; a reader that gets none hears there are no more and finishes.
 * Splits of a failed reader come back (with the state of the last checkpoint) and go to the next request.
 *
 * @param <S> the split type
 */
public final class SplitQueueEnumerator<S extends SourceSplit> implements SplitEnumerator<S, List<S>> {
  private final SplitEnumeratorContext<S> context;
  private final Deque<S> unassigned;

  /** An enumerator handing out {@code unassigned}. */
  public SplitQueueEnumerator(SplitEnumeratorContext<S> context, List<S> unassigned) {
    this.context = context;
    this.unassigned = new ArrayDeque<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    S s = unassigned.poll();
    if (s != null) {
      context.assignSplit(s, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<S> splits, int subtaskId) {
    splits.forEach(unassigned::addFirst);
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<S> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned);
  }

  @Override
  public void close() {}

  /** Writes one split. */
  @FunctionalInterface
  public interface SplitWriter<S> {
    /** Writes {@code split} to {@code out}. */
    void write(S split, DataOutputStream out) throws IOException;
  }

  /** Reads one split. */
  @FunctionalInterface
  public interface SplitReader<S> {
    /** Reads a split from {@code in}. */
    S read(DataInputStream in) throws IOException;
  }

  /** Serializes the unassigned splits (version 1: a count, then each split). */
  public static final class StateSerializer<S> implements SimpleVersionedSerializer<List<S>> {
    private final String what;
    private final SplitWriter<S> writer;
    private final SplitReader<S> reader;

    /** A serializer of {@code what}'s enumerator state (named in errors), with the split's own encoding. */
    public StateSerializer(String what, SplitWriter<S> writer, SplitReader<S> reader) {
      this.what = what;
      this.writer = writer;
      this.reader = reader;
    }

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<S> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (S s : splits) {
          writer.write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<S> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown " + what + " enumerator state version " + version + "; this build reads 1");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<S> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(reader.read(in));
        }
        return out;
      }
    }
  }
}
