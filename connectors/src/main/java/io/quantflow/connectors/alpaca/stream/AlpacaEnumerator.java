package io.quantflow.connectors.alpaca.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Hands each unassigned split (one per symbol group) to the next reader that asks; a reader that gets none hears
 * there are no more and finishes. Splits of a failed reader come back and go to the next request.
 */
final class AlpacaEnumerator implements SplitEnumerator<AlpacaSplit, List<AlpacaSplit>> {
  private final SplitEnumeratorContext<AlpacaSplit> context;
  private final Deque<AlpacaSplit> unassigned;

  AlpacaEnumerator(SplitEnumeratorContext<AlpacaSplit> context, List<AlpacaSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayDeque<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    AlpacaSplit s = unassigned.poll();
    if (s != null) {
      context.assignSplit(s, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<AlpacaSplit> splits, int subtaskId) {
    splits.forEach(unassigned::addFirst);
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<AlpacaSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned);
  }

  @Override
  public void close() {}

  /** Serializes the unassigned splits. */
  static final class StateSerializer implements SimpleVersionedSerializer<List<AlpacaSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<AlpacaSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (AlpacaSplit s : splits) {
          AlpacaSplit.Serializer.write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<AlpacaSplit> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown Alpaca enumerator state version " + version + "; this build reads 1");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<AlpacaSplit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(AlpacaSplit.Serializer.read(in));
        }
        return out;
      }
    }
  }
}
