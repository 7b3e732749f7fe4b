package io.quantflow.connectors.replay;

import io.quantflow.domain.Checks;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The one split of a replay: how many bars, in replay order, were already emitted.
 *
 * @param offset bars already emitted, not negative
 */
public record ReplaySplit(long offset) implements SourceSplit {
  /** Checks the offset. */
  public ReplaySplit {
    Checks.isTrue(offset >= 0, "Argument 'offset' must not be negative but was %d", offset);
  }

  @Override
  public String splitId() {
    return "replay";
  }

  /** Serializes splits for checkpoints. */
  public static final class Serializer implements SimpleVersionedSerializer<ReplaySplit> {
    static final int VERSION = 1;

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(ReplaySplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(split.offset());
      }
      return bytes.toByteArray();
    }

    @Override
    public ReplaySplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != VERSION) {
        throw new IOException("Unknown replay split version " + version + "; this build reads version " + VERSION);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new ReplaySplit(in.readLong());
      }
    }
  }
}
