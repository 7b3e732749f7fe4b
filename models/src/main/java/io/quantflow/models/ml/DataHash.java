package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of a training set: lower-case hex SHA-256 over a canonical byte encoding, so that two runs can tell
 * whether they trained on bit-identical data. The encoding, all big-endian:
 * <ol>
 *   <li>the ASCII bytes {@code "qf-data-v1"};</li>
 *   <li>the row count n and the column count p as 4-byte ints (p = 0 when n = 0);</li>
 *   <li>every {@code x[i][j]} row by row as the 8 bytes of {@link Double#doubleToLongBits} (one NaN pattern; -0.0
 *       and 0.0 differ);</li>
 *   <li>the label count as a 4-byte int, -1 when there are no labels, then each label likewise as 8 bytes.</li>
 * </ol>
 */
public final class DataHash {
  private static final byte[] HEADER = "qf-data-v1".getBytes(StandardCharsets.US_ASCII);

  private DataHash() {}

  /**
   * The hash of a feature matrix and its labels or targets.
   *
   * @param x rectangular rows
   * @param y one label or target per row, or null when there are none (a regime model)
   */
  public static String of(double[][] x, double[] y) {
    Checks.notNull(x, "x");
    int p = x.length == 0 ? 0 : Checks.notNull(x[0], "x[0]").length;
    MessageDigest digest = sha256();
    digest.update(HEADER);
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(8, 8 * p));
    buffer.putInt(x.length).putInt(p);
    digest.update(buffer.array(), 0, 8);
    for (int i = 0; i < x.length; i++) {
      Checks.isTrue(x[i] != null && x[i].length == p,
          "Argument 'x' must be rectangular with %d columns but row %d is not", p, i);
      buffer.clear();
      for (double v : x[i]) {
        buffer.putLong(Double.doubleToLongBits(v));
      }
      digest.update(buffer.array(), 0, 8 * p);
    }
    if (y == null) {
      digest.update(ByteBuffer.allocate(4).putInt(-1).array());
    } else {
      Checks.isTrue(y.length == x.length, "Argument 'y' must have one value per row (%d) but has %d",
          x.length, y.length);
      ByteBuffer labels = ByteBuffer.allocate(4 + 8 * y.length);
      labels.putInt(y.length);
      for (double v : y) {
        labels.putLong(Double.doubleToLongBits(v));
      }
      digest.update(labels.array());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The hash of a feature matrix and 0/1 labels: the labels are hashed as the doubles 0.0 and 1.0. */
  public static String of(double[][] x, int[] y) {
    Checks.notNull(y, "y");
    double[] labels = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = y[i];
    }
    return of(x, labels);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide", e);
    }
  }
}
