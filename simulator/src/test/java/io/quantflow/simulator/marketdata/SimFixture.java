package io.quantflow.simulator.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import io.quantflow.simulator.AlpacaSimulator;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.StoreTape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A tiny store (2019-02-11, AAPL and MSFT) and a running simulator over it, for the market-data tests. */
final class SimFixture implements AutoCloseable {
  static final String KEY = "sim-key";
  static final String SECRET = "sim-secret";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** AAPL 14:30..14:35 UTC (09:30..09:35 New York); the 14:34 bar has no trade count or VWAP. */
  static final List<Bar> AAPL_BARS = List.of(
      bar("AAPL", "14:30", 100.0, 101.0, 99.5, 100.5, 1000, 10, 100.2),
      bar("AAPL", "14:31", 100.5, 102.0, 100.0, 101.5, 2000, 20, 101.0),
      bar("AAPL", "14:32", 101.5, 101.75, 100.25, 100.75, 500, 5, 101.1),
      bar("AAPL", "14:33", 100.75, 103.0, 100.5, 102.5, 1500, 15, 102.0),
      bar("AAPL", "14:34", 102.5, 102.5, 101.0, 101.25, 1000, Bar.UNKNOWN_TRADE_COUNT, Double.NaN),
      bar("AAPL", "14:35", 101.25, 101.5, 101.0, 101.5, 300, 3, 101.3));
  static final List<Bar> MSFT_BARS = List.of(
      bar("MSFT", "14:30", 105.0, 105.5, 104.5, 105.25, 700, 7, 105.1),
      bar("MSFT", "14:31", 105.25, 106.0, 105.0, 105.75, 800, 8, 105.6),
      bar("MSFT", "14:32", 105.75, 105.75, 104.0, 104.5, 900, 9, 104.9));
  static final List<Trade> AAPL_TRADES = List.of(
      new Trade("AAPL", micros("14:30:05.123456"), 100.1, 100, "V", 52983525033527L, "@,I"),
      new Trade("AAPL", micros("14:30:05.123456"), 100.15, 50, "V", 2, ""),
      new Trade("AAPL", micros("14:31:10.500"), 101.0, 200, "K", 3, "@"));
  static final List<Quote> AAPL_QUOTES = List.of(
      new Quote("AAPL", micros("14:30:01"), 100.0, 300, 100.2, 400, "V", "V"),
      new Quote("AAPL", micros("14:31:30.000001"), 101.0, 100, 101.1, 200, "K", "Q"));

  final AlpacaSimulator sim;
  final StoreTape tape;
  final Faults faults = new Faults();
  final MarketDataService marketData;

  private SimFixture(Path store, MarketDataService.Options options, StoreTape tape) throws Exception {
    SimulatorConfig config = new SimulatorConfig(0, store, 0, KEY, SECRET, 100_000, 1);
    this.tape = tape;
    this.marketData = new MarketDataService(config, tape, faults, options);
    this.sim = new AlpacaSimulator(config).addService(faults).addService(marketData)
        .addService(new HistoricalService(config, tape, faults)).start();
  }

  /** Writes the tiny store under {@code dir} and returns its root. */
  static Path writeStore(Path dir) {
    Path root = dir.resolve("store");
    BarStore.at(root).write(AAPL_BARS);
    BarStore.at(root).write(MSFT_BARS);
    TickStore.at(root).writeTrades(AAPL_TRADES);
    TickStore.at(root).writeQuotes(AAPL_QUOTES);
    return root;
  }

  static SimFixture start(Path store, MarketDataService.Options options) throws Exception {
    return new SimFixture(store, options, StoreTape.of(store, 0));
  }

  static SimFixture start(Path store, MarketDataService.Options options, StoreTape tape) throws Exception {
    return new SimFixture(store, options, tape);
  }

  static long micros(String hhmmss) {
    Instant i = Instant.parse("2019-02-11T" + hhmmss + (hhmmss.length() == 5 ? ":00Z" : "Z"));
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  static Bar bar(String symbol, String hhmm, double o, double h, double l, double c, double v, long n, double vw) {
    return new Bar(symbol, Timeframe.M1, micros(hhmm), o, h, l, c, v, n, vw);
  }

  /** Opens {@code /v2/<feed>}. */
  Client connect(String feed) throws Exception {
    Client c = new Client();
    HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(sim.streamUri() + "/v2/" + feed), c).get(5, TimeUnit.SECONDS);
    return c;
  }

  /** Opens {@code /v2/<feed>}, checks the welcome and authenticates. */
  Client authenticated(String feed) throws Exception {
    Client c = connect(feed);
    assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"connected\"}]");
    c.send("{\"action\":\"auth\",\"key\":\"" + KEY + "\",\"secret\":\"" + SECRET + "\"}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
    return c;
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + pathAndQuery))
        .header("APCA-API-KEY-ID", KEY).header("APCA-API-SECRET-KEY", SECRET).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postFaults(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/sim/faults"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Override
  public void close() throws Exception {
    tape.close();
    sim.close();
  }

  /** A WebSocket client that collects whole text frames. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete("close " + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
    }

    void send(String text) throws Exception {
      ws.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** The next frame, failing after 5 s. */
    String next() throws Exception {
      String f = frames.poll(5, TimeUnit.SECONDS);
      assertThat(f).as("a frame within 5 s").isNotNull();
      return f;
    }

    /** No frame within {@code millis}. */
    void assertQuiet(long millis) throws Exception {
      assertThat(frames.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    }

    void abort() {
      if (ws != null) {
        ws.abort();
      }
    }
  }
}
