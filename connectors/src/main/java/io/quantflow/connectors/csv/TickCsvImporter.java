package io.quantflow.connectors.csv;

import io.quantflow.connectors.store.TickStore;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Imports trade and quote ticks from CSV files (plain or {@code .gz}) into a {@link TickStore}. The kind and the
 * layout come from the header, so both of these work:
 *
 * <ul>
 *   <li>generic: {@code symbol,timestamp,price,size[,exchange,trade_id,conditions]} for trades and
 *       {@code symbol,timestamp,bid_price,bid_size,ask_price,ask_size[,bid_exchange,ask_exchange]} for quotes;</li>
 *   <li>AlgoSeek as shipped with QuantConnect Lean (see {@code data/sample/SOURCE.md}):
 *       {@code ts_utc,ts_et,price,size,exchange,condition_flags_hex,suspicious} and
 *       {@code ts_utc,ts_et,bid_price,bid_size,ask_price,ask_size,exchange,condition_flags_hex,suspicious}, one
 *       file per symbol and day with the symbol as the file name's prefix ({@code IBM_20131011_trades.csv.gz}).</li>
 * </ul>
 *
 * <p>Timestamps are ISO-8601 with an offset, or epoch seconds, milliseconds, microseconds or nanoseconds (told apart
 * by magnitude). Trades without an id get ids 1, 2, ... per symbol in file order. Rows the vendor flagged
 * {@code suspicious} are left out and listed. One-sided quote rows (AlgoSeek: a row updates the best bid or the best
 * ask, naming the venue at that price; the other side is {@code 0,0}) are joined into two-sided quotes: after each
 * row, the latest bid and the latest ask; a crossed result (bid above ask) is left out and counted. A malformed row refuses the whole import
 * (nothing is written) unless {@code skipBadRows}; every refused row is reported with file and line.
 */
public final class TickCsvImporter {
  private TickCsvImporter() {}

  /**
   * What an import did.
   *
   * @param trades trades written
   * @param quotes quotes written
   * @param symbols symbols written
   * @param files store files written
   * @param problems refused rows with file, line and reason (malformed, suspicious)
   * @param notes other things worth knowing (crossed NBBO rows left out, ...)
   */
  public record Report(long trades, long quotes, List<String> symbols, int files, List<String> problems,
      List<String> notes) {}

  /**
   * Imports {@code files} into {@code store}.
   *
   * @param symbol the symbol for files without a symbol column, or null to take the file name's prefix
   * @throws CsvImportException listing the bad rows when a row is malformed and {@code skipBadRows} is false
   */
  public static Report importInto(List<Path> files, TickStore store, String symbol, boolean skipBadRows,
      Consumer<String> progress) {
    Checks.notNull(files, "files");
    List<Trade> trades = new ArrayList<>();
    List<Quote> quotes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    TreeSet<String> symbols = new TreeSet<>();
    for (Path file : files) {
      progress.accept("reading " + file);
      read(file, symbol, trades, quotes, problems, malformed, notes, symbols);
    }
    if (!malformed.isEmpty() && !skipBadRows) {
      throw new CsvImportException("Refused the import: " + malformed.size() + " malformed row(s); fix them or pass "
          + "--skip-bad-rows to import the good rows. First ones:\n  "
          + String.join("\n  ", malformed.subList(0, Math.min(20, malformed.size()))));
    }
    int written = 0;
    if (!trades.isEmpty()) {
      progress.accept(String.format(Locale.ROOT, "writing %,d trades", trades.size()));
      written += store.writeTrades(trades);
    }
    if (!quotes.isEmpty()) {
      progress.accept(String.format(Locale.ROOT, "writing %,d quotes", quotes.size()));
      written += store.writeQuotes(quotes);
    }
    return new Report(trades.size(), quotes.size(), List.copyOf(symbols), written, problems, notes);
  }

  private static void read(Path file, String fixedSymbol, List<Trade> trades, List<Quote> quotes,
      List<String> problems, List<String> malformed, List<String> notes, TreeSet<String> symbols) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null) {
        throw new CsvImportException(file + " is empty; a tick CSV starts with a header line");
      }
      Map<String, Integer> col = new HashMap<>();
      String[] names = header.replace("\uFEFF", "").trim().split(",");
      for (int i = 0; i < names.length; i++) {
        col.put(names[i].trim().toLowerCase(Locale.ROOT), i);
      }
      boolean isQuote = col.containsKey("bid_price");
      boolean isTrade = col.containsKey("price");
      String tsCol = col.containsKey("timestamp") ? "timestamp" : col.containsKey("ts_utc") ? "ts_utc" : null;
      if (isQuote == isTrade || tsCol == null) {
        throw new CsvImportException(file + ": header '" + header + "' is neither a trade CSV (timestamp or ts_utc, "
            + "price, size) nor a quote CSV (timestamp or ts_utc, bid_price, bid_size, ask_price, ask_size)",
            List.of());
      }
      String symbol = fixedSymbol;
      if (symbol == null && !col.containsKey("symbol")) {
        String name = file.getFileName().toString();
        symbol = name.contains("_") ? name.substring(0, name.indexOf('_')) : null;
        if (symbol == null || symbol.isBlank()) {
          throw new CsvImportException(file + " has no symbol column and its name has no SYMBOL_ prefix; pass "
              + "--symbol");
        }
      }
      Map<String, Long> nextId = new HashMap<>();
      Nbbo nbbo = new Nbbo();
      long crossed = 0;
      long lineNo = 1;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        String where = file.getFileName() + ":" + lineNo;
        try {
          String sym = col.containsKey("symbol") ? get(f, col, "symbol").trim() : symbol;
          Checks.notBlank(sym, "symbol");
          long ts = timestamp(get(f, col, tsCol));
          if (col.containsKey("suspicious") && "1".equals(get(f, col, "suspicious").trim())) {
            problems.add(where + ": suspicious (flagged by the vendor), left out: " + line);
            continue;
          }
          if (isTrade) {
            long id = col.containsKey("trade_id") ? Long.parseLong(get(f, col, "trade_id").trim())
                : nextId.merge(sym, 1L, Long::sum);
            String conditions = col.containsKey("conditions") ? get(f, col, "conditions")
                : col.containsKey("condition_flags_hex") ? get(f, col, "condition_flags_hex") : "";
            trades.add(new Trade(sym, ts, Double.parseDouble(get(f, col, "price")),
                Double.parseDouble(get(f, col, "size")), opt(f, col, "exchange"), id, conditions));
          } else {
            double bp = Double.parseDouble(get(f, col, "bid_price"));
            double bs = Double.parseDouble(get(f, col, "bid_size"));
            double ap = Double.parseDouble(get(f, col, "ask_price"));
            double as = Double.parseDouble(get(f, col, "ask_size"));
            if (col.containsKey("exchange") && (bp == 0 && bs == 0 || ap == 0 && as == 0)) {
              Quote q = nbbo.update(sym, ts, opt(f, col, "exchange"), bp, bs, ap, as);
              if (q == Nbbo.CROSSED) {
                crossed++;
              } else if (q != null) {
                quotes.add(q);
              }
            } else {
              quotes.add(new Quote(sym, ts, bp, bs, ap, as, opt(f, col, "bid_exchange"),
                  opt(f, col, "ask_exchange")));
            }
          }
          symbols.add(sym);
        } catch (RuntimeException e) {
          String problem = where + ": " + e.getMessage() + " (row: " + line + ")";
          problems.add(problem);
          malformed.add(problem);
        }
      }
      if (crossed > 0) {
        notes.add(String.format(Locale.ROOT, "%s: %,d quote updates left a crossed consolidated book (best bid above "
            + "best ask across venues, from stale venue quotes) and were not written", file.getFileName(), crossed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static String get(String[] f, Map<String, Integer> col, String name) {
    int i = col.get(name);
    if (i >= f.length) {
      throw new IllegalArgumentException("missing column '" + name + "'");
    }
    return f[i];
  }

  private static String opt(String[] f, Map<String, Integer> col, String name) {
    Integer i = col.get(name);
    return i == null || i >= f.length ? "" : f[i].trim();
  }

  /** ISO-8601 with an offset, or an epoch number in seconds, millis, micros or nanos (by magnitude). */
  static long timestamp(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty timestamp");
    }
    if (Character.isDigit(t.charAt(t.length() - 1)) && t.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
      long v = Long.parseLong(t);
      long abs = Math.abs(v);
      return abs < 100_000_000_000L ? v * 1_000_000L : abs < 100_000_000_000_000L ? v * 1000L
          : abs < 100_000_000_000_000_000L ? v : v / 1000L;
    }
    Instant i;
    try {
      i = OffsetDateTime.parse(t).toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("timestamp '" + t + "' is neither ISO-8601 with an offset nor epoch");
    }
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  /**
   * The top of book from one-sided updates: AlgoSeek splits each best-bid-and-offer update into a bid row and an
   * ask row, each naming the venue at the best price; a row replaces that side, whatever the venue.
   */
  private static final class Nbbo {
    static final Quote CROSSED = new Quote("CROSSED", 0, 0, 0, 0, 0, "", "");
    private final Map<String, Object[]> book = new LinkedHashMap<>(); // symbol -> {bid, bidSize, bidVenue, ask, ...}

    Quote update(String symbol, long ts, String venue, double bp, double bs, double ap, double as) {
      Object[] b = book.computeIfAbsent(symbol, s -> new Object[] {0.0, 0.0, "", 0.0, 0.0, ""});
      if (bp > 0 || bs > 0) {
        b[0] = bp;
        b[1] = bs;
        b[2] = venue;
      }
      if (ap > 0 || as > 0) {
        b[3] = ap;
        b[4] = as;
        b[5] = venue;
      }
      double bid = (Double) b[0];
      double ask = (Double) b[3];
      if (bid <= 0 || ask <= 0) {
        return null; // one side has no quote yet
      }
      if (bid > ask) {
        return CROSSED;
      }
      return new Quote(symbol, ts, bid, (Double) b[1], ask, (Double) b[4], (String) b[2], (String) b[5]);
    }
  }
}
