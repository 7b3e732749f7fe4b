package io.quantflow.connectors.replay;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/** Emits the history in replay order, pacing it against the wall clock when a speed is set. */
final class ReplayReader<T> implements SourceReader<T, ReplaySplit> {
  private final SourceReaderContext context;
  private final ReplaySource.Loader<T> loader;
  private final ReplaySource.Clock<T> clock;
  private final double speed;
  private List<T> bars;
  private int position;
  private boolean noMoreSplits;
  private long startNanos;
  private long firstMicros;
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private ScheduledExecutorService timer;

  ReplayReader(SourceReaderContext context, ReplaySource.Loader<T> loader, ReplaySource.Clock<T> clock,
      double speed) {
    this.context = context;
    this.loader = loader;
    this.clock = clock;
    this.speed = speed;
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    if (bars == null) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : waitForSignal();
    }
    if (position >= bars.size()) {
      return InputStatus.END_OF_INPUT;
    }
    T bar = bars.get(position);
    if (speed > 0) {
      long dueNanos = startNanos + (long) ((clock.micros(bar) - firstMicros) * 1000 / speed);
      long waitNanos = dueNanos - System.nanoTime();
      if (waitNanos > 0) {
        available = new CompletableFuture<>();
        CompletableFuture<Void> f = available;
        timer().schedule(() -> f.complete(null), waitNanos, TimeUnit.NANOSECONDS);
        return InputStatus.NOTHING_AVAILABLE;
      }
    }
    output.collect(bar);
    position++;
    return position < bars.size() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
  }

  private InputStatus waitForSignal() {
    if (available.isDone()) {
      available = new CompletableFuture<>();
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public List<ReplaySplit> snapshotState(long checkpointId) {
    return bars == null ? List.of() : List.of(new ReplaySplit(position));
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<ReplaySplit> splits) {
    bars = loader.load();
    position = (int) Math.min(splits.get(0).offset(), bars.size());
    startNanos = System.nanoTime();
    firstMicros = bars.isEmpty() ? 0 : clock.micros(bars.get(position < bars.size() ? position : 0));
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  private ScheduledExecutorService timer() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-pacer");
        t.setDaemon(true);
        return t;
      });
    }
    return timer;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
