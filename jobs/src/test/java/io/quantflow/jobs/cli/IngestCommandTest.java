package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.simulator.AlpacaSimulator;
import io.quantflow.simulator.AlpacaSimulators;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.StoreTape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quant ingest alpaca} against the Alpaca simulator: download, progress line, resume, user errors. */
class IngestCommandTest {
  /** 2019-02-11T14:30:00Z. */
  static final long T0 = 1_549_895_400_000_000L;
  static final List<Bar> BARS = new ArrayList<>();

  @TempDir static Path dir;
  static AlpacaSimulator sim;
  static StoreTape tape;
  @TempDir Path out;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @BeforeAll
  static void start() throws Exception {
    for (String symbol : List.of("AAPL", "MSFT")) {
      for (int i = 0; i < 12; i++) {
        double p = 100 + i;
        BARS.add(new Bar(symbol, Timeframe.M1, T0 + i * 60_000_000L, p, p + 1, p - 1, p + 0.5, 100 + i, 5, p));
      }
    }
    Path store = dir.resolve("store");
    BarStore.at(store).write(BARS);
    SimulatorConfig config = new SimulatorConfig(0, store, 0, "k", "s3cr3t", 100_000, 1);
    tape = StoreTape.of(store, 0);
    sim = AlpacaSimulators.start(config, tape, new Faults());
  }

  @AfterAll
  static void stop() throws Exception {
    tape.close();
    sim.close();
  }

  private int ingest(Map<String, String> env, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K k = CommandLine.defaultFactory().create(cls);
        if (k instanceof IngestCommand.Alpaca a) {
          a.env = env;
        }
        return k;
      }
    };
    List<String> all = new ArrayList<>(List.of("ingest", "alpaca"));
    all.addAll(List.of(args));
    return new CommandLine(new QuantCli(), factory).execute(all.toArray(String[]::new));
  }

  private static Map<String, String> env() {
    return Map.of("APCA_API_KEY_ID", "k", "APCA_API_SECRET_KEY", "s3cr3t", "APCA_API_DATA_URL",
        sim.baseUri().toString());
  }

  @Test
  void downloadsIntoTheStoreWithAProgressLineAndResumes() {
    String[] args = {"--symbols", "AAPL,msft", "--start", "2019-02-11", "--end", "2019-02-11", "--page-limit", "5",
        "--output", out.toString()};
    assertThat(ingest(env(), args)).isZero();
    assertThat(BarStore.at(out).read(Timeframe.M1)).containsExactlyElementsOf(BARS);
    assertThat(console.err()).contains("\rsymbols 0/2 (AAPL)  pages 1  rows 5")
        .contains("\rsymbols 2/2 (MSFT)  pages 6  rows 24");
    assertThat(console.out()).contains("Ingested 24 1m bars of 2 symbols (6 pages) into " + out);
    console.resetOut();
    console.resetErr();
    assertThat(ingest(env(), args)).isZero();
    assertThat(console.err()).contains("note: AAPL resumed after its stored bars, from 2019-02-11T14:42:00Z");
    assertThat(console.out()).contains("Ingested 0 1m bars of 2 symbols");
    assertThat(BarStore.at(out).read(Timeframe.M1)).hasSize(24);
  }

  @Test
  void missingKeysSayWhichVariablesToSet() {
    assertThat(ingest(Map.of(), "--symbols", "AAPL", "--start", "2019-02-11", "--end", "2019-02-11", "--output",
        out.toString())).isNotZero();
    assertThat(console.err()).contains("export APCA_API_KEY_ID and APCA_API_SECRET_KEY");
  }

  @Test
  void badDatesAndOptionsAreUserErrors() {
    assertThat(QuantCli.execute("ingest", "alpaca", "--symbols", "AAPL", "--start", "2019-02-12", "--end",
        "2019-02-11", "--output", out.toString())).isEqualTo(1);
    assertThat(console.err()).contains("error: --end 2019-02-11 is before --start 2019-02-12");
    assertThat(QuantCli.execute("ingest", "alpaca", "--symbols", "AAPL", "--start", "11/02/2019", "--end",
        "2019-02-11", "--output", out.toString())).isEqualTo(1);
    assertThat(console.err()).contains("error: --start 11/02/2019 is neither a date (YYYY-MM-DD) nor an RFC-3339");
    assertThat(QuantCli.execute("ingest", "alpaca", "--symbols", "AAPL", "--start", "2019-02-11", "--end",
        "2019-02-11", "--timeframe", "1s", "--output", out.toString())).isEqualTo(1);
    assertThat(console.err()).contains("Alpaca serves no 1s bars");
    assertThat(QuantCli.execute("ingest")).isEqualTo(1);
    assertThat(console.err()).contains("Name a provider: quant ingest alpaca");
  }

  @Test
  void wrongKeysAreAUserErrorNamingTheVariables() {
    Map<String, String> env = Map.of("APCA_API_KEY_ID", "k", "APCA_API_SECRET_KEY", "zz-bad-secret", "APCA_API_DATA_URL",
        sim.baseUri().toString());
    assertThat(ingest(env, "--symbols", "AAPL", "--start", "2019-02-11", "--end", "2019-02-11", "--output",
        out.toString())).isNotZero();
    assertThat(console.err()).contains("APCA_API_SECRET_KEY").contains("re-run to resume").doesNotContain("zz-bad-secret");
  }
}
