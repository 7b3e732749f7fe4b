package io.quantflow.connectors.alpaca.trading;

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
 * Hands the one split to the first reader that asks; the other readers hear there are no more and finish. The split
 * of a failed reader comes back (with the state of the last checkpoint) and goes to the next request.
 */
final class TradeUpdatesEnumerator implements SplitEnumerator<TradeUpdatesSplit, List<TradeUpdatesSplit>> {
  private final SplitEnumeratorContext<TradeUpdatesSplit> context;
  private final Deque<TradeUpdatesSplit> unassigned;

  TradeUpdatesEnumerator(SplitEnumeratorContext<TradeUpdatesSplit> context, List<TradeUpdatesSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayDeque<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    TradeUpdatesSplit s = unassigned.poll();
    if (s != null) {
      context.assignSplit(s, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<TradeUpdatesSplit> splits, int subtaskId) {
    splits.forEach(unassigned::addFirst);
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<TradeUpdatesSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned);
  }

  @Override
  public void close() {}

  /** Serializes the unassigned splits (version 1). */
  static final class StateSerializer implements SimpleVersionedSerializer<List<TradeUpdatesSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<TradeUpdatesSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (TradeUpdatesSplit s : splits) {
          TradeUpdatesSplit.Serializer.write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<TradeUpdatesSplit> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown trade-updates enumerator state version " + version + "; this build reads 1");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<TradeUpdatesSplit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(TradeUpdatesSplit.Serializer.read(in));
        }
        return out;
      }
    }
  }
}
