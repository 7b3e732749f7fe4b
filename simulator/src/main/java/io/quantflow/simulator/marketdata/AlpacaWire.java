package io.quantflow.simulator.marketdata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Alpaca's JSON encoding of market data, shared by the stream and the historical API (protocol document §1.6 and
 * §2.3): RFC-3339 UTC timestamps with trailing fractional zeros trimmed, prices as numbers, sizes, volumes and
 * counts as integers when they are whole.
 *
 * <p>Store gaps are filled the same way everywhere: a bar without a trade count has {@code "n":0}, a bar without
 * a VWAP gets the typical price (high + low + close) / 3; the store keeps no tape, so {@code "z"} is {@code "C"};
 * trade conditions are the stored comma-separated codes as an array; quote conditions are {@code []}.
 */
public final class AlpacaWire {
  /** New York, where Alpaca's trading days (and day-bar stamps) live. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** The tape sent where the store has none. */
  public static final String TAPE = "C";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(java.time.ZoneOffset.UTC);

  private AlpacaWire() {}

  /** {@code micros} (UTC epoch microseconds) as Alpaca writes it, e.g. {@code 2021-02-22T15:51:44.208Z}. */
  public static String timestamp(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    long frac = Math.floorMod(micros, 1_000_000L);
    String s = SECONDS.format(Instant.ofEpochSecond(seconds));
    if (frac == 0) {
      return s + "Z";
    }
    String f = String.format("%06d", frac);
    int end = f.length();
    while (f.charAt(end - 1) == '0') {
      end--;
    }
    return s + "." + f.substring(0, end) + "Z";
  }

  /** The stamp of the daily bar containing {@code micros}: midnight New York of that date, UTC epoch micros. */
  public static long dayStartMicros(long micros) {
    LocalDate d = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(NEW_YORK).toLocalDate();
    return d.atStartOfDay(NEW_YORK).toEpochSecond() * 1_000_000L;
  }

  /** A bar's VWAP, or its typical price (h + l + c) / 3 when the store has none. */
  public static double vwap(Bar b) {
    return Double.isNaN(b.vwap()) ? (b.high() + b.low() + b.close()) / 3 : b.vwap();
  }

  /** A bar's trade count, 0 when unknown. */
  public static long tradeCount(Bar b) {
    return Math.max(0, b.tradeCount());
  }

  /** Writes {@code v} as an integer when it is whole (sizes, volumes), else as a decimal. */
  public static void number(JsonGenerator g, double v) throws IOException {
    if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  /** A bar object; {@code type} ({@code b}, {@code d}, {@code u}) and the symbol first when {@code type} is set. */
  public static void bar(JsonGenerator g, String type, WireBar b) throws IOException {
    g.writeStartObject();
    if (type != null) {
      g.writeStringField("T", type);
      g.writeStringField("S", b.symbol());
    }
    g.writeStringField("t", timestamp(b.timestampMicros()));
    g.writeNumberField("o", b.open());
    g.writeNumberField("h", b.high());
    g.writeNumberField("l", b.low());
    g.writeNumberField("c", b.close());
    g.writeFieldName("v");
    number(g, b.volume());
    g.writeNumberField("n", b.tradeCount());
    g.writeNumberField("vw", b.vwap());
    g.writeEndObject();
  }

  /** A trade object; {@code T:"t"} and the symbol first when {@code stream}. */
  public static void trade(JsonGenerator g, boolean stream, Trade t) throws IOException {
    g.writeStartObject();
    if (stream) {
      g.writeStringField("T", "t");
      g.writeStringField("S", t.symbol());
    }
    g.writeStringField("t", timestamp(t.timestampMicros()));
    g.writeStringField("x", t.exchange());
    g.writeNumberField("p", t.price());
    g.writeFieldName("s");
    number(g, t.size());
    g.writeArrayFieldStart("c");
    for (String c : t.conditions().isEmpty() ? new String[0] : t.conditions().split(",", -1)) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeNumberField("i", t.tradeId());
    g.writeStringField("z", TAPE);
    g.writeEndObject();
  }

  /** A quote object; {@code T:"q"} and the symbol first when {@code stream}. */
  public static void quote(JsonGenerator g, boolean stream, Quote q) throws IOException {
    g.writeStartObject();
    if (stream) {
      g.writeStringField("T", "q");
      g.writeStringField("S", q.symbol());
    }
    g.writeStringField("t", timestamp(q.timestampMicros()));
    g.writeStringField("bx", q.bidExchange());
    g.writeNumberField("bp", q.bidPrice());
    g.writeFieldName("bs");
    number(g, q.bidSize());
    g.writeStringField("ax", q.askExchange());
    g.writeNumberField("ap", q.askPrice());
    g.writeFieldName("as");
    number(g, q.askSize());
    g.writeArrayFieldStart("c");
    g.writeEndArray();
    g.writeStringField("z", TAPE);
    g.writeEndObject();
  }

  /** Writes JSON with {@code body} and returns it as a string. */
  public static String write(JsonWriter body) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Writes one JSON value. */
  @FunctionalInterface
  public interface JsonWriter {
    /** Writes to {@code g}. */
    void write(JsonGenerator g) throws IOException;
  }
}
