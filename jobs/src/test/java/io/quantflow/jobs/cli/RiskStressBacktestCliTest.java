package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.connectors.parquet.RowReader;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.testing.SampleBars;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.TestStores;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant risk stress --positions} on a real {@code BacktestJob} run folder of the bundled sample (AAPL, BAC,
 * JPM, MSFT: all in the bundled daily crisis panel, so every beta is estimated there).
 */
class RiskStressBacktestCliTest {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  @TempDir Path dir;

  @BeforeEach
  void home() {
    System.setProperty("quant.home", SampleBars.repoRoot().toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("quant.home");
  }

  @Test
  void theBookIsTheRunsLastSnapshot() throws Exception {
    List<String> symbols = List.of("AAPL", "BAC", "JPM", "MSFT");
    BarStore store = TestStores.sample(dir.resolve("store"), b -> symbols.contains(b.symbol()));
    BacktestJob.Result run = BacktestJob.run(JobConfig.defaults(), store, dir.resolve("run"), Progress.NONE);

    // the last snapshot, read independently of the command: timestamp, symbol, market value
    record Row(long t, String symbol, double value) {}
    List<Row> rows = RowReader.of(g -> new Row(g.getLong("timestamp", 0), g.getString("symbol", 0),
        g.getDouble("market_value", 0))).read(run.outputDir().resolve("positions.parquet"));
    long latest = rows.stream().mapToLong(Row::t).max().orElseThrow();
    List<Row> last = rows.stream().filter(r -> r.t() == latest).toList();
    assertThat(last).isNotEmpty();
    assertThat(rows).anyMatch(r -> r.t() < latest); // earlier days are there and left out
    EquityPoint at = run.equity().stream().filter(p -> p.timestampMicros() == latest).findFirst().orElseThrow();

    assertThat(QuantCli.execute("risk", "stress", "--positions", run.outputDir().toString())).as(console.err())
        .isZero();
    JsonNode out = ConfigLoader.json().readTree(console.out());
    JsonNode source = out.get("positionsSource");
    assertThat(source.get("positions").asInt()).isEqualTo(last.size());
    assertThat(Instant.parse(source.get("timestamp").asText()))
        .isEqualTo(Instant.ofEpochSecond(latest / 1_000_000, latest % 1_000_000 * 1000));
    assertThat(out.get("equity").asDouble()).isEqualTo(at.equity());
    // the positions are the snapshot's market values: they add up to that valuation's long and short values
    assertThat(out.get("netExposure").asDouble()).isCloseTo(at.longValue() + at.shortValue(),
        within(1e-9 * at.equity()));
    JsonNode index = null;
    for (JsonNode s : out.get("scenarios")) {
      if (s.get("name").asText().equals("index -10.00%")) {
        index = s;
      }
    }
    assertThat(index).as("the default index shock").isNotNull();
    double pnl = 0;
    for (Row r : last) {
      pnl -= r.value() * out.get("betas").get(r.symbol()).asDouble() * 0.10;
    }
    assertThat(index.get("pnl").asDouble()).isCloseTo(pnl, within(1e-9));
    assertThat(out.get("estimatedBetas")).hasSize(last.size());
  }
}
