package io.quantflow.simulator.trading;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.trading.AlpacaTradingClient;
import io.quantflow.connectors.alpaca.trading.TradeUpdate;
import io.quantflow.connectors.alpaca.trading.TradeUpdatesClient;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.simulator.AlpacaSimulator;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.TapeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A running simulator with the trading service over a {@link TestTape}, plus the real clients pointed at it. */
final class SimHarness implements AutoCloseable {
  static final String KEY = "test-key";
  static final String SECRET = "test-secret-value";
  /** 2024-03-01 (a Friday) 10:00 New York (15:00Z): inside the regular session. */
  static final long T0 = Instant.parse("2024-03-01T15:00:00Z").getEpochSecond() * 1_000_000L;

  final TestTape tape;
  final AlpacaSimulator sim;
  final TradingService service;
  final AlpacaConfig config;
  final AlpacaTradingClient client;
  final BlockingQueue<TradeUpdate> updates = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private TradeUpdatesClient stream;

  SimHarness(long seed, TradingService.Options options, BooleanSupplier take429) throws Exception {
    tape = new TestTape(T0, "AAPL", "MSFT");
    SimulatorConfig sc = new SimulatorConfig(0, Path.of("."), 0, KEY, SECRET, 100_000, seed);
    service = new TradingService(sc, tape, take429, options);
    sim = new AlpacaSimulator(sc).addService(service).start();
    config = AlpacaConfig.simulator(sim.baseUri(), KEY, SECRET);
    client = AlpacaTradingClient.builder(config).initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(100)).build();
  }

  /** A harness without partial fills, faults or shorting restrictions. */
  static SimHarness plain() throws Exception {
    return new SimHarness(42, TradingService.Options.defaults().withPartialFillProbability(0), () -> false);
  }

  /** Connects the trade-updates client; updates land in {@link #updates}. */
  SimHarness listen() {
    // a stalled handshake fails after 5 s and start() tries again
    stream = TradeUpdatesClient.builder(config).listener(updates::add).handshakeTimeout(Duration.ofSeconds(5))
        .build();
    stream.start();
    return this;
  }

  /** The next update, failing after 5 s. */
  TradeUpdate next() throws InterruptedException {
    TradeUpdate u = updates.poll(5, TimeUnit.SECONDS);
    if (u == null) {
      throw new AssertionError("no trade update within 5 s");
    }
    return u;
  }

  /** Updates until (and including) the first with {@code event} for order {@code orderId}. */
  List<TradeUpdate> until(String orderId, String event) throws InterruptedException {
    List<TradeUpdate> out = new ArrayList<>();
    while (true) {
      TradeUpdate u = next();
      if (u.order().id().equals(orderId)) {
        out.add(u);
        if (u.event().equals(event)) {
          return out;
        }
      }
    }
  }

  void quote(String symbol, long atMicros, double bid, double ask) {
    tape.publish(new TapeEvent.QuoteEvent(new Quote(symbol, atMicros, bid, 100, ask, 100, "V", "V")));
  }

  void bar(String symbol, long startMicros, double o, double h, double l, double c) {
    tape.publish(new TapeEvent.BarEvent(Bar.of(symbol, Timeframe.M1, startMicros, o, h, l, c, 1000)));
  }

  /** A raw request with the right keys unless {@code key} says otherwise. */
  HttpResponse<String> raw(String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
        .header("APCA-API-KEY-ID", key).header("APCA-API-SECRET-KEY", SECRET)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> raw(String method, String path, String body) throws Exception {
    return raw(method, path, body, KEY);
  }

  @Override
  public void close() throws Exception {
    if (stream != null) {
      stream.close();
    }
    sim.close();
  }
}
