package io.quantflow.connectors.alpaca.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A client of Alpaca's historical stock data REST API ({@code GET /v2/stocks/bars|trades|quotes?symbols=...}, see
 * {@code docs/alpaca-protocol.md} §2). It follows {@code next_page_token} until it is null, asking for
 * {@link Builder#pageLimit(int) pageLimit} rows per page (default 10,000, Alpaca's maximum; the limit counts rows of
 * all symbols together). Null or missing result objects are empty results; integer-valued numbers are accepted
 * where doubles are expected.
 *
 * <p>HTTP 429, 5xx and network failures are retried with jittered exponential backoff, a bounded number of
 * attempts; a 429 with {@code X-RateLimit-Reset} (UNIX epoch seconds) waits until that time instead (capped by the
 * maximum backoff). 401, 403, 400 and 422 fail at once with an {@link AlpacaDataException} saying what to fix.
 *
 * <pre>{@code
 * AlpacaHistoricalClient client = AlpacaHistoricalClient.create(AlpacaConfig.fromEnvironment(System.getenv()));
 * List<Bar> bars = client.bars(List.of("AAPL"), Timeframe.M1, Instant.parse("2024-01-02T14:30:00Z"),
 *     Instant.parse("2024-01-02T21:00:00Z"), "raw", "iex");
 * }</pre>
 *
 * <p>Times: {@code start} and {@code end} are inclusive, as in Alpaca's API. Returned rows carry UTC epoch
 * microseconds; a bar is labelled by the start of its interval. Thread-safe.
 */
public final class AlpacaHistoricalClient {
  /** Default rows per page: Alpaca's maximum. */
  public static final int DEFAULT_PAGE_LIMIT = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How far a request has got: pages fetched and rows parsed so far (cumulative). */
  public record Progress(int pages, long rows) {}

  /** Receives each page's rows, in the server's order, with the cumulative progress. */
  @FunctionalInterface
  public interface PageListener<T> {
    /** Called once per page, after the page is parsed; an exception stops the request. */
    void onPage(List<T> rows, Progress progress);
  }

  /** Waits between retries; replaceable in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AlpacaConfig config;
  private final HttpClient http;
  private final int pageLimit;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;
  private final Sleeper sleeper;

  private AlpacaHistoricalClient(Builder b) {
    this.config = b.config;
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.pageLimit = b.pageLimit;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.requestTimeout = b.requestTimeout;
    this.sleeper = b.sleeper;
  }

  /** A client with the default settings. */
  public static AlpacaHistoricalClient create(AlpacaConfig config) {
    return builder(config).build();
  }

  /** A builder with the defaults: 10,000 rows a page, 6 attempts, backoff 0.5 s doubling up to 30 s. */
  public static Builder builder(AlpacaConfig config) {
    return new Builder(config);
  }

  /**
   * Alpaca's name of a timeframe: 1m -> {@code 1Min}, 5m -> {@code 5Min}, 15m -> {@code 15Min}, 1h ->
   * {@code 1Hour}, 1d -> {@code 1Day}.
   *
   * @throws IllegalArgumentException for second bars, which Alpaca does not serve
   */
  public static String timeframeParam(Timeframe timeframe) {
    return switch (Checks.notNull(timeframe, "timeframe")) {
      case M1 -> "1Min";
      case M5 -> "5Min";
      case M15 -> "15Min";
      case H1 -> "1Hour";
      case D1 -> "1Day";
      case S1, S15 -> throw new IllegalArgumentException("Alpaca serves no " + timeframe + " bars; use 1m, 5m, 15m, "
          + "1h or 1d (build second bars from trades instead)");
    };
  }

  /** Every bar of {@code symbols} in {@code [start, end]}; see {@link #bars(List, Timeframe, Instant, Instant, String, String, PageListener)}. */
  public List<Bar> bars(List<String> symbols, Timeframe timeframe, Instant start, Instant end, String adjustment,
      String feed) {
    List<Bar> out = new ArrayList<>();
    bars(symbols, timeframe, start, end, adjustment, feed, (rows, p) -> out.addAll(rows));
    return out;
  }

  /**
   * Fetches bars page by page and hands each page to {@code onPage}.
   *
   * @param symbols tickers, at least one
   * @param timeframe bar interval
   * @param start first bar start, inclusive
   * @param end last bar start, inclusive
   * @param adjustment {@code raw}, {@code split}, {@code dividend}, {@code spin-off} or {@code all} (null: raw)
   * @param feed {@code iex}, {@code sip}, ... (null: the config's feed)
   * @return the final progress (pages and rows)
   */
  public Progress bars(List<String> symbols, Timeframe timeframe, Instant start, Instant end, String adjustment,
      String feed, PageListener<Bar> onPage) {
    Map<String, String> q = params(symbols, start, end, feed);
    q.put("timeframe", timeframeParam(timeframe));
    q.put("adjustment", adjustment == null || adjustment.isBlank() ? "raw" : adjustment);
    return fetch("bars", q, onPage, (s, n) -> parseBar(s, timeframe, n));
  }

  /** Every trade of {@code symbols} in {@code [start, end]}. */
  public List<Trade> trades(List<String> symbols, Instant start, Instant end, String feed) {
    List<Trade> out = new ArrayList<>();
    trades(symbols, start, end, feed, (rows, p) -> out.addAll(rows));
    return out;
  }

  /** Fetches trades page by page and hands each page to {@code onPage}; arguments as for bars. */
  public Progress trades(List<String> symbols, Instant start, Instant end, String feed,
      PageListener<Trade> onPage) {
    return fetch("trades", params(symbols, start, end, feed), onPage, AlpacaHistoricalClient::parseTrade);
  }

  /** Every quote of {@code symbols} in {@code [start, end]}. */
  public List<Quote> quotes(List<String> symbols, Instant start, Instant end, String feed) {
    List<Quote> out = new ArrayList<>();
    quotes(symbols, start, end, feed, (rows, p) -> out.addAll(rows));
    return out;
  }

  /** Fetches quotes page by page and hands each page to {@code onPage}; arguments as for bars. */
  public Progress quotes(List<String> symbols, Instant start, Instant end, String feed,
      PageListener<Quote> onPage) {
    return fetch("quotes", params(symbols, start, end, feed), onPage, AlpacaHistoricalClient::parseQuote);
  }

  /** The rows per page this client asks for. */
  public int pageLimit() {
    return pageLimit;
  }

  private Map<String, String> params(List<String> symbols, Instant start, Instant end, String feed) {
    Checks.notNull(symbols, "symbols");
    Checks.isTrue(!symbols.isEmpty(), "Argument 'symbols' must not be empty");
    symbols.forEach(s -> Checks.notBlank(s, "symbol"));
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    Checks.isTrue(!end.isBefore(start), "Argument 'end' (%s) must not be before 'start' (%s)", end, start);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("symbols", String.join(",", symbols));
    q.put("start", start.toString());
    q.put("end", end.toString());
    q.put("limit", Integer.toString(pageLimit));
    q.put("feed", feed == null || feed.isBlank() ? config.feed() : feed);
    return q;
  }

  private <T> Progress fetch(String kind, Map<String, String> params, PageListener<T> onPage,
      BiFunction<String, JsonNode, T> parser) {
    Checks.notNull(onPage, "onPage");
    String token = null;
    int pages = 0;
    long rows = 0;
    do {
      Map<String, String> q = new LinkedHashMap<>(params);
      if (token != null) {
        q.put("page_token", token);
      }
      URI uri = URI.create(config.dataUrl() + "/v2/stocks/" + kind + "?" + q.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&")));
      JsonNode body = get(uri);
      List<T> page = new ArrayList<>();
      JsonNode bySymbol = body.get(kind);
      if (bySymbol != null && !bySymbol.isNull()) {
        if (!bySymbol.isObject()) {
          throw malformed(uri, "'" + kind + "' is not an object keyed by symbol", null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = bySymbol.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue() == null || e.getValue().isNull()) {
            continue;
          }
          for (JsonNode n : e.getValue()) {
            try {
              page.add(parser.apply(e.getKey(), n));
            } catch (RuntimeException ex) {
              throw malformed(uri, "row " + n + " of " + e.getKey() + " is invalid: " + ex.getMessage(), ex);
            }
          }
        }
      }
      JsonNode next = body.get("next_page_token");
      token = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
      pages++;
      rows += page.size();
      onPage.onPage(page, new Progress(pages, rows));
    } while (token != null);
    return new Progress(pages, rows);
  }

  private JsonNode get(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .header("APCA-API-KEY-ID", config.keyId()).header("APCA-API-SECRET-KEY", config.secretKey())
        .header("Accept", "application/json").GET().build();
    String where = "GET " + uri.getPath() + " of " + config.dataUrl();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= maxAttempts) {
          throw new AlpacaDataException(where + " failed after " + attempt + " attempts: " + e
              + "; check APCA_API_DATA_URL and the network", 0, true, e);
        }
        pause(backoff(attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AlpacaDataException(where + " was interrupted", 0, false, e);
      }
      int status = response.statusCode();
      if (status == 200) {
        try {
          return JSON.readTree(response.body());
        } catch (IOException e) {
          throw malformed(uri, "the body is not JSON: " + abbreviate(response.body()), e);
        }
      }
      boolean retriable = status == 429 || status >= 500;
      if (!retriable) {
        throw new AlpacaDataException(describe(status, response.body(), where), status, false, null);
      }
      if (attempt >= maxAttempts) {
        throw new AlpacaDataException(where + " failed with HTTP " + status + " after " + attempt
            + " attempts (" + errorMessage(response.body()) + "); "
            + (status == 429 ? "the rate limit is exhausted: wait a minute, lower the request rate, or upgrade the "
                + "plan" : "Alpaca's server fails: retry later"), status, true, null);
      }
      pause(status == 429 ? rateLimitWait(response, attempt) : backoff(attempt));
    }
  }

  /** Jittered exponential backoff: a random time in [d/2, d] with d = initial * 2^(attempt-1), capped. */
  Duration backoff(int attempt) {
    long max = maxBackoff.toMillis();
    long d = Math.min(max, initialBackoff.toMillis() << Math.min(attempt - 1, 30));
    return Duration.ofMillis(d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1));
  }

  private Duration rateLimitWait(HttpResponse<String> response, int attempt) {
    String reset = response.headers().firstValue("X-RateLimit-Reset").orElse(null);
    if (reset != null) {
      try {
        long wait = Long.parseLong(reset.trim()) * 1000 - System.currentTimeMillis();
        if (wait >= 0) {
          return Duration.ofMillis(Math.min(wait + ThreadLocalRandom.current().nextLong(100), maxBackoff.toMillis()));
        }
      } catch (NumberFormatException ignored) {
        // fall back to the backoff
      }
    }
    return backoff(attempt);
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlpacaDataException("Interrupted while waiting to retry an Alpaca request", 0, false, e);
    }
  }

  private String describe(int status, String body, String where) {
    String msg = errorMessage(body);
    return switch (status) {
      case 401 -> where + " was refused with HTTP 401 (" + msg + "): the API keys are missing or wrong; check "
          + "APCA_API_KEY_ID and APCA_API_SECRET_KEY (paper keys only work with paper endpoints)";
      case 403 -> where + " was refused with HTTP 403 (" + msg + "): the keys are not allowed this data; check the "
          + "keys, and that the plan includes the feed (use --feed iex on the free plan, or end the request at "
          + "least 15 minutes ago for SIP)";
      case 400, 422 -> where + " was refused with HTTP " + status + " (" + msg + "): a parameter is invalid; check "
          + "the symbols, the timeframe (1Min, 5Min, 15Min, 1Hour, 1Day), start/end (RFC-3339 and start <= end), "
          + "feed, adjustment and limit (1-10000)";
      case 404 -> where + " returned HTTP 404 (" + msg + "): check APCA_API_DATA_URL (it should be "
          + AlpacaConfig.DATA_URL + " or the simulator's base URL)";
      default -> where + " failed with HTTP " + status + " (" + msg + ")";
    };
  }

  private static String errorMessage(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.has("message")) {
        return (n.has("code") ? "code " + n.get("code").asText() + ": " : "") + n.get("message").asText();
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON: quote the text
    }
    return abbreviate(body == null ? "" : body.strip());
  }

  private AlpacaDataException malformed(URI uri, String what, Throwable cause) {
    return new AlpacaDataException("Alpaca's response to GET " + uri.getPath() + " is malformed: " + what
        + "; check that APCA_API_DATA_URL points at Alpaca's data API", 0, false, cause);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** A bar of the REST API ({@code t,o,h,l,c,v,n,vw}). */
  static Bar parseBar(String symbol, Timeframe timeframe, JsonNode n) {
    return new Bar(symbol, timeframe, AlpacaTime.parseMicros(text(n, "t")), num(n, "o"), num(n, "h"), num(n, "l"),
        num(n, "c"), num(n, "v"), n.hasNonNull("n") ? n.get("n").asLong() : Bar.UNKNOWN_TRADE_COUNT,
        n.hasNonNull("vw") && n.get("vw").asDouble() > 0 ? n.get("vw").asDouble() : Double.NaN);
  }

  /** A trade of the REST API ({@code t,x,p,s,c,i,z}). */
  static Trade parseTrade(String symbol, JsonNode n) {
    return new Trade(symbol, AlpacaTime.parseMicros(text(n, "t")), num(n, "p"), num(n, "s"), optText(n, "x"),
        n.hasNonNull("i") ? n.get("i").asLong() : 0, conditions(n.get("c")));
  }

  /** A quote of the REST API ({@code t,ax,ap,as,bx,bp,bs,c,z}). */
  static Quote parseQuote(String symbol, JsonNode n) {
    return new Quote(symbol, AlpacaTime.parseMicros(text(n, "t")), num(n, "bp"), num(n, "bs"), num(n, "ap"),
        num(n, "as"), optText(n, "bx"), optText(n, "ax"));
  }

  /** A required number; integers are accepted where doubles are expected. */
  public static double num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("field '" + field + "' must be a number but was " + v);
    }
    return v.asDouble();
  }

  /** A required string. */
  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string but was " + v);
    }
    return v.asText();
  }

  /** An optional string, empty when missing or null. */
  public static String optText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** Condition codes joined by commas (the domain's convention); empty when missing. */
  public static String conditions(JsonNode c) {
    if (c == null || c.isNull()) {
      return "";
    }
    if (!c.isArray()) {
      return c.asText();
    }
    List<String> codes = new ArrayList<>();
    c.forEach(x -> codes.add(x.asText()));
    return String.join(",", codes);
  }

  /** Settings of an {@link AlpacaHistoricalClient}. */
  public static final class Builder {
    private final AlpacaConfig config;
    private HttpClient http;
    private int pageLimit = DEFAULT_PAGE_LIMIT;
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder(AlpacaConfig config) {
      this.config = Checks.notNull(config, "config");
    }

    /** Rows per page, 1-10,000 (default 10,000). */
    public Builder pageLimit(int limit) {
      Checks.isTrue(limit >= 1 && limit <= 10_000, "Argument 'pageLimit' must be in [1, 10000] but was %d", limit);
      this.pageLimit = limit;
      return this;
    }

    /** Attempts per page including the first, at least 1 (default 6). */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = Checks.positive(attempts, "maxAttempts");
      return this;
    }

    /** First retry delay (default 0.5 s) and the cap of the doubling delays (default 30 s). */
    public Builder backoff(Duration initial, Duration max) {
      Checks.isTrue(initial != null && !initial.isNegative(), "Argument 'initial' must not be negative");
      Checks.isTrue(max != null && max.compareTo(initial) >= 0, "Argument 'max' must be at least 'initial'");
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Timeout of one HTTP request (default 60 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Checks.notNull(timeout, "timeout");
      return this;
    }

    /** The HTTP client to use (default: a new one). */
    public Builder httpClient(HttpClient client) {
      this.http = Checks.notNull(client, "client");
      return this;
    }

    Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    /** The client. */
    public AlpacaHistoricalClient build() {
      return new AlpacaHistoricalClient(this);
    }
  }
}
