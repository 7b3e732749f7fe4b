package io.quantflow.connectors.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A minimal RFC 4180 record reader: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes ({@code ""}). Lines end with LF, CRLF or CR; a leading byte-order mark is skipped. Line breaks
 * inside quoted fields are returned as LF.
 *
 * <p>Fields are exposed as ranges of a shared {@code char[]} so numbers can be parsed without allocating; the
 * buffers are reused by the next call to {@link #next()}. Not thread-safe.
 */
final class CsvRecordReader implements Closeable {
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean atFileStart = true;
  private boolean pendingCr;
  private long nextLine = 1;

  private long line;
  private char[] raw = new char[256];
  private int rawLen;
  private char[] chars = new char[256];
  private int charsLen;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int fieldCount;
  private boolean unterminatedQuote;

  CsvRecordReader(Reader in) {
    this.in = in;
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the input
   */
  boolean next() throws IOException {
    line = nextLine;
    rawLen = 0;
    charsLen = 0;
    fieldCount = 0;
    unterminatedQuote = false;
    int state = FIELD_START;
    int fieldStart = 0;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return false;
        }
        unterminatedQuote = state == QUOTED;
        endField(fieldStart);
        return true;
      }
      char c = buf[pos++];
      if (pendingCr) {
        pendingCr = false;
        if (c == '\n') {
          continue;
        }
      }
      if (atFileStart) {
        atFileStart = false;
        if (c == '\uFEFF') {
          continue;
        }
      }
      any = true;
      if (c == '\n' || c == '\r') {
        nextLine++;
        pendingCr = c == '\r';
        if (state != QUOTED) {
          endField(fieldStart);
          return true;
        }
        appendRaw('\n');
        appendChar('\n');
        continue;
      }
      appendRaw(c);
      switch (state) {
        case FIELD_START -> {
          if (c == '"') {
            charsLen = fieldStart; // drop blanks before the opening quote
            state = QUOTED;
          } else if (c == ',') {
            endField(fieldStart);
            fieldStart = charsLen;
          } else {
            appendChar(c);
            if (c != ' ' && c != '\t') {
              state = UNQUOTED;
            }
          }
        }
        case UNQUOTED -> {
          if (c == ',') {
            endField(fieldStart);
            fieldStart = charsLen;
            state = FIELD_START;
          } else {
            appendChar(c);
          }
        }
        case QUOTED -> {
          if (c == '"') {
            state = QUOTE_IN_QUOTED;
          } else {
            appendChar(c);
          }
        }
        default -> { // QUOTE_IN_QUOTED
          if (c == '"') {
            appendChar('"');
            state = QUOTED;
          } else if (c == ',') {
            endField(fieldStart);
            fieldStart = charsLen;
            state = FIELD_START;
          } else {
            appendChar(c); // lenient: text after a closing quote is kept
            state = UNQUOTED;
          }
        }
      }
    }
  }

  /** The physical line (1-based) on which the current record starts. */
  long line() {
    return line;
  }

  /** Whether the current record holds nothing but blanks. */
  boolean isBlank() {
    for (int i = 0; i < rawLen; i++) {
      if (raw[i] != ' ' && raw[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Whether the input ended inside a quoted field of the current record. */
  boolean unterminatedQuote() {
    return unterminatedQuote;
  }

  /** The text of the current record as it appeared in the file (line breaks inside quotes as LF). */
  String raw() {
    return new String(raw, 0, rawLen);
  }

  int fieldCount() {
    return fieldCount;
  }

  /** The buffer holding the unquoted field contents; valid until the next call to {@link #next()}. */
  char[] chars() {
    return chars;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  /** Field {@code field} without quotes, not trimmed. */
  String field(int field) {
    return new String(chars, starts[field], ends[field] - starts[field]);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private void endField(int fieldStart) {
    if (fieldCount == starts.length) {
      starts = Arrays.copyOf(starts, fieldCount * 2);
      ends = Arrays.copyOf(ends, fieldCount * 2);
    }
    starts[fieldCount] = fieldStart;
    ends[fieldCount] = charsLen;
    fieldCount++;
  }

  private void appendChar(char c) {
    if (charsLen == chars.length) {
      chars = Arrays.copyOf(chars, charsLen * 2);
    }
    chars[charsLen++] = c;
  }

  private void appendRaw(char c) {
    if (rawLen == raw.length) {
      raw = Arrays.copyOf(raw, rawLen * 2);
    }
    raw[rawLen++] = c;
  }
}
