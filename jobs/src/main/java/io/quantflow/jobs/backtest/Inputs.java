package io.quantflow.jobs.backtest;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Timeframe;
import java.util.List;
import java.util.stream.Collectors;

/** Checks that a store holds what a job needs, with messages that say how to fix it. */
final class Inputs {
  private Inputs() {}

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
