package io.quantflow.simulator.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient;
import io.quantflow.connectors.alpaca.data.AlpacaIngest;
import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental ingest against the simulator: paging into the store, interruption, resume without duplicates. */
class AlpacaIngestTest {
  static final List<Bar> AAPL = Sim.bars("AAPL", 23, 100);
  static final List<Bar> MSFT = Sim.bars("MSFT", 11, 200);
  static final Instant FROM = AlpacaTime.ofMicros(Sim.T0);
  static final Instant TO = AlpacaTime.ofMicros(Sim.T0 + 120 * Sim.MINUTE);

  @TempDir static Path dir;
  static Sim sim;

  @BeforeAll
  static void start() throws Exception {
    sim = Sim.start(Sim.writeStore(dir, Stream.concat(AAPL.stream(), MSFT.stream()).toList(), List.of(), List.of()),
        0);
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
  }

  private static AlpacaIngest ingest(Path out, int pageLimit) {
    return new AlpacaIngest(AlpacaHistoricalClient.builder(sim.config()).pageLimit(pageLimit).build(),
        BarStore.at(out));
  }

  private static AlpacaIngest.Request request() {
    return new AlpacaIngest.Request(List.of("AAPL", "MSFT"), Timeframe.M1, FROM, TO, "raw", "iex");
  }

  @Test
  void writesEveryPageIntoTheStore(@TempDir Path out) {
    List<AlpacaIngest.Progress> progress = new ArrayList<>();
    AlpacaIngest.Report r = ingest(out, 5).run(request(), progress::add);
    // AAPL 23 bars: 5 pages; MSFT 11 bars: 3 pages
    assertThat(r.pages()).isEqualTo(8);
    assertThat(r.rows()).isEqualTo(34);
    assertThat(r.resumedFrom()).isEqualTo(Map.of("AAPL", Sim.T0, "MSFT", Sim.T0));
    assertThat(BarStore.at(out).read(Timeframe.M1)).containsExactlyElementsOf(Stream.concat(AAPL.stream(),
        MSFT.stream()).toList());
    assertThat(progress.get(0)).isEqualTo(new AlpacaIngest.Progress(0, 2, "AAPL", 1, 5));
    assertThat(progress.get(progress.size() - 1)).isEqualTo(new AlpacaIngest.Progress(2, 2, "MSFT", 8, 34));
    assertThat(progress.get(progress.size() - 1).line()).isEqualTo("symbols 2/2 (MSFT)  pages 8  rows 34");
    assertThat(BarStore.at(out).fileFor("AAPL", Timeframe.M1, Sim.T0).getFileName().toString())
        .isEqualTo("2019-02.parquet");
  }

  @Test
  void resumesAfterAnInterruptionWithoutDuplicates(@TempDir Path out) {
    // stop after the second page of AAPL (10 bars written)
    assertThatThrownBy(() -> ingest(out, 5).run(request(), p -> {
      if (p.pages() == 2) {
        throw new IllegalStateException("interrupted");
      }
    })).hasMessage("interrupted");
    assertThat(BarStore.at(out).read(Timeframe.M1)).containsExactlyElementsOf(AAPL.subList(0, 10));

    AlpacaIngest.Report r = ingest(out, 5).run(request(), null);
    assertThat(r.resumedFrom()).isEqualTo(Map.of("AAPL", Sim.T0 + 10 * Sim.MINUTE, "MSFT", Sim.T0));
    assertThat(r.rows()).isEqualTo(13 + 11);
    assertThat(BarStore.at(out).read(Timeframe.M1)).containsExactlyElementsOf(Stream.concat(AAPL.stream(),
        MSFT.stream()).toList());

    AlpacaIngest.Report again = ingest(out, 5).run(request(), null);
    assertThat(again.upToDate()).isEmpty(); // the end is past the last bar: each symbol is asked once more
    assertThat(again.rows()).isZero();
    assertThat(BarStore.at(out).read(Timeframe.M1)).hasSize(34);
  }

  @Test
  void aSymbolWhoseStoredBarsReachTheEndIsSkipped(@TempDir Path out) {
    AlpacaIngest.Request upTo = new AlpacaIngest.Request(List.of("MSFT"), Timeframe.M1, FROM,
        AlpacaTime.ofMicros(Sim.T0 + 10 * Sim.MINUTE), null, null);
    ingest(out, 100).run(upTo, null);
    AlpacaIngest.Report r = ingest(out, 100).run(upTo, null);
    assertThat(r.upToDate()).containsExactly("MSFT");
    assertThat(r.pages()).isZero();
    assertThat(ingest(out, 100).lastStoredMicros("MSFT", Timeframe.M1)).hasValue(Sim.T0 + 10 * Sim.MINUTE);
  }
}
