package io.quantflow.jobs.backtest;

import java.lang.ref.SoftReference;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The records of one run output as they reached the client: serialized chunks ({@link RunChunk}), turned into
 * objects only when read. A big backtest gathers millions of fills, orders and signals; held as objects while the
 * job runs they make every garbage collection copy and scan them (on a 2-core machine that took a third of the
 * run), held as byte arrays they cost the collector nothing. Reading materialises the whole list once (sorted when
 * an order is given) and keeps it softly, so a list that was written out can be reclaimed and is rebuilt if read
 * again. Immutable; safe to read from several threads.
 *
 * @param <T> the record type
 */
public final class ChunkedList<T> extends AbstractList<T> {
  private final List<RunChunk> chunks;
  private final int size;
  private final Class<T> type;
  private final Comparator<? super T> order;
  private SoftReference<List<T>> cache = new SoftReference<>(null);

  private ChunkedList(List<RunChunk> chunks, Class<T> type, Comparator<? super T> order) {
    this.chunks = chunks;
    this.type = type;
    this.order = order;
    long n = 0;
    for (RunChunk c : chunks) {
      n += c.count;
    }
    this.size = Math.toIntExact(n);
  }

  /** The records of {@code chunks} in arrival order. */
  static ChunkedList<Object> of(List<RunChunk> chunks) {
    return new ChunkedList<>(List.copyOf(chunks), Object.class, null);
  }

  /** The same records as {@code type} values sorted by {@code order} (stable: arrival order among equals). */
  public <U> ChunkedList<U> sorted(Class<U> type, Comparator<? super U> order) {
    return new ChunkedList<>(chunks, type, order);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public T get(int index) {
    return rows().get(index);
  }

  @Override
  public Iterator<T> iterator() {
    return rows().iterator();
  }

  private synchronized List<T> rows() {
    List<T> rows = cache.get();
    if (rows == null) {
      rows = new ArrayList<>(size);
      org.apache.flink.api.common.typeutils.TypeSerializer<RunRecord> serializer = RunChunk.serializer();
      try {
        for (RunChunk c : chunks) {
          for (RunRecord r : c.records(serializer)) {
            rows.add(type.cast(r.value()));
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Could not read the records a run gathered: " + e.getMessage(), e);
      }
      if (order != null) {
        rows.sort(order);
      }
      rows = java.util.Collections.unmodifiableList(rows);
      cache = new SoftReference<>(rows);
    }
    return rows;
  }
}
