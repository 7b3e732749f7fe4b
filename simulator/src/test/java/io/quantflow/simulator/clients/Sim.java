package io.quantflow.simulator.clients;

import io.quantflow.connectors.alpaca.AlpacaConfig;
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
import io.quantflow.simulator.marketdata.HistoricalService;
import io.quantflow.simulator.marketdata.MarketDataService;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A running simulator over a small generated store, for tests that drive the Alpaca clients against it. */
final class Sim implements AutoCloseable {
  static final String KEY = "sim-key";
  static final String SECRET = "sim-secret";
  /** 2019-02-11T14:30:00Z (09:30 New York), UTC epoch micros. */
  static final long T0 = 1_549_895_400_000_000L;
  static final long MINUTE = 60_000_000L;

  final AlpacaSimulator sim;
  final StoreTape tape;
  final Faults faults = new Faults();
  final MarketDataService marketData;

  private Sim(Path store, double speed, MarketDataService.Options options) throws Exception {
    SimulatorConfig config = new SimulatorConfig(0, store, speed, KEY, SECRET, 100_000, 1);
    this.tape = StoreTape.of(store, speed);
    this.marketData = new MarketDataService(config, tape, faults, options);
    this.sim = new AlpacaSimulator(config).addService(faults).addService(marketData)
        .addService(new HistoricalService(config, tape, faults)).start();
  }

  /** A simulator over {@code store} replaying at {@code speed} (the tape is not started). */
  static Sim start(Path store, double speed) throws Exception {
    return new Sim(store, speed, MarketDataService.Options.defaults());
  }

  /** A simulator with other stream options. */
  static Sim start(Path store, double speed, MarketDataService.Options options) throws Exception {
    return new Sim(store, speed, options);
  }

  /** The client configuration of this simulator with the right keys. */
  AlpacaConfig config() {
    return AlpacaConfig.simulator(sim.baseUri(), KEY, SECRET);
  }

  /** The same with a wrong secret. */
  AlpacaConfig wrongSecret() {
    return AlpacaConfig.simulator(sim.baseUri(), KEY, "not-the-secret");
  }

  URI base() {
    return sim.baseUri();
  }

  /** {@code n} one-minute bars of {@code symbol} from 14:30, prices around {@code base}, each one distinct. */
  static List<Bar> bars(String symbol, int n, double base) {
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double o = base + i * 0.25;
      double c = o + (i % 2 == 0 ? 0.5 : -0.25);
      out.add(new Bar(symbol, Timeframe.M1, T0 + i * MINUTE, o, Math.max(o, c) + 0.125, Math.min(o, c) - 0.125, c,
          1000 + 10 * i, 10 + i, (o + c) / 2));
    }
    return out;
  }

  /** Trades of AAPL, one every 20 s from 14:30:05, id 1000 + i; the first has an id above 2^31. */
  static List<Trade> trades(int n) {
    List<Trade> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Trade("AAPL", T0 + 5_000_000L + i * 20_000_000L + 123, 100 + i * 0.01, 10 + i, "V",
          i == 0 ? 52983525033527L : 1000 + i, i % 2 == 0 ? "@,I" : "@"));
    }
    return out;
  }

  /** Writes bars (and optionally AAPL trades and quotes) under {@code dir}; returns the store root. */
  static Path writeStore(Path dir, List<Bar> bars, List<Trade> trades, List<Quote> quotes) {
    Path root = dir.resolve("store");
    BarStore.at(root).write(bars);
    if (!trades.isEmpty()) {
      TickStore.at(root).writeTrades(trades);
    }
    if (!quotes.isEmpty()) {
      TickStore.at(root).writeQuotes(quotes);
    }
    return root;
  }

  @Override
  public void close() throws Exception {
    tape.close();
    sim.close();
  }
}
