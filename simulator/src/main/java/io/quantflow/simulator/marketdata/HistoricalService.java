package io.quantflow.simulator.marketdata;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.Http;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.SimulatorService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Alpaca's historical stock data REST API (protocol document §2) over the whole stored history: {@code GET}
 * {@code /v2/stocks/bars?symbols=A,B}, {@code /v2/stocks/{symbol}/bars}, and the same for {@code trades} and
 * {@code quotes}.
 *
 * <p>Parameters: {@code timeframe} (bars, required): {@code [1-59]Min|T}, {@code [1-23]Hour|H}, {@code 1Day|D},
 * {@code 1Week|W}, {@code [1,2,3,4,6,12]Month|M}, aggregated from the stored one-minute bars (see
 * {@link WireBar.Accumulator}); minute and hour buckets are aligned to UTC midnight, day, week (Monday) and month
 * bars are stamped at New York midnight in UTC ({@code T05:00:00Z} in winter). {@code start}/{@code end}: RFC-3339
 * (any offset) or {@code YYYY-MM-DD} (New York midnight of that date), both inclusive, compared with each bar's
 * start or each tick's time; unset, the whole store. {@code limit}: 1..10000, default 1000, counted across symbols.
 * {@code page_token}: the {@code next_page_token} of the previous page ({@code null} on the last page).
 * {@code sort}: {@code asc} (default) or {@code desc} (symbols stay ascending). {@code feed}, {@code adjustment},
 * {@code asof}, {@code currency}: checked and accepted; the data is the store's, unadjusted, whatever the feed.
 * Another parameter gives {@code 400 {"code":40010000,"message":"unexpected parameter(s): x"}}; a bad value
 * {@code 422 {"code":42210000,...}}.
 *
 * <p>Every response carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * (epoch seconds) over a fixed one-minute window; past the limit, or when {@link Faults#take429()} says so, the
 * answer is 429. Requests need the key headers ({@link Http#authorize}). Empty results: multi-symbol
 * {@code {"bars":{},"next_page_token":null}}, single-symbol {@code {"bars":null,"symbol":"AAPL",...}}.
 */
public final class HistoricalService implements SimulatorService {
  /** The default {@code limit}. */
  public static final int DEFAULT_LIMIT = 1000;
  /** The largest {@code limit}. */
  public static final int MAX_LIMIT = 10_000;

  private static final Pattern TIMEFRAME = Pattern.compile("(\\d{1,2})(Min|T|Hour|H|Day|D|Week|W|Month|M)");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> COMMON =
      Set.of("start", "end", "limit", "page_token", "feed", "asof", "currency", "sort");
  private static final Set<String> FEEDS = Set.of("sip", "iex", "otc", "boats", "delayed_sip", "overnight");
  private static final Set<String> ADJUSTMENTS = Set.of("raw", "split", "dividend", "spin-off", "all");

  private final SimulatorConfig config;
  private final MarketHistory history;
  private final Faults faults;
  private final int requestsPerMinute;
  private final Map<String, List<WireBar>> aggregates = new ConcurrentHashMap<>();
  private long windowMinute;
  private int windowCount;

  /** The API over {@code history} with Alpaca's Algo Trader Plus limit (10,000 requests per minute). */
  public HistoricalService(SimulatorConfig config, MarketHistory history, Faults faults) {
    this(config, history, faults, 10_000);
  }

  /** The API over {@code history} allowing {@code requestsPerMinute}. */
  public HistoricalService(SimulatorConfig config, MarketHistory history, Faults faults, int requestsPerMinute) {
    this.config = Objects.requireNonNull(config, "config");
    this.history = Objects.requireNonNull(history, "history");
    this.faults = Objects.requireNonNull(faults, "faults");
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException("Argument 'requestsPerMinute' must be positive but was "
          + requestsPerMinute);
    }
    this.requestsPerMinute = requestsPerMinute;
  }

  /** What a request asks for. */
  private enum Kind {
    BARS("bars"), TRADES("trades"), QUOTES("quotes");

    final String field;

    Kind(String field) {
      this.field = field;
    }

    static Kind of(String segment) {
      for (Kind k : values()) {
        if (k.field.equals(segment)) {
          return k;
        }
      }
      return null;
    }
  }

  /** A bad request, with its status and Alpaca code. */
  private static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final long code;

    BadRequest(int status, long code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }

    static BadRequest invalid(String message) {
      return new BadRequest(422, 42210000L, message);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Http.path(request);
    if (!path.startsWith("/v2/stocks/")) {
      return false;
    }
    String[] seg = path.substring("/v2/stocks/".length()).split("/", -1);
    Kind kind;
    String single;
    if (seg.length == 1 && (kind = Kind.of(seg[0])) != null) {
      single = null;
    } else if (seg.length == 2 && !seg[0].isEmpty() && (kind = Kind.of(seg[1])) != null) {
      single = seg[0];
    } else {
      return false;
    }
    if (faults.take429()) {
      Faults.send429(response, callback, requestsPerMinute);
      return true;
    }
    if (!rateLimit(response)) {
      Faults.send429(response, callback, requestsPerMinute);
      return true;
    }
    if (!"GET".equals(request.getMethod())) {
      Http.error(response, callback, 405, 40510000L, "method not allowed: use GET " + path);
      return true;
    }
    if (!Http.authorize(request, response, callback, config)) {
      return true;
    }
    try {
      Http.json(response, callback, 200, answer(kind, single, Http.query(request)));
    } catch (BadRequest e) {
      Http.error(response, callback, e.status, e.code, e.getMessage());
    }
    return true;
  }

  /** Counts the request in the current minute and sets the headers; false when over the limit. */
  private boolean rateLimit(Response response) {
    long now = System.currentTimeMillis();
    long minute = now / 60_000L;
    int remaining;
    synchronized (this) {
      if (minute != windowMinute) {
        windowMinute = minute;
        windowCount = 0;
      }
      windowCount++;
      remaining = requestsPerMinute - windowCount;
    }
    if (remaining < 0) {
      return false;
    }
    response.getHeaders().put("X-RateLimit-Limit", Integer.toString(requestsPerMinute));
    response.getHeaders().put("X-RateLimit-Remaining", Integer.toString(remaining));
    response.getHeaders().put("X-RateLimit-Reset", Long.toString((minute + 1) * 60L));
    return true;
  }

  private String answer(Kind kind, String single, Fields q) throws BadRequest {
    Set<String> allowed = new java.util.HashSet<>(COMMON);
    if (single == null) {
      allowed.add("symbols");
    }
    if (kind == Kind.BARS) {
      allowed.add("timeframe");
      allowed.add("adjustment");
    }
    TreeSet<String> unexpected = new TreeSet<>();
    for (String name : q.getNames()) {
      if (!allowed.contains(name)) {
        unexpected.add(name);
      }
    }
    if (!unexpected.isEmpty()) {
      throw new BadRequest(400, 40010000L, "unexpected parameter(s): " + String.join(", ", unexpected));
    }
    List<String> symbols;
    if (single != null) {
      symbols = List.of(single);
    } else {
      String s = q.getValue("symbols");
      if (s == null || s.isBlank()) {
        throw new BadRequest(400, 40010000L, "missing symbols: pass symbols=AAPL,MSFT");
      }
      TreeSet<String> set = new TreeSet<>();
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          set.add(part.trim());
        }
      }
      symbols = List.copyOf(set);
    }
    Bucketing tf = null;
    if (kind == Kind.BARS) {
      String t = q.getValue("timeframe");
      if (t == null || t.isBlank()) {
        throw new BadRequest(400, 40010000L, "missing timeframe: pass timeframe=1Min (or 5Min, 1Hour, 1Day, ...)");
      }
      tf = Bucketing.parse(t);
      String adj = q.getValue("adjustment");
      if (adj != null) {
        for (String a : adj.split(",")) {
          if (!ADJUSTMENTS.contains(a.trim())) {
            throw BadRequest.invalid("invalid adjustment: " + adj + " (use raw, split, dividend, spin-off or all)");
          }
        }
      }
    }
    long start = time(q.getValue("start"), "start", Long.MIN_VALUE);
    long end = time(q.getValue("end"), "end", Long.MAX_VALUE);
    if (end < start) {
      throw BadRequest.invalid("end must not be before start");
    }
    int limit = DEFAULT_LIMIT;
    String l = q.getValue("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l.trim());
      } catch (NumberFormatException e) {
        throw BadRequest.invalid("invalid limit: " + l + " (an integer from 1 to " + MAX_LIMIT + ")");
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw BadRequest.invalid("invalid limit: " + l + " (an integer from 1 to " + MAX_LIMIT + ")");
      }
    }
    String sort = q.getValue("sort");
    boolean desc = false;
    if (sort != null) {
      if (!sort.equals("asc") && !sort.equals("desc")) {
        throw BadRequest.invalid("invalid sort: " + sort + " (use asc or desc)");
      }
      desc = sort.equals("desc");
    }
    String feed = q.getValue("feed");
    if (feed != null && !FEEDS.contains(feed)) {
      throw BadRequest.invalid("invalid feed: " + feed + " (use sip, iex, otc, boats, delayed_sip or overnight)");
    }
    // position to start from: (symbol, index in its filtered list)
    int symbolIndex = 0;
    int itemIndex = 0;
    String token = q.getValue("page_token");
    if (token != null && !token.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw BadRequest.invalid("invalid page_token: pass the next_page_token of the previous page unchanged");
      }
      int bar = decoded.lastIndexOf('|');
      int at = bar < 0 ? -1 : symbols.indexOf(decoded.substring(0, bar));
      try {
        itemIndex = at < 0 ? -1 : Integer.parseInt(decoded.substring(bar + 1));
      } catch (NumberFormatException e) {
        itemIndex = -1;
      }
      if (at < 0 || itemIndex < 0) {
        throw BadRequest.invalid("invalid page_token: pass the next_page_token of the previous page with the same "
            + "symbols and parameters");
      }
      symbolIndex = at;
    }

    List<List<?>> series = new ArrayList<>();
    for (String s : symbols) {
      series.add(select(kind, tf, s, start, end, desc));
    }
    // one page
    List<List<?>> page = new ArrayList<>();
    symbols.forEach(s -> page.add(new ArrayList<>()));
    int taken = 0;
    int si = symbolIndex;
    int ii = itemIndex;
    while (si < symbols.size() && taken < limit) {
      List<?> items = series.get(si);
      int n = Math.min(items.size() - ii, limit - taken);
      if (n > 0) {
        @SuppressWarnings("unchecked")
        List<Object> p = (List<Object>) page.get(si);
        p.addAll(items.subList(ii, ii + n));
        taken += n;
        ii += n;
      }
      if (ii >= items.size()) {
        si++;
        ii = 0;
      }
    }
    while (si < symbols.size() && ii >= series.get(si).size()) {
      si++;
      ii = 0;
    }
    String next = si < symbols.size()
        ? Base64.getEncoder().encodeToString((symbols.get(si) + "|" + ii).getBytes(StandardCharsets.UTF_8)) : null;
    Kind k = kind;
    return AlpacaWire.write(g -> {
      g.writeStartObject();
      if (single == null) {
        g.writeObjectFieldStart(k.field);
        for (int i = 0; i < symbols.size(); i++) {
          if (!page.get(i).isEmpty()) {
            g.writeFieldName(symbols.get(i));
            items(g, k, page.get(i));
          }
        }
        g.writeEndObject();
      } else {
        g.writeFieldName(k.field);
        if (page.get(0).isEmpty()) {
          g.writeNull();
        } else {
          items(g, k, page.get(0));
        }
        g.writeStringField("symbol", single);
      }
      g.writeStringField("next_page_token", next);
      g.writeEndObject();
    });
  }

  private static void items(JsonGenerator g, Kind kind, List<?> items) throws IOException {
    g.writeStartArray();
    for (Object o : items) {
      switch (kind) {
        case BARS -> AlpacaWire.bar(g, null, (WireBar) o);
        case TRADES -> AlpacaWire.trade(g, false, (Trade) o);
        case QUOTES -> AlpacaWire.quote(g, false, (Quote) o);
        default -> throw new IllegalStateException();
      }
    }
    g.writeEndArray();
  }

  private List<?> select(Kind kind, Bucketing tf, String symbol, long start, long end, boolean desc) {
    List<?> all;
    ToLongFunction<Object> time;
    switch (kind) {
      case BARS -> {
        all = aggregates.computeIfAbsent(symbol + "|" + tf.label, k -> tf.aggregate(symbol,
            history.minuteBars(symbol)));
        time = o -> ((WireBar) o).timestampMicros();
      }
      case TRADES -> {
        all = history.trades(symbol);
        time = o -> ((Trade) o).timestampMicros();
      }
      default -> {
        all = history.quotes(symbol);
        time = o -> ((Quote) o).timestampMicros();
      }
    }
    List<Object> out = new ArrayList<>();
    for (Object o : all) {
      long t = time.applyAsLong(o);
      if (t >= start && t <= end) {
        out.add(o);
      }
    }
    if (desc) {
      java.util.Collections.reverse(out);
    }
    return out;
  }

  /** Parses {@code start}/{@code end}: RFC-3339 or a New York date; {@code absent} when unset. */
  static long time(String value, String name, long absent) throws BadRequest {
    if (value == null || value.isBlank()) {
      return absent;
    }
    String v = value.trim().replace(' ', '+'); // an unencoded '+' offset arrives as a space
    try {
      if (DATE.matcher(v).matches()) {
        return LocalDate.parse(v).atStartOfDay(AlpacaWire.NEW_YORK).toEpochSecond() * 1_000_000L;
      }
      Instant i = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    } catch (RuntimeException e) {
      throw BadRequest.invalid("invalid " + name + ": " + value + " (use RFC-3339 such as 2021-02-22T15:51:44Z, or "
          + "YYYY-MM-DD)");
    }
  }

  /** An Alpaca timeframe: how minute bars are grouped. */
  static final class Bucketing {
    final String label;
    final char unit;
    final int n;

    private Bucketing(String label, char unit, int n) {
      this.label = label;
      this.unit = unit;
      this.n = n;
    }

    static Bucketing parse(String text) throws BadRequest {
      Matcher m = TIMEFRAME.matcher(text.trim());
      if (!m.matches()) {
        throw BadRequest.invalid("invalid timeframe");
      }
      int n = Integer.parseInt(m.group(1));
      char unit = switch (m.group(2)) {
        case "Min", "T" -> 'm';
        case "Hour", "H" -> 'h';
        case "Day", "D" -> 'd';
        case "Week", "W" -> 'w';
        default -> 'M';
      };
      boolean ok = switch (unit) {
        case 'm' -> n >= 1 && n <= 59;
        case 'h' -> n >= 1 && n <= 23;
        case 'd', 'w' -> n == 1;
        default -> n == 1 || n == 2 || n == 3 || n == 4 || n == 6 || n == 12;
      };
      if (!ok) {
        throw BadRequest.invalid("invalid timeframe");
      }
      return new Bucketing(n + String.valueOf(unit), unit, n);
    }

    /** The stamp of the bucket holding a bar that starts at {@code micros}. */
    long bucket(long micros) {
      switch (unit) {
        case 'm', 'h' -> {
          long size = n * (unit == 'm' ? 60_000_000L : 3_600_000_000L);
          long day = Math.floorDiv(micros, 86_400_000_000L) * 86_400_000_000L;
          return day + Math.floorDiv(micros - day, size) * size;
        }
        case 'd' -> {
          return AlpacaWire.dayStartMicros(micros);
        }
        default -> {
          LocalDate d = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(AlpacaWire.NEW_YORK)
              .toLocalDate();
          LocalDate first = unit == 'w' ? d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              : d.withMonth((d.getMonthValue() - 1) / n * n + 1).withDayOfMonth(1);
          return first.atStartOfDay(AlpacaWire.NEW_YORK).toEpochSecond() * 1_000_000L;
        }
      }
    }

    List<WireBar> aggregate(String symbol, List<Bar> minutes) {
      List<WireBar> out = new ArrayList<>();
      if (unit == 'm' && n == 1) {
        minutes.forEach(b -> out.add(WireBar.of(b)));
        return List.copyOf(out);
      }
      WireBar.Accumulator acc = null;
      for (Bar b : minutes) {
        long key = bucket(b.timestampMicros());
        if (acc == null || acc.timestampMicros() != key) {
          if (acc != null) {
            out.add(acc.result());
          }
          acc = new WireBar.Accumulator(symbol, key);
        }
        acc.add(b);
      }
      if (acc != null) {
        out.add(acc.result());
      }
      return List.copyOf(out);
    }
  }
}
