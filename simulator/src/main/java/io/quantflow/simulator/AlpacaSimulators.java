package io.quantflow.simulator;

import io.quantflow.simulator.marketdata.HistoricalService;
import io.quantflow.simulator.marketdata.MarketDataService;
import java.util.ArrayList;
import java.util.List;

/** Assembles the simulator's services, so that the command line and tests mount the same set. */
public final class AlpacaSimulators {
  private AlpacaSimulators() {}

  /**
   * Every service of the full simulator over {@code tape}, in mounting order: the fault plan ({@code /sim/faults}),
   * the market-data stream ({@code /v2/{feed}}), the historical API ({@code /v2/stocks/...}) and the trading API.
   */
  public static List<SimulatorService> standard(SimulatorConfig config, StoreTape tape, Faults faults) {
    List<SimulatorService> services = new ArrayList<>();
    services.add(faults);
    services.add(new MarketDataService(config, tape, faults, MarketDataService.Options.defaults()));
    services.add(new HistoricalService(config, tape, faults));
    // TODO(integrator): wire the trading engine here, e.g.
    // services.add(new io.quantflow.simulator.trading.TradingService(config, tape, faults));
    return services;
  }

  /** A started simulator with {@link #standard} services (the tape is not started: call {@code tape.start()}). */
  public static AlpacaSimulator start(SimulatorConfig config, StoreTape tape, Faults faults) throws Exception {
    AlpacaSimulator sim = new AlpacaSimulator(config);
    for (SimulatorService s : standard(config, tape, faults)) {
      sim.addService(s);
    }
    return sim.start();
  }
}
