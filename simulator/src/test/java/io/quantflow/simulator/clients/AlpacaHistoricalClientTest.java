package io.quantflow.simulator.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.alpaca.data.AlpacaDataException;
import io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient;
import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The historical REST client against the simulator: paging, empty results, retries, errors, exact values. */
class AlpacaHistoricalClientTest {
  static final List<Bar> AAPL = Sim.bars("AAPL", 7, 100);
  static final List<Bar> MSFT = Sim.bars("MSFT", 5, 200);
  static final List<Trade> TRADES = Sim.trades(6);
  static final List<Quote> QUOTES = List.of(
      new Quote("AAPL", Sim.T0 + 1_000_001, 100.0, 300, 100.2, 400, "V", "V"),
      new Quote("AAPL", Sim.T0 + 61_500_000, 101.0, 100, 101.1, 200, "K", "Q"));
  static final Instant FROM = AlpacaTime.ofMicros(Sim.T0);
  static final Instant TO = AlpacaTime.ofMicros(Sim.T0 + 60 * Sim.MINUTE);

  @TempDir static Path dir;
  static Sim sim;

  @BeforeAll
  static void start() throws Exception {
    sim = Sim.start(Sim.writeStore(dir, Stream.concat(AAPL.stream(), MSFT.stream()).toList(), TRADES, QUOTES), 0);
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
  }

  private static AlpacaHistoricalClient client(int pageLimit) {
    return AlpacaHistoricalClient.builder(sim.config()).pageLimit(pageLimit)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
  }

  @Test
  void followsPageTokensUntilNullAndReportsProgress() {
    List<AlpacaHistoricalClient.Progress> progress = new ArrayList<>();
    List<Bar> got = new ArrayList<>();
    AlpacaHistoricalClient.Progress last = client(5).bars(List.of("AAPL", "MSFT"), Timeframe.M1, FROM, TO, "raw",
        "iex", (rows, p) -> {
          got.addAll(rows);
          progress.add(p);
        });
    // 12 bars at 5 a page: 5, 5, 2
    assertThat(progress).containsExactly(new AlpacaHistoricalClient.Progress(1, 5),
        new AlpacaHistoricalClient.Progress(2, 10), new AlpacaHistoricalClient.Progress(3, 12));
    assertThat(last).isEqualTo(new AlpacaHistoricalClient.Progress(3, 12));
    assertThat(got).containsExactlyElementsOf(Stream.concat(AAPL.stream(), MSFT.stream()).toList());
  }

  @Test
  void onePageWhenTheLimitCoversAll() {
    List<AlpacaHistoricalClient.Progress> progress = new ArrayList<>();
    client(10_000).bars(List.of("MSFT"), Timeframe.M1, FROM, TO, null, null, (rows, p) -> progress.add(p));
    assertThat(progress).containsExactly(new AlpacaHistoricalClient.Progress(1, 5));
  }

  @Test
  void startAndEndAreInclusive() {
    List<Bar> got = client(100).bars(List.of("AAPL"), Timeframe.M1, AlpacaTime.ofMicros(Sim.T0 + Sim.MINUTE),
        AlpacaTime.ofMicros(Sim.T0 + 3 * Sim.MINUTE), "raw", "iex");
    assertThat(got).containsExactlyElementsOf(AAPL.subList(1, 4));
  }

  @Test
  void anEmptyRangeIsAnEmptyList() {
    assertThat(client(100).bars(List.of("AAPL", "MSFT"), Timeframe.M1, Instant.parse("2019-03-01T00:00:00Z"),
        Instant.parse("2019-03-02T00:00:00Z"), "raw", "iex")).isEmpty();
    assertThat(client(100).bars(List.of("NOPE"), Timeframe.M1, FROM, TO, "raw", "iex")).isEmpty();
  }

  @Test
  void aggregatesFiveMinuteBars() {
    List<Bar> got = client(100).bars(List.of("AAPL"), Timeframe.M5, FROM, TO, "raw", "iex");
    assertThat(got).hasSize(2);
    Bar first = got.get(0);
    assertThat(first.timeframe()).isEqualTo(Timeframe.M5);
    assertThat(first.timestampMicros()).isEqualTo(Sim.T0);
    assertThat(first.open()).isEqualTo(AAPL.get(0).open());
    assertThat(first.close()).isEqualTo(AAPL.get(4).close());
    assertThat(first.volume()).isEqualTo(AAPL.subList(0, 5).stream().mapToDouble(Bar::volume).sum());
  }

  @Test
  void tradesAndQuotesCarryExactValues() {
    assertThat(client(4).trades(List.of("AAPL"), FROM, TO, "iex")).containsExactlyElementsOf(TRADES);
    assertThat(client(1).quotes(List.of("AAPL"), FROM, TO, "iex")).containsExactlyElementsOf(QUOTES);
  }

  @Test
  void retriesRateLimitedRequests() throws Exception {
    sim.faults.http429(2);
    assertThat(client(100).bars(List.of("MSFT"), Timeframe.M1, FROM, TO, "raw", "iex"))
        .containsExactlyElementsOf(MSFT);
    assertThat(sim.faults.take429()).isFalse();
  }

  @Test
  void givesUpOnRateLimitsAfterTheAttempts() {
    sim.faults.http429(3);
    try {
      assertThatThrownBy(() -> AlpacaHistoricalClient.builder(sim.config()).maxAttempts(3)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()
          .bars(List.of("MSFT"), Timeframe.M1, FROM, TO, "raw", "iex"))
          .isInstanceOfSatisfying(AlpacaDataException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retriable()).isTrue();
          })
          .hasMessageContaining("failed with HTTP 429 after 3 attempts").hasMessageContaining("rate limit");
    } finally {
      sim.faults.clear();
    }
  }

  @Test
  void wrongKeysFailAtOnceNamingTheVariables() {
    assertThatThrownBy(() -> AlpacaHistoricalClient.create(sim.wrongSecret()).bars(List.of("AAPL"), Timeframe.M1,
        FROM, TO, "raw", "iex"))
        .isInstanceOfSatisfying(AlpacaDataException.class, e -> {
          assertThat(e.status()).isIn(401, 403);
          assertThat(e.retriable()).isFalse();
        })
        .hasMessageContaining("APCA_API_SECRET_KEY").hasMessageNotContaining("not-the-secret");
  }

  @Test
  void anInvalidParameterFailsAtOnceSayingWhichToCheck() {
    assertThatThrownBy(() -> client(100).bars(List.of("AAPL"), Timeframe.M1, FROM, TO, "bogus", "iex"))
        .isInstanceOfSatisfying(AlpacaDataException.class, e -> assertThat(e.status()).isIn(400, 422))
        .hasMessageContaining("a parameter is invalid").hasMessageContaining("adjustment");
  }
}
