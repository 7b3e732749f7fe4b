package io.quantflow.connectors.store;

import io.quantflow.domain.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source over store files with one split per symbol: a symbol's files are read by one reader, in path
 * order (which is time order in the store layout), so every record of a symbol reaches its keyed operator in time
 * order. That lets a BATCH job skip sorting its keyed inputs (the pipeline's fast path) and keeps a symbol's
 * history in one place. Splits are handed out on request, largest first, so the readers stay balanced.
 *
 * <pre>{@code
 * SymbolSource<BarBlock> source = SymbolSource.of(filesBySymbol, file -> BarBlockReader.read(file, tf, 32768),
 *     TypeInformation.of(BarBlock.class));
 * }</pre>
 *
 * @param <T> the record type
 */
public final class SymbolSource<T> implements Source<T, SymbolSource.Split, List<SymbolSource.Split>>,
    ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  /** Reads every record of one entry of a split (a file, or a group of files), in order. */
  @FunctionalInterface
  public interface FileReader<T> extends Serializable {
    /** The records of {@code entry}. */
    List<T> read(String entry) throws IOException;
  }

  /**
   * The files of one symbol, and how many of them were already read.
   *
   * @param symbol the symbol
   * @param files entries in read order: absolute paths, or several joined by {@code |} when one entry reads a group
   * @param filesDone entries already emitted completely
   */
  public record Split(String symbol, List<String> files, int filesDone) implements SourceSplit, Serializable {
    /** Checks the fields. */
    public Split {
      Checks.notBlank(symbol, "symbol");
      files = List.copyOf(files);
      Checks.isTrue(filesDone >= 0 && filesDone <= files.size(), "Split of %s: filesDone %d of %d files", symbol,
          filesDone, files.size());
    }

    @Override
    public String splitId() {
      return symbol;
    }
  }

  /** The record that tells a symbol's operator it has seen everything (in BATCH mode, in place of timers). */
  @FunctionalInterface
  public interface EndMarker<T> extends Serializable {
    /** The end-of-data record of {@code symbol}. */
    T of(String symbol);
  }

  /**
   * The record that tells a symbol's operator every record of the symbol up to the end of a period has been sent
   * (see {@link #byPeriod}).
   */
  @FunctionalInterface
  public interface ProgressMarker<T> extends Serializable {
    /** The marker of {@code symbol} after {@code period} (a file name, e.g. {@code 2024-07.parquet}). */
    T of(String symbol, String period);
  }

  private final List<Split> splits;
  private final FileReader<T> reader;
  private final TypeInformation<T> type;
  private final EndMarker<T> end;
  private final int maxParallelism;
  private final ProgressMarker<T> progress;

  private SymbolSource(List<Split> splits, FileReader<T> reader, TypeInformation<T> type, EndMarker<T> end,
      int maxParallelism, ProgressMarker<T> progress) {
    this.splits = splits;
    this.reader = reader;
    this.type = type;
    this.end = end;
    this.maxParallelism = maxParallelism;
    this.progress = progress;
  }

  /**
   * This source, emitting {@code end.of(symbol)} after a symbol's last record, and handing each symbol to the reader
   * whose index is the subtask a {@code keyBy(symbol)} with {@code maxParallelism} key groups sends it to: reader
   * {@code i} then feeds keyed subtask {@code i} only, so every keyed subtask is busy as long as its readers are.
   */
  public SymbolSource<T> withEndMarkers(EndMarker<T> endMarker, int maxParallelism) {
    Checks.positive(maxParallelism, "maxParallelism");
    return new SymbolSource<>(splits, reader, type, Checks.notNull(endMarker, "endMarker"), maxParallelism, progress);
  }

  /**
   * This source (which must have end markers) reading period by period instead of symbol by symbol: each reader
   * takes all the symbols of its keyed subtask at once and reads the first period (a file name: the store's files
   * are named by their UTC day, month or year) of every one of them, then the second, and so on, sending after each
   * period a {@code marker} for each of its symbols. A symbol still reaches its operator in time order, and
   * operators downstream learn how far every symbol is complete while the input is still being read: the portfolio
   * of a BATCH backtest simulates period by period instead of holding the whole history. A symbol's end marker
   * follows its last file.
   */
  public SymbolSource<T> byPeriod(ProgressMarker<T> marker) {
    Checks.isTrue(end != null, "A source read by period needs end markers; call withEndMarkers(...) first");
    return new SymbolSource<>(splits, reader, type, end, maxParallelism, Checks.notNull(marker, "marker"));
  }

  /**
   * A source of the given files, grouped by symbol.
   *
   * @param filesBySymbol each symbol's files in read (time) order
   */
  public static <T> SymbolSource<T> of(Map<String, List<String>> filesBySymbol, FileReader<T> reader,
      TypeInformation<T> type) {
    List<Split> splits = new ArrayList<>();
    new TreeMap<>(filesBySymbol).forEach((symbol, files) -> splits.add(new Split(symbol, files, 0)));
    // largest first: the last split to finish is a small one
    splits.sort((a, b) -> b.files().size() != a.files().size() ? b.files().size() - a.files().size()
        : a.symbol().compareTo(b.symbol()));
    return new SymbolSource<>(List.copyOf(splits), Checks.notNull(reader, "reader"), Checks.notNull(type, "type"),
        null, 0, null);
  }

  /** The symbol of a store path, from its {@code symbol=} folder. */
  public static String symbolOf(java.nio.file.Path file) {
    String path = file.toString();
    int i = path.lastIndexOf("symbol=");
    Checks.isTrue(i >= 0, "File %s is not in the store layout: no 'symbol=' folder (see docs/data-format.md)", file);
    int end = path.indexOf('/', i);
    return path.substring(i + "symbol=".length(), end < 0 ? path.length() : end);
  }

  /** The files grouped by symbol, each group sorted by path (time order in the store layout). */
  public static Map<String, List<String>> bySymbol(Collection<java.nio.file.Path> files) {
    Map<String, List<String>> out = new TreeMap<>();
    for (java.nio.file.Path f : files) {
      out.computeIfAbsent(symbolOf(f), s -> new ArrayList<>()).add(f.toAbsolutePath().toString());
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<T, Split> createReader(SourceReaderContext context) {
    return progress != null ? new PeriodReader<>(context, reader, end, progress) : new Reader<>(context, reader, end);
  }

  @Override
  public SplitEnumerator<Split, List<Split>> createEnumerator(SplitEnumeratorContext<Split> context) {
    return new Enumerator(context, new ArrayList<>(splits), maxParallelism, progress != null);
  }

  @Override
  public SplitEnumerator<Split, List<Split>> restoreEnumerator(SplitEnumeratorContext<Split> context,
      List<Split> checkpoint) {
    return new Enumerator(context, new ArrayList<>(checkpoint), maxParallelism, progress != null);
  }

  /** The period of an entry: the file name of its (last) file. */
  static String periodOf(String entry) {
    int bar = entry.lastIndexOf('|');
    String last = bar < 0 ? entry : entry.substring(bar + 1);
    return java.nio.file.Path.of(last).getFileName().toString();
  }

  @Override
  public SimpleVersionedSerializer<Split> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<List<Split>> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(List<Split> pending) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          out.writeInt(pending.size());
          for (Split s : pending) {
            byte[] b = new SplitSerializer().serialize(s);
            out.writeInt(b.length);
            out.write(b);
          }
        }
        return bytes.toByteArray();
      }

      @Override
      public List<Split> deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
          int n = in.readInt();
          List<Split> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            out.add(new SplitSerializer().deserialize(1, b));
          }
          return out;
        }
      }
    };
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return type;
  }

  /** Serializes splits: symbol, files, files done. */
  static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Split split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.symbol());
        out.writeInt(split.files().size());
        for (String f : split.files()) {
          out.writeUTF(f);
        }
        out.writeInt(split.filesDone());
      }
      return bytes.toByteArray();
    }

    @Override
    public Split deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown symbol split version " + version + "; this build reads version 1");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        String symbol = in.readUTF();
        int n = in.readInt();
        List<String> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          files.add(in.readUTF());
        }
        return new Split(symbol, files, in.readInt());
      }
    }
  }

  /**
   * Hands out one split per request until none is left (all of a reader's at once when read by period); with
   * key-group alignment only the splits whose symbol that reader's keyed subtask owns.
   */
  private static final class Enumerator implements SplitEnumerator<Split, List<Split>> {
    private final SplitEnumeratorContext<Split> context;
    private final List<Split> pending;
    private final int maxParallelism;
    private final boolean all;

    Enumerator(SplitEnumeratorContext<Split> context, List<Split> pending, int maxParallelism, boolean all) {
      this.context = context;
      this.pending = pending;
      this.maxParallelism = maxParallelism;
      this.all = all;
    }

    @Override
    public void start() {}

    private boolean owns(Split s, int subtaskId) {
      return maxParallelism == 0 || org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(
          s.symbol(), maxParallelism, context.currentParallelism()) == subtaskId;
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
      if (all) {
        List<Split> mine = new ArrayList<>();
        pending.removeIf(s -> owns(s, subtaskId) && mine.add(s));
        if (!mine.isEmpty()) {
          context.assignSplits(new org.apache.flink.api.connector.source.SplitsAssignment<>(
              Map.of(subtaskId, mine)));
        }
        context.signalNoMoreSplits(subtaskId);
        return;
      }
      Split next = null;
      for (int i = 0; i < pending.size() && next == null; i++) {
        Split s = pending.get(i);
        if (owns(s, subtaskId)) {
          next = pending.remove(i);
        }
      }
      if (next != null) {
        context.assignSplit(next, subtaskId);
      } else {
        context.signalNoMoreSplits(subtaskId);
      }
    }

    @Override
    public void addSplitsBack(List<Split> splits, int subtaskId) {
      pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public List<Split> snapshotState(long checkpointId) {
      return new ArrayList<>(pending);
    }

    @Override
    public void close() {}
  }

  /** Reads one split at a time, file by file, one record per poll. */
  private static final class Reader<T> implements SourceReader<T, Split> {
    private final SourceReaderContext context;
    private final FileReader<T> reader;
    private final EndMarker<T> end;
    private Split split;
    private List<T> records = List.of();
    private int position;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    Reader(SourceReaderContext context, FileReader<T> reader, EndMarker<T> end) {
      this.context = context;
      this.reader = reader;
      this.end = end;
    }

    @Override
    public void start() {
      context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      while (true) {
        if (position < records.size()) {
          output.collect(records.get(position++));
          return InputStatus.MORE_AVAILABLE;
        }
        if (split != null && split.filesDone() < split.files().size()) {
          records = reader.read(split.files().get(split.filesDone()));
          position = 0;
          split = new Split(split.symbol(), split.files(), split.filesDone() + 1);
          continue;
        }
        if (split != null) { // split done: mark its end, ask for the next
          String symbol = split.symbol();
          split = null;
          context.sendSplitRequest();
          if (end != null) {
            output.collect(end.of(symbol));
            return InputStatus.MORE_AVAILABLE;
          }
        }
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        if (available.isDone()) {
          available = new CompletableFuture<>();
        }
        return InputStatus.NOTHING_AVAILABLE;
      }
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      // a file is re-read from its start after a restore; records already emitted from it come again, which a
      // BATCH job (no checkpoints) never sees
      return split == null ? List.of() : List.of(new Split(split.symbol(), split.files(),
          Math.max(0, split.filesDone() - (position < records.size() ? 1 : 0))));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    @Override
    public void addSplits(List<Split> splits) {
      split = splits.get(0);
      records = List.of();
      position = 0;
      available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public void close() {}
  }

  /**
   * Reads all its splits period by period ({@link #byPeriod}): every split's file of the first period, in symbol
   * order, then a progress marker per symbol (or its end marker after its last file), then the next period.
   */
  private static final class PeriodReader<T> implements SourceReader<T, Split> {
    private final SourceReaderContext context;
    private final FileReader<T> reader;
    private final EndMarker<T> end;
    private final ProgressMarker<T> marker;
    private final List<Split> active = new ArrayList<>();
    private List<String> periods;
    private int period;
    private int next;
    private List<T> records = List.of();
    private int position;
    private boolean noMoreSplits;
    private final CompletableFuture<Void> available = new CompletableFuture<>();

    PeriodReader(SourceReaderContext context, FileReader<T> reader, EndMarker<T> end, ProgressMarker<T> marker) {
      this.context = context;
      this.reader = reader;
      this.end = end;
      this.marker = marker;
    }

    @Override
    public void start() {
      context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      while (true) {
        if (position < records.size()) {
          output.collect(records.get(position++));
          return InputStatus.MORE_AVAILABLE;
        }
        if (!noMoreSplits) { // the enumerator sends every split of this reader, then no-more-splits
          return InputStatus.NOTHING_AVAILABLE;
        }
        if (periods == null) {
          active.sort((a, b) -> a.symbol().compareTo(b.symbol()));
          java.util.TreeSet<String> all = new java.util.TreeSet<>();
          for (Split s : active) {
            for (int f = s.filesDone(); f < s.files().size(); f++) {
              all.add(periodOf(s.files().get(f)));
            }
          }
          periods = new ArrayList<>(all);
        }
        if (period >= periods.size()) {
          return InputStatus.END_OF_INPUT;
        }
        String p = periods.get(period);
        if (next < active.size()) {
          Split s = active.get(next);
          if (s.filesDone() < s.files().size() && periodOf(s.files().get(s.filesDone())).equals(p)) {
            records = reader.read(s.files().get(s.filesDone()));
            position = 0;
            active.set(next, new Split(s.symbol(), s.files(), s.filesDone() + 1));
          } else {
            next++;
          }
          continue;
        }
        // the period is done for every symbol of this reader: say so, symbol by symbol
        List<T> markers = new ArrayList<>(active.size());
        List<Split> still = new ArrayList<>(active.size());
        for (Split s : active) {
          if (s.filesDone() == s.files().size()) {
            markers.add(end.of(s.symbol()));
          } else {
            markers.add(marker.of(s.symbol(), p));
            still.add(s);
          }
        }
        active.clear();
        active.addAll(still);
        records = markers;
        position = 0;
        period++;
        next = 0;
      }
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      // a reading by period is for bounded BATCH jobs, which never checkpoint; this is the remaining work only
      return new ArrayList<>(active);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    @Override
    public void addSplits(List<Split> splits) {
      active.addAll(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public void close() {}
  }
}
