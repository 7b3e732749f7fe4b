package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.simulator.AlpacaSimulator;
import io.quantflow.simulator.AlpacaSimulators;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.StoreTape;
import io.quantflow.simulator.marketdata.AlpacaWire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant alpaca-sim}: the local Alpaca simulator over a store, until Ctrl-C. */
@Command(name = "alpaca-sim", mixinStandardHelpOptions = true,
    description = {"Runs a local Alpaca on one port: the market-data WebSocket (/v2/iex, /v2/sip, ...), the "
        + "historical API (/v2/stocks/...), the trading API (/v2/account, /v2/orders, ...; a paper account of "
        + "$100,000 filled against the replayed market), the trade_updates stream (/stream) and the fault plan "
        + "(POST /sim/faults), replaying a store in simulated time, until Ctrl-C.",
        "Accepted keys: APCA_API_KEY_ID / APCA_API_SECRET_KEY of this environment, else sim-key / sim-secret. "
        + "Protocol: docs/alpaca-protocol.md."})
final class AlpacaSimCommand implements Callable<Integer> {
  /** The key id accepted when APCA_API_KEY_ID is unset. */
  static final String DEMO_KEY = "sim-key";
  /** The secret accepted when APCA_API_SECRET_KEY is unset. */
  static final String DEMO_SECRET = "sim-secret";

  @Option(names = "--data", paramLabel = "STORE",
      description = "The store to replay (its 1m bars, and trades and quotes when it has them). Default: the bundled "
          + "real sample (data/sample/store).")
  Path data;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8484",
      description = "TCP port on localhost (0 picks a free one). Default: 8484.")
  int port;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
      description = "Simulated seconds per wall-clock second (60: a minute per second); 0 replays as fast as "
          + "possible. Default: 60.")
  double speed;

  @Mixin Options.Seed seed;

  @Override
  public Integer call() throws Exception {
    Path root = data == null ? QuantHome.sampleStore() : data.toAbsolutePath().normalize();
    if (!BarStore.isStore(root) && !Files.isDirectory(root.resolve("trades"))) {
      throw new UserError(data == null
          ? "The bundled sample store " + root + " is missing; run from the repository root (or set QUANT_HOME to "
              + "it), or pass --data"
          : "--data " + root + " is not a store (no bars/ or trades/ folder); pass a folder written by "
              + "'quant import csv' or 'quant generate'");
    }
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be 0..65535 but was " + port);
    }
    Map<String, String> env = System.getenv();
    String key = nonBlank(env.get("APCA_API_KEY_ID"), DEMO_KEY);
    String secret = nonBlank(env.get("APCA_API_SECRET_KEY"), DEMO_SECRET);
    SimulatorConfig config = new SimulatorConfig(port, root, speed, key, secret, 100_000,
        seed.seed == null ? 1L : seed.seed);
    StoreTape tape = StoreTape.of(root, speed);
    Faults faults = new Faults();
    AlpacaSimulator sim;
    try {
      sim = AlpacaSimulators.start(config, tape, faults);
    } catch (java.io.IOException e) {
      throw new UserError("Could not listen on port " + port + " (" + e.getMessage() + "); pass another --port, "
          + "or 0 for a free one");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tape.close();
        sim.close();
      } catch (Exception e) {
        System.err.println("Stopping the simulator failed: " + e);
      } finally {
        stopped.countDown();
      }
    }, "alpaca-sim-stop"));
    System.out.printf(Locale.ROOT, "Alpaca simulator on %s replaying %s (%d symbols, %,d events, speed %s)%n",
        sim.baseUri(), root, tape.symbols().size(), tape.events().size(),
        speed <= 0 ? "as fast as possible" : speed + "x");
    System.out.println("Accepted key id: " + key + (key.equals(DEMO_KEY) ? " (demo keys: set APCA_API_KEY_ID and "
        + "APCA_API_SECRET_KEY to choose your own)" : " (from APCA_API_KEY_ID)"));
    System.out.println("Point clients at it:");
    System.out.println("  export APCA_API_BASE_URL=" + sim.baseUri());
    System.out.println("  export APCA_API_DATA_URL=" + sim.baseUri());
    System.out.println("  export APCA_API_STREAM_URL=" + sim.streamUri());
    if (key.equals(DEMO_KEY)) {
      System.out.println("  export APCA_API_KEY_ID=" + DEMO_KEY + "   (and APCA_API_SECRET_KEY: the demo secret in "
          + "'quant alpaca-sim --help')");
    }
    System.out.println("Faults: curl -X POST " + sim.baseUri() + "/sim/faults -d '{\"disconnect\":true}'   "
        + "(see the Faults class for the keys). Ctrl-C stops.");
    System.out.flush();
    tape.start();
    boolean announcedEnd = false;
    while (!stopped.await(5, TimeUnit.SECONDS)) {
      String clock = AlpacaWire.timestamp(Math.max(tape.nowMicros(), tape.events().get(0).publishedAtMicros()));
      System.err.printf(Locale.ROOT, "sim clock %s, %,d of %,d events published%n", clock, tape.eventsPublished(),
          tape.events().size());
      if (tape.finished() && !announcedEnd) {
        announcedEnd = true;
        System.err.println("Replay finished; the historical API still serves the whole store. Ctrl-C stops.");
      }
    }
    return 0;
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
