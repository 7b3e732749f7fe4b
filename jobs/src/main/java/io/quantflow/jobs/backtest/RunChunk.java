package io.quantflow.jobs.backtest;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Up to {@link #SIZE} run records travelling to the client as one byte array, serialized where they are produced:
 * Flink's collect sink pays a few socket writes per record and reads strings byte by byte from a stream, which for
 * millions of fills and signals costs more than computing them. A Flink POJO.
 */
public final class RunChunk {
  /** Records per chunk. */
  public static final int SIZE = 4096;

  /** The records, serialized one after another with {@link #serializer()}. */
  public byte[] data;
  /** How many. */
  public int count;
  /** The output they belong to, e.g. {@code fills}. */
  public String output;

  /** For Flink's POJO serializer. */
  public RunChunk() {}

  /** The serializer of the records in a chunk, the same on the task managers and the client. */
  static org.apache.flink.api.common.typeutils.TypeSerializer<RunRecord> serializer() {
    org.apache.flink.api.common.serialization.SerializerConfigImpl config =
        new org.apache.flink.api.common.serialization.SerializerConfigImpl();
    config.setGenericTypes(false);
    return org.apache.flink.api.common.typeinfo.TypeInformation.of(RunRecord.class).createSerializer(config);
  }

  /** The records of this chunk. */
  public List<RunRecord> records(org.apache.flink.api.common.typeutils.TypeSerializer<RunRecord> serializer)
      throws java.io.IOException {
    org.apache.flink.core.memory.DataInputDeserializer in = new org.apache.flink.core.memory.DataInputDeserializer(data);
    List<RunRecord> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(serializer.deserialize(in));
    }
    return out;
  }

  /** Groups records into chunks; the last, partial chunk leaves at the end of the input. */
  static final class Chunker extends AbstractStreamOperator<RunChunk>
      implements OneInputStreamOperator<RunRecord, RunChunk>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private transient org.apache.flink.api.common.typeutils.TypeSerializer<RunRecord> serializer;
    private transient org.apache.flink.core.memory.DataOutputSerializer buffer;
    private transient int count;
    private final String name;

    /** Chunks the records of output {@code name}. */
    Chunker(String name) {
      this.name = name;
    }

    @Override
    public void processElement(StreamRecord<RunRecord> element) throws java.io.IOException {
      if (buffer == null) {
        serializer = serializer();
        buffer = new org.apache.flink.core.memory.DataOutputSerializer(1 << 16);
      }
      serializer.serialize(element.getValue(), buffer);
      if (++count >= SIZE) {
        flush();
      }
    }

    @Override
    public void endInput() {
      flush();
    }

    private void flush() {
      if (count > 0) {
        RunChunk c = new RunChunk();
        c.data = buffer.getCopyOfBuffer();
        c.count = count;
        c.output = name;
        output.collect(new StreamRecord<>(c));
        buffer.clear();
        count = 0;
      }
    }
  }
}
