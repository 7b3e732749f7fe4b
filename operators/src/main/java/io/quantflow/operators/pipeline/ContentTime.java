package io.quantflow.operators.pipeline;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideBlock;
import java.io.Serializable;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Re-stamps records with the event time of their content (the availability of a block's first row), chained right
 * after an operator: a process function stamps what it emits with the timestamp of the input or timer that caused
 * it, but BATCH mode sorts each keyed input by timestamp, so two outputs of one call would tie and could swap.
 * Stamped by content, the blocks of a key keep their order in either mode. Watermarks pass through unchanged.
 *
 * @param <T> the record type
 */
public final class ContentTime<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
  private static final long serialVersionUID = 1L;

  /** The Flink timestamp (ms) of a record, from its content. */
  @FunctionalInterface
  public interface Stamp<T> extends Serializable {
    /** The timestamp of {@code value}. */
    long millis(T value);
  }

  private final Stamp<T> stamp;

  private ContentTime(Stamp<T> stamp) {
    this.stamp = stamp;
  }

  /** Bar blocks: the availability of the first bar. */
  public static ContentTime<BarBlock> bars() {
    return new ContentTime<>(b -> EventTime.millisOf(b.availableAtMicros(0)));
  }

  /** Feature blocks: the availability of the first row. */
  public static ContentTime<FeatureBlock> features() {
    return new ContentTime<>(b -> EventTime.millisOf(b.availableAtMicros(0)));
  }

  /** Aligned blocks: the availability of the first row. */
  public static ContentTime<WideBlock> wide() {
    return new ContentTime<>(b -> EventTime.millisOf(b.availableAtMicros(0)));
  }

  /** Signals: when they became known. */
  public static ContentTime<Signal> signals() {
    return new ContentTime<>(s -> EventTime.millisOf(s.timestampMicros()));
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element.replace(element.getValue(), stamp.millis(element.getValue())));
  }
}
