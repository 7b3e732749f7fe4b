package io.quantflow.simulator.marketdata;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;
import java.util.List;
import java.util.SortedSet;

/**
 * The whole stored history the historical API serves: every stored row, not only the part the tape has published,
 * so that a client can download the entire store. Lists are sorted by time (ties in store order) and immutable.
 */
public interface MarketHistory {
  /** Every symbol with bars, trades or quotes, sorted. */
  SortedSet<String> historySymbols();

  /** The stored one-minute bars of {@code symbol}, by time; empty when none. */
  List<Bar> minuteBars(String symbol);

  /** The stored trades of {@code symbol}, by time; empty when none. */
  List<Trade> trades(String symbol);

  /** The stored quotes of {@code symbol}, by time; empty when none. */
  List<Quote> quotes(String symbol);
}
