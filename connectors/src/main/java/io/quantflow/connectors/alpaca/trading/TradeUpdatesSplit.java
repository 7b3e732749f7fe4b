package io.quantflow.connectors.alpaca.trading;

import io.quantflow.domain.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of a {@link TradeUpdatesSource} and its checkpointed state: what was already emitted, so a restore
 * reconciles from there without duplicates. Immutable.
 *
 * @param splitId the split's id
 * @param lastUpdateMicros the latest timestamp of an emitted update (on a fresh start: the source's {@code since}),
 *     UTC epoch microseconds; reconciliation lists the orders updated since then (minus the overlap)
 * @param orders per Alpaca order id, the filled quantity and notional emitted so far
 * @param positions per symbol, the position after the last emitted fill, shares, signed
 */
public record TradeUpdatesSplit(String splitId, long lastUpdateMicros, Map<String, OrderProgress> orders,
    Map<String, BigDecimal> positions) implements SourceSplit {

  /**
   * What was emitted of one order.
   *
   * @param filledQty cumulative shares emitted as fills (unsigned, like Alpaca's {@code filled_qty})
   * @param filledNotional sum of shares times price of the emitted fills, USD (unsigned)
   * @param updatedAtMicros the order's last known update, UTC epoch microseconds
   * @param terminal whether the order can no longer change (filled, canceled, ...)
   */
  public record OrderProgress(BigDecimal filledQty, BigDecimal filledNotional, long updatedAtMicros,
      boolean terminal) {
    /** Nothing emitted yet. */
    public static final OrderProgress NONE = new OrderProgress(BigDecimal.ZERO, BigDecimal.ZERO, Long.MIN_VALUE,
        false);

    /** Checks the quantities are not negative. */
    public OrderProgress {
      Checks.isTrue(filledQty != null && filledQty.signum() >= 0, "Argument 'filledQty' must not be negative but "
          + "was %s", filledQty);
      Checks.notNull(filledNotional, "filledNotional");
    }
  }

  /** Checks and copies the arguments. */
  public TradeUpdatesSplit {
    Checks.notBlank(splitId, "splitId");
    orders = Map.copyOf(Checks.notNull(orders, "orders"));
    positions = Map.copyOf(Checks.notNull(positions, "positions"));
  }

  @Override
  public String splitId() {
    return splitId;
  }

  /** Serializes splits for checkpoints (version 1); decimals as plain strings, exact. */
  public static final class Serializer implements org.apache.flink.core.io.SimpleVersionedSerializer<
      TradeUpdatesSplit> {
    static final int VERSION = 1;

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(TradeUpdatesSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        write(split, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public TradeUpdatesSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != VERSION) {
        throw new IOException("Unknown trade-updates split version " + version + "; this build reads version "
            + VERSION + " (restore with the build that wrote the checkpoint, or start without it)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return read(in);
      }
    }

    static void write(TradeUpdatesSplit s, DataOutputStream out) throws IOException {
      out.writeUTF(s.splitId());
      out.writeLong(s.lastUpdateMicros());
      out.writeInt(s.orders().size());
      for (Map.Entry<String, OrderProgress> e : new TreeMap<>(s.orders()).entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue().filledQty().toPlainString());
        out.writeUTF(e.getValue().filledNotional().toPlainString());
        out.writeLong(e.getValue().updatedAtMicros());
        out.writeBoolean(e.getValue().terminal());
      }
      out.writeInt(s.positions().size());
      for (Map.Entry<String, BigDecimal> e : new TreeMap<>(s.positions()).entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue().toPlainString());
      }
    }

    static TradeUpdatesSplit read(DataInputStream in) throws IOException {
      String id = in.readUTF();
      long last = in.readLong();
      int n = in.readInt();
      Map<String, OrderProgress> orders = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        orders.put(in.readUTF(), new OrderProgress(new BigDecimal(in.readUTF()), new BigDecimal(in.readUTF()),
            in.readLong(), in.readBoolean()));
      }
      int m = in.readInt();
      Map<String, BigDecimal> positions = new TreeMap<>();
      for (int i = 0; i < m; i++) {
        positions.put(in.readUTF(), new BigDecimal(in.readUTF()));
      }
      return new TradeUpdatesSplit(id, last, orders, positions);
    }
  }
}
