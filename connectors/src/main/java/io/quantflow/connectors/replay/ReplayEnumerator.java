package io.quantflow.connectors.replay;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the single replay split to the first reader that asks; every reader then hears there are no more. */
final class ReplayEnumerator implements SplitEnumerator<ReplaySplit, Long> {
  private final SplitEnumeratorContext<ReplaySplit> context;
  /** The unassigned split's offset, or -1 once assigned. */
  private long unassigned;

  ReplayEnumerator(SplitEnumeratorContext<ReplaySplit> context, long unassigned) {
    this.context = context;
    this.unassigned = unassigned;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (unassigned >= 0) {
      context.assignSplit(new ReplaySplit(unassigned), subtaskId);
      unassigned = -1;
    }
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public void addSplitsBack(List<ReplaySplit> splits, int subtaskId) {
    if (!splits.isEmpty()) {
      unassigned = splits.get(0).offset();
    }
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public Long snapshotState(long checkpointId) {
    return unassigned;
  }

  @Override
  public void close() {}
}
