package io.quantflow.connectors.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes whole column chunks of the encodings the store writes (data page v1; PLAIN or dictionary values; RLE
 * definition levels) into primitive arrays in one pass, instead of value by value through Parquet's column readers,
 * which cost several virtual calls per value. Anything else (data page v2, delta encodings, repeated columns)
 * returns null, and the caller falls back to Parquet's readers.
 */
final class PageDecoder {
  private PageDecoder() {}

  /** The values of a {@code DOUBLE}, {@code FLOAT}, {@code INT64} or {@code INT32} column as doubles; null values
   * become {@code nullValue}. Null when an encoding is not supported. */
  static double[] doubles(PageReader pages, ColumnDescriptor col, int rows, double nullValue) throws IOException {
    Decoded d = decode(pages, col, rows);
    if (d == null) {
      return null;
    }
    double[] out = new double[rows];
    PrimitiveTypeName type = col.getPrimitiveType().getPrimitiveTypeName();
    if (d.nulls == null && d.ids != null && type == PrimitiveTypeName.DOUBLE) { // the common case: a lookup per value
      double[] dict = new double[d.plain.capacity() / 8];
      for (int k = 0; k < dict.length; k++) {
        dict[k] = d.plain.getDouble(k * 8);
      }
      int[] ids = d.ids;
      for (int i = 0; i < rows; i++) {
        out[i] = dict[ids[i]];
      }
      return out;
    }
    for (int i = 0; i < rows; i++) {
      out[i] = d.isNull(i) ? nullValue : d.number(i, type);
    }
    return out;
  }

  /** The values of an {@code INT64} or {@code INT32} column; nulls become {@code nullValue}. Null if unsupported. */
  static long[] longs(PageReader pages, ColumnDescriptor col, int rows, long nullValue) throws IOException {
    PrimitiveTypeName type = col.getPrimitiveType().getPrimitiveTypeName();
    if (type != PrimitiveTypeName.INT64 && type != PrimitiveTypeName.INT32) {
      return null;
    }
    Decoded d = decode(pages, col, rows);
    if (d == null) {
      return null;
    }
    long[] out = new long[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = d.isNull(i) ? nullValue : d.longValue(i, type);
    }
    return out;
  }

  /** A column chunk decoded to raw values (a buffer of plain values, or dictionary ids) and null flags. */
  private static final class Decoded {
    ByteBuffer plain; // PLAIN values, or the dictionary's values when ids != null
    int[] ids; // dictionary ids, per non-null value
    boolean[] nulls; // null flags per row, or null when the column has no nulls
    int[] valueIndex; // row -> index among non-null values, when nulls != null

    boolean isNull(int row) {
      return nulls != null && nulls[row];
    }

    private int slot(int row) {
      int v = valueIndex == null ? row : valueIndex[row];
      return ids == null ? v : ids[v];
    }

    double number(int row, PrimitiveTypeName type) {
      int s = slot(row);
      return switch (type) {
        case DOUBLE -> plain.getDouble(s * 8);
        case FLOAT -> plain.getFloat(s * 4);
        case INT64 -> plain.getLong(s * 8);
        case INT32 -> plain.getInt(s * 4);
        default -> throw new IllegalStateException(type.toString());
      };
    }

    long longValue(int row, PrimitiveTypeName type) {
      int s = slot(row);
      return type == PrimitiveTypeName.INT64 ? plain.getLong(s * 8) : plain.getInt(s * 4);
    }
  }

  private static Decoded decode(PageReader pages, ColumnDescriptor col, int rows) throws IOException {
    if (col.getMaxRepetitionLevel() != 0 || col.getMaxDefinitionLevel() > 1) {
      return null;
    }
    int width = switch (col.getPrimitiveType().getPrimitiveTypeName()) {
      case DOUBLE, INT64 -> 8;
      case FLOAT, INT32 -> 4;
      default -> 0;
    };
    if (width == 0) {
      return null;
    }
    DictionaryPage dictPage = pages.readDictionaryPage();
    ByteBuffer dict = dictPage == null ? null
        : ByteBuffer.wrap(dictPage.getBytes().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    boolean optional = col.getMaxDefinitionLevel() == 1;
    Decoded d = new Decoded();
    d.nulls = optional ? new boolean[rows] : null;
    d.valueIndex = optional ? new int[rows] : null;
    int[] ids = new int[rows];
    ByteBuffer plainOut = ByteBuffer.allocate(rows * width).order(ByteOrder.LITTLE_ENDIAN);
    boolean anyDict = false;
    boolean anyPlain = false;
    int row = 0;
    int values = 0;
    DataPage page;
    while (row < rows && (page = pages.readPage()) != null) {
      if (!(page instanceof DataPageV1 v1)) {
        return null;
      }
      byte[] b = v1.getBytes().toByteArray();
      int n = v1.getValueCount();
      int pos = 0;
      int pageValues = n;
      if (optional) {
        if (v1.getDlEncoding() != Encoding.RLE) {
          return null;
        }
        int len = ByteBuffer.wrap(b, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        pos += 4;
        int[] levels = new int[n + 8];
        Rle.decode(b, pos, 1, n, levels);
        pos += len;
        pageValues = 0;
        for (int i = 0; i < n; i++) {
          boolean isNull = levels[i] == 0;
          d.nulls[row + i] = isNull;
          d.valueIndex[row + i] = isNull ? -1 : values + pageValues;
          if (!isNull) {
            pageValues++;
          }
        }
      }
      Encoding enc = v1.getValueEncoding();
      if (enc == Encoding.PLAIN) {
        if (anyDict) {
          return null; // a dictionary that fell back to plain in the same chunk: rare, let Parquet handle it
        }
        anyPlain = true;
        plainOut.position(values * width);
        plainOut.put(b, pos, pageValues * width);
      } else if ((enc == Encoding.PLAIN_DICTIONARY || enc == Encoding.RLE_DICTIONARY) && dict != null) {
        if (anyPlain) {
          return null;
        }
        anyDict = true;
        int bitWidth = b[pos] & 0xff;
        int[] tmp = new int[pageValues + 8];
        Rle.decode(b, pos + 1, bitWidth, pageValues, tmp);
        System.arraycopy(tmp, 0, ids, values, pageValues);
      } else {
        return null;
      }
      row += n;
      values += pageValues;
    }
    if (row != rows) {
      return null;
    }
    if (anyDict) {
      d.ids = ids;
      d.plain = dict;
    } else {
      d.plain = plainOut;
    }
    return d;
  }

  /** The RLE / bit-packing hybrid encoding of Parquet (levels and dictionary ids). */
  static final class Rle {
    private static final java.lang.invoke.VarHandle LONG_LE =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Rle() {}

    /** Decodes {@code count} values of {@code bitWidth} bits from {@code b[pos..]} into {@code out}
     * (which needs 8 spare slots: bit-packed runs come in groups of 8). */
    static void decode(byte[] b, int pos, int bitWidth, int count, int[] out) {
      int n = 0;
      int byteWidth = (bitWidth + 7) / 8;
      while (n < count) {
        int header = 0;
        int shift = 0;
        int x;
        do {
          x = b[pos++] & 0xff;
          header |= (x & 0x7f) << shift;
          shift += 7;
        } while ((x & 0x80) != 0);
        if ((header & 1) == 0) { // RLE run
          int run = header >>> 1;
          int value = 0;
          for (int i = 0; i < byteWidth; i++) {
            value |= (b[pos++] & 0xff) << (8 * i);
          }
          int end = Math.min(count, n + run);
          for (int i = n; i < end; i++) {
            out[i] = value;
          }
          n = end;
        } else { // bit-packed groups of 8 values, least significant bit first
          int groups = header >>> 1;
          int total = groups * 8;
          long mask = (1L << bitWidth) - 1;
          int bytes = groups * bitWidth;
          int limit = Math.min(total, out.length - n);
          int end = pos + bytes;
          for (int i = 0; i < limit; i++) {
            long bit = (long) i * bitWidth;
            int at = pos + (int) (bit >>> 3);
            int sh = (int) (bit & 7);
            long v;
            if (at + 8 <= b.length) { // one unaligned little-endian read covers any value of up to 57 bits
              v = (long) LONG_LE.get(b, at);
            } else {
              v = 0;
              for (int k = 0; k < 8 && at + k < end; k++) {
                v |= (long) (b[at + k] & 0xff) << (8 * k);
              }
            }
            out[n + i] = (int) ((v >>> sh) & mask);
          }
          pos += bytes;
          n += total;
        }
      }
    }
  }
}
