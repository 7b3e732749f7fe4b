package io.quantflow.simulator.marketdata;

import static io.quantflow.simulator.marketdata.SimFixture.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.simulator.StoreTape;
import io.quantflow.simulator.TapeEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store replay: publication order, what it answers, the history it offers. */
class StoreTapeTest {
  @TempDir Path dir;

  private static String describe(TapeEvent e) {
    return e.getClass().getSimpleName() + " " + StoreTape.symbolOf(e) + " " + AlpacaWire.timestamp(e.publishedAtMicros());
  }

  @Test
  void publishesByTimeThenSymbolThenKindAndRemembersTheLatest() throws Exception {
    Path store = SimFixture.writeStore(dir);
    StoreTape tape = StoreTape.builder(store).speed(0).halt("MSFT", micros("14:31"), micros("14:33")).build();
    List<String> seen = new CopyOnWriteArrayList<>();
    tape.addListener(e -> seen.add(describe(e)));
    assertThat(tape.nowMicros()).isEqualTo(micros("14:30:01") - 1);
    assertThat(tape.latestBar("AAPL")).isEmpty();
    tape.start();
    assertThat(tape.awaitFinished(5000)).isTrue();
    assertThat(seen.subList(0, 7)).containsExactly(
        "QuoteEvent AAPL 2019-02-11T14:30:01Z",
        "TradeEvent AAPL 2019-02-11T14:30:05.123456Z",
        "TradeEvent AAPL 2019-02-11T14:30:05.123456Z",
        "BarEvent AAPL 2019-02-11T14:31:00Z",
        "StatusEvent MSFT 2019-02-11T14:31:00Z",
        "BarEvent MSFT 2019-02-11T14:31:00Z",
        "TradeEvent AAPL 2019-02-11T14:31:10.5Z");
    assertThat(seen).hasSize(6 + 3 + 3 + 2 + 2);
    assertThat(tape.eventsPublished()).isEqualTo(16);
    assertThat(seen).isEqualTo(tape.events().stream().map(StoreTapeTest::describe).toList());
    assertThat(tape.latestBar("MSFT").orElseThrow()).isEqualTo(SimFixture.MSFT_BARS.get(2));
    assertThat(tape.latestQuote("AAPL").orElseThrow()).isEqualTo(SimFixture.AAPL_QUOTES.get(1));
    assertThat(tape.halted("MSFT")).isFalse();
    assertThat(tape.historySymbols()).containsExactly("AAPL", "MSFT");
    assertThat(tape.minuteBars("AAPL")).isEqualTo(SimFixture.AAPL_BARS);
    assertThat(tape.trades("AAPL")).isEqualTo(SimFixture.AAPL_TRADES);
    assertThat(tape.trades("MSFT")).isEmpty();
  }
}
