package io.quantflow.jobs.backtest;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.domain.Timeframe;
import java.util.List;
import java.util.stream.Collectors;

/** Checks that a store holds what a job needs, with messages that say how to fix it. */
public final class Inputs {
  private Inputs() {}

  /** Checks the store holds the configured input: bars of the base timeframe, or ticks. */
  public static void require(BarStore store, JobConfig config) {
    if (config.fromTicks()) {
      if (!TickStore.at(store.root()).hasTicks()) {
        throw new IllegalArgumentException("Store " + store.root() + " holds no ticks (trades/, quotes/ or events/); "
            + "set 'input: bars' or pass a --data store with ticks");
      }
      return;
    }
    requireTimeframe(store, config.timeframe());
    List<String> present = store.symbols(config.timeframe());
    for (String hedge : config.portfolio().hedge().instruments()) {
      if (!present.contains(hedge)) {
        throw new IllegalArgumentException("portfolio.hedge.instruments names " + hedge + ", but the store "
            + store.root() + " has no " + config.timeframe().label() + " bars of it (it has " + present
            + "); import its bars or hedge with one of these");
      }
    }
    for (String index : config.portfolio().risk().stressIndices()) {
      if (!present.contains(index)) {
        throw new IllegalArgumentException("portfolio.risk.stress has an index shock of " + index + ", but the store "
            + store.root() + " has no " + config.timeframe().label() + " bars of it (it has " + present
            + "), so its betas could not be estimated; import its bars or shock one of these");
      }
    }
  }

  /** The number of symbols of the configured input. */
  static int symbols(BarStore store, JobConfig config) {
    if (!config.fromTicks()) {
      return store.symbols(config.timeframe()).size();
    }
    java.util.Set<String> symbols = new java.util.TreeSet<>();
    for (String kind : List.of(TickStore.TRADES, TickStore.EVENTS)) {
      for (java.nio.file.Path f : TickStore.at(store.root()).files(kind)) {
        String dir = f.getParent().getFileName().toString();
        symbols.add(dir.substring(dir.indexOf('=') + 1));
      }
    }
    return symbols.size();
  }

  static void requireTimeframe(BarStore store, Timeframe timeframe) {
    List<Timeframe> present = store.timeframes();
    if (present.isEmpty()) {
      throw new IllegalArgumentException("Store " + store.root() + " holds no bars; fill it with 'quant import csv' "
          + "or 'quant generate', or pass another --data");
    }
    if (!present.contains(timeframe)) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + timeframe.label() + " bars (it has "
          + present.stream().map(Timeframe::label).collect(Collectors.joining(", "))
          + "); set 'timeframe' in the --config file to one of these");
    }
  }
}
