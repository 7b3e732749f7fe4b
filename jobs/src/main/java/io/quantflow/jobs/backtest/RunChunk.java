package io.quantflow.jobs.backtest;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Up to {@link #SIZE} run records travelling to the client as one: Flink's collect sink pays a few socket writes
 * per record, which for millions of fills and signals costs more than computing them. A Flink POJO.
 */
public final class RunChunk {
  /** Records per chunk. */
  public static final int SIZE = 4096;

  /** The records. */
  public RunRecord[] records;

  /** For Flink's POJO serializer. */
  public RunChunk() {}

  RunChunk(List<RunRecord> list) {
    this.records = list.toArray(new RunRecord[0]);
  }

  /** Groups records into chunks; the last, partial chunk leaves at the end of the input. */
  static final class Chunker extends AbstractStreamOperator<RunChunk>
      implements OneInputStreamOperator<RunRecord, RunChunk>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private transient List<RunRecord> buffer;

    @Override
    public void processElement(StreamRecord<RunRecord> element) {
      if (buffer == null) {
        buffer = new ArrayList<>(SIZE);
      }
      buffer.add(element.getValue());
      if (buffer.size() >= SIZE) {
        flush();
      }
    }

    @Override
    public void endInput() {
      flush();
    }

    private void flush() {
      if (buffer != null && !buffer.isEmpty()) {
        output.collect(new StreamRecord<>(new RunChunk(buffer)));
        buffer = new ArrayList<>(SIZE);
      }
    }
  }
}
