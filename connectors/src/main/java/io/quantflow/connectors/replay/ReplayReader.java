package io.quantflow.connectors.replay;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/** Emits the store's bars in availability order, pacing them against the wall clock when a speed is set. */
final class ReplayReader implements SourceReader<Bar, ReplaySplit> {
  private final SourceReaderContext context;
  private final String storeRoot;
  private final Timeframe timeframe;
  private final double speed;
  private List<Bar> bars;
  private int position;
  private boolean noMoreSplits;
  private long startNanos;
  private long firstMicros;
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private ScheduledExecutorService timer;

  ReplayReader(SourceReaderContext context, String storeRoot, Timeframe timeframe, double speed) {
    this.context = context;
    this.storeRoot = storeRoot;
    this.timeframe = timeframe;
    this.speed = speed;
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<Bar> output) {
    if (bars == null) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : waitForSignal();
    }
    if (position >= bars.size()) {
      return InputStatus.END_OF_INPUT;
    }
    Bar bar = bars.get(position);
    if (speed > 0) {
      long dueNanos = startNanos + (long) ((bar.availableAtMicros() - firstMicros) * 1000 / speed);
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
    // Replay order: by availability time, then symbol, so event time never goes backwards.
    bars = BarStore.at(Path.of(storeRoot)).read(timeframe).stream()
        .sorted(Comparator.comparingLong(Bar::availableAtMicros).thenComparing(Bar::symbol))
        .toList();
    position = (int) Math.min(splits.get(0).offset(), bars.size());
    startNanos = System.nanoTime();
    firstMicros = bars.isEmpty() ? 0 : bars.get(position < bars.size() ? position : 0).availableAtMicros();
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
