package io.quantflow.operators.util;

import java.util.Arrays;

/** Helpers for row-major {@code double[]} tables (rows of fixed width) kept next to a columnar buffer. */
public final class Rows {
  private Rows() {}

  /** {@code table} with room for at least {@code rows} rows of {@code width}. */
  public static double[] ensure(double[] table, int rows, int width) {
    int need = rows * width;
    return table.length >= need ? table : Arrays.copyOf(table, Math.max(need, table.length * 2));
  }

  /** {@code table} with room for at least {@code rows} ints. */
  public static int[] ensure(int[] table, int rows) {
    return table.length >= rows ? table : Arrays.copyOf(table, Math.max(rows, Math.max(8, table.length * 2)));
  }

  /** Opens a gap of one row at {@code at} in a table of {@code rows} rows (the table must have room). */
  public static void insertRow(double[] table, int rows, int width, int at) {
    System.arraycopy(table, at * width, table, (at + 1) * width, (rows - at) * width);
  }

  /** Removes {@code count} rows from {@code at} of a table of {@code rows} rows. */
  public static void removeRows(double[] table, int rows, int width, int at, int count) {
    System.arraycopy(table, (at + count) * width, table, at * width, (rows - at - count) * width);
  }

  /** Opens a gap of one entry at {@code at} in an array of {@code rows} entries. */
  public static void insertRow(int[] table, int rows, int at) {
    System.arraycopy(table, at, table, at + 1, rows - at);
  }

  /** Removes {@code count} entries from {@code at}. */
  public static void removeRows(int[] table, int rows, int at, int count) {
    System.arraycopy(table, at + count, table, at, rows - at - count);
  }

  /** Whether rows {@code i} of {@code a} and {@code j} of {@code b} hold the same doubles (NaN equals NaN). */
  public static boolean sameRow(double[] a, int i, double[] b, int j, int width) {
    for (int c = 0; c < width; c++) {
      if (Double.compare(a[i * width + c], b[j * width + c]) != 0) {
        return false;
      }
    }
    return true;
  }
}
