package io.quantflow.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class DataHashTest {

  /** The documented encoding written independently with DataOutputStream (big-endian by definition). */
  @Test
  void hashesTheDocumentedCanonicalEncoding() throws Exception {
    double[][] x = {{1.5, -0.0}, {Double.NaN, 3e-300}};
    double[] y = {0, 1};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("qf-data-v1");
    out.writeInt(2);
    out.writeInt(2);
    for (double[] row : x) {
      for (double v : row) {
        out.writeDouble(v); // writeDouble uses doubleToLongBits: the canonical NaN
      }
    }
    out.writeInt(2);
    out.writeDouble(0);
    out.writeDouble(1);
    StringBuilder hex = new StringBuilder();
    for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())) {
      hex.append(String.format("%02x", b));
    }
    assertThat(DataHash.of(x, y)).isEqualTo(hex.toString()).hasSize(64);
    assertThat(DataHash.of(x, new int[] {0, 1})).isEqualTo(hex.toString());
  }

  @Test
  void anyChangeChangesTheHash() {
    double[][] x = {{1, 2}, {3, 4}};
    String base = DataHash.of(x, new double[] {0, 1});
    assertThat(DataHash.of(new double[][] {{1, 2}, {3, 4.000000000000001}}, new double[] {0, 1})).isNotEqualTo(base);
    assertThat(DataHash.of(x, new double[] {1, 0})).isNotEqualTo(base);
    assertThat(DataHash.of(new double[][] {{1, 2}, {-0.0 + 3, 4}}, new double[] {0, 1})).isEqualTo(base);
    assertThat(DataHash.of(new double[][] {{-0.0, 2}}, (double[]) null))
        .isNotEqualTo(DataHash.of(new double[][] {{0.0, 2}}, (double[]) null));
    // the shape is hashed: one row of four is not two rows of two
    assertThat(DataHash.of(new double[][] {{1, 2, 3, 4}}, (double[]) null))
        .isNotEqualTo(DataHash.of(x, (double[]) null));
  }

  @Test
  void raggedOrMismatchedInputIsRejected() {
    assertThatThrownBy(() -> DataHash.of(new double[][] {{1, 2}, {3}}, (double[]) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> DataHash.of(new double[][] {{1, 2}}, new double[] {1, 2}))
        .hasMessage("Argument 'y' must have one value per row (1) but has 2");
  }
}
