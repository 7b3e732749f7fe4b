package io.quantflow.connectors.alpaca.stream;

import io.quantflow.domain.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The split of an {@link AlpacaMarketDataSource}: one WebSocket connection for a group of symbols, and per symbol
 * what was already emitted, so a restore from a checkpoint backfills from there without duplicates. Immutable.
 *
 * @param splitId the split's id
 * @param symbols the symbols of the connection
 * @param lastBarMicros per symbol, the start of the last emitted minute bar, UTC epoch microseconds
 * @param lastTradeMicros per symbol, the time of the last emitted trade, UTC epoch microseconds
 */
public record AlpacaSplit(String splitId, List<String> symbols, Map<String, Long> lastBarMicros,
    Map<String, Long> lastTradeMicros) implements SourceSplit {

  /** Checks and copies the arguments. */
  public AlpacaSplit {
    Checks.notBlank(splitId, "splitId");
    Checks.notNull(symbols, "symbols");
    Checks.isTrue(!symbols.isEmpty(), "Split %s must have at least one symbol", splitId);
    symbols = List.copyOf(symbols);
    lastBarMicros = Map.copyOf(Checks.notNull(lastBarMicros, "lastBarMicros"));
    lastTradeMicros = Map.copyOf(Checks.notNull(lastTradeMicros, "lastTradeMicros"));
  }

  /** This split with other emitted positions. */
  public AlpacaSplit withPositions(Map<String, Long> lastBar, Map<String, Long> lastTrade) {
    return new AlpacaSplit(splitId, symbols, lastBar, lastTrade);
  }

  /** Serializes splits for checkpoints (version 1). */
  public static final class Serializer implements SimpleVersionedSerializer<AlpacaSplit> {
    static final int VERSION = 1;

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(AlpacaSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        write(split, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public AlpacaSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != VERSION) {
        throw new IOException("Unknown Alpaca split version " + version + "; this build reads version " + VERSION
            + " (restore with the build that wrote the checkpoint, or start without it)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return read(in);
      }
    }

    static void write(AlpacaSplit split, DataOutputStream out) throws IOException {
      out.writeUTF(split.splitId());
      out.writeInt(split.symbols().size());
      for (String s : split.symbols()) {
        out.writeUTF(s);
      }
      writeMap(split.lastBarMicros(), out);
      writeMap(split.lastTradeMicros(), out);
    }

    static AlpacaSplit read(DataInputStream in) throws IOException {
      String id = in.readUTF();
      int n = in.readInt();
      String[] symbols = new String[n];
      for (int i = 0; i < n; i++) {
        symbols[i] = in.readUTF();
      }
      return new AlpacaSplit(id, List.of(symbols), readMap(in), readMap(in));
    }

    private static void writeMap(Map<String, Long> m, DataOutputStream out) throws IOException {
      out.writeInt(m.size());
      for (Map.Entry<String, Long> e : new TreeMap<>(m).entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
    }

    private static Map<String, Long> readMap(DataInputStream in) throws IOException {
      int n = in.readInt();
      Map<String, Long> m = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        m.put(in.readUTF(), in.readLong());
      }
      return m;
    }
  }
}
