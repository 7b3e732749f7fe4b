package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.Tables;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.PositionSnapshot;
import io.quantflow.domain.testing.SampleBars;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant risk stress --positions} through picocli on positions and equity tables written with the backtest's
 * own writer ({@link RunOutputs#table}, {@link Tables#POSITIONS}, {@link Tables#EQUITY}).
 */
class RiskStressPositionsCliTest {
  // two New York days' last valuations (16:00 EST = 21:00 UTC)
  private static final Instant DAY1 = Instant.parse("2019-01-02T21:00:00Z");
  private static final Instant DAY2 = Instant.parse("2019-01-03T21:00:00Z");
  private static final double EQUITY = 123_456.5;

  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @BeforeEach
  void home() {
    System.setProperty("quant.home", SampleBars.repoRoot().toString()); // for data/sample/daily
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("quant.home");
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static PositionSnapshot row(Instant t, String symbol, double shares, double price, double equity) {
    double mv = shares * price;
    return new PositionSnapshot(micros(t), symbol, shares, price, mv, mv / equity);
  }

  /** A run folder: day 1 holds MSFT only, day 2 (the latest) AAPL, JPM and a short XOM. */
  private Path run(boolean withEquity) {
    Path run = dir.resolve(withEquity ? "run" : "run-no-equity");
    List<PositionSnapshot> rows = List.of(
        row(DAY1, "MSFT", 100, 101.5, 100_000),
        row(DAY2, "AAPL", 300, 157.25, EQUITY),
        row(DAY2, "JPM", 250, 99.5, EQUITY),
        row(DAY2, "XOM", -120, 68.75, EQUITY));
    RunOutputs.table(run, "positions", Tables.POSITIONS, rows);
    if (withEquity) {
      RunOutputs.table(run, "equity", Tables.EQUITY, List.of(
          new EquityPoint(micros(DAY1), 89_850, 10_150, 0, 100_000),
          new EquityPoint(micros(DAY2), 0, 0, 0, EQUITY)));
    }
    return run;
  }

  private JsonNode stress(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("risk", "stress"));
    all.addAll(List.of(args));
    assertThat(QuantCli.execute(all.toArray(String[]::new))).as(console.err()).isZero();
    return ConfigLoader.json().readTree(console.out());
  }

  private static JsonNode scenario(JsonNode out, String name) {
    for (JsonNode s : out.get("scenarios")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no scenario " + name + " in " + out);
  }

  @Test
  void theBookIsTheLatestDayAndTheIndexShockIsBetaWeighted() throws Exception {
    Path run = run(true);
    Path input = Files.writeString(dir.resolve("betas.json"), "{\"betas\": {\"AAPL\": 1.2, \"JPM\": 0.9, \"XOM\": "
        + "0.7}}");
    JsonNode out = stress("--positions", run.toString(), "--input", input.toString());

    JsonNode source = out.get("positionsSource");
    assertThat(source.get("path").asText()).isEqualTo(run.toAbsolutePath().normalize().toString());
    assertThat(source.get("timestamp").asText()).isEqualTo("2019-01-03T21:00:00Z");
    assertThat(source.get("date").asText()).isEqualTo("2019-01-03");
    assertThat(source.get("positions").asInt()).isEqualTo(3); // day 2's rows; day 1's MSFT is gone
    assertThat(source.get("equity").asText()).isEqualTo(run.resolve("equity.parquet").toAbsolutePath().toString());
    assertThat(out.get("equity").asDouble()).isEqualTo(EQUITY); // the equity table's, to the bit
    assertThat(out.get("netExposure").asDouble()).isEqualTo(300 * 157.25 + 250 * 99.5 - 120 * 68.75);

    // the defaults: the bundled replay and an index shock of -10%, no covariance shocks (the request has none)
    assertThat(out.get("historical").asText()).startsWith("bundled (");
    double pnl = -(300 * 157.25 * 1.2 + 250 * 99.5 * 0.9 - 120 * 68.75 * 0.7) * 0.10;
    JsonNode index = scenario(out, "index -10.00%");
    assertThat(index.get("pnl").asDouble()).isCloseTo(pnl, within(1e-9));
    assertThat(index.get("pnlFraction").asDouble()).isCloseTo(pnl / EQUITY, within(1e-15));
    assertThat(index.get("pnlBySymbol").get("XOM").asDouble()).isCloseTo(120 * 68.75 * 0.7 * 0.10, within(1e-9));
    assertThat(out.get("scenarios").findValuesAsText("name")).noneMatch(n -> n.startsWith("volatility")
        || n.startsWith("correlations"));
    assertThat(out.get("scenarios").findValuesAsText("kind")).contains("historical");
  }

  @Test
  void withoutAnInputTheBetasAreEstimatedAndWithoutAnEquityTableTheWeightsGiveTheEquity() throws Exception {
    Path run = run(false);
    JsonNode out = stress("--positions", run.resolve("positions.parquet").toString());
    assertThat(out.get("positionsSource").get("equity").asText()).isEqualTo("market_value / weight");
    assertThat(out.get("equity").asDouble()).isCloseTo(EQUITY, within(EQUITY * 1e-15));
    assertThat(out.get("estimatedBetas")).hasSize(3);
    JsonNode betas = out.get("betas");
    double pnl = -(300 * 157.25 * betas.get("AAPL").asDouble() + 250 * 99.5 * betas.get("JPM").asDouble()
        - 120 * 68.75 * betas.get("XOM").asDouble()) * 0.10;
    assertThat(scenario(out, "index -10.00%").get("pnl").asDouble()).isCloseTo(pnl, within(1e-9));
  }

  @Test
  void aSymbolTheSampleLacksGetsBetaOneAndIsListedAsAssumed() throws Exception {
    // SPY is not in the bundled daily sample: with the defaults it moves with the index (beta 1.0), and says so
    Path run = dir.resolve("run-spy");
    RunOutputs.table(run, "positions", Tables.POSITIONS, List.of(row(DAY2, "AAPL", 300, 157.25, EQUITY),
        row(DAY2, "SPY", -100, 250.0, EQUITY)));
    JsonNode out = stress("--positions", run.toString());
    assertThat(out.get("positionsSource").get("assumedBetas")).extracting(JsonNode::asText).containsExactly("SPY");
    assertThat(out.get("betas").get("SPY").asDouble()).isEqualTo(1.0);
    assertThat(out.get("estimatedBetas")).extracting(JsonNode::asText).containsExactly("AAPL");
    double pnl = -(300 * 157.25 * out.get("betas").get("AAPL").asDouble() - 100 * 250.0) * 0.10;
    assertThat(scenario(out, "index -10.00%").get("pnl").asDouble()).isCloseTo(pnl, within(1e-9));
    // a beta in the request wins and is not assumed
    Path input = Files.writeString(dir.resolve("spy-beta.json"), "{\"betas\": {\"SPY\": 0.95}}");
    console.resetOut();
    JsonNode given = stress("--positions", run.toString(), "--input", input.toString());
    assertThat(given.get("positionsSource").get("assumedBetas")).isEmpty();
    assertThat(given.get("betas").get("SPY").asDouble()).isEqualTo(0.95);
  }

  @Test
  void aCovarianceAddsTheVolatilityAndCorrelationShocks() throws Exception {
    Path input = Files.writeString(dir.resolve("cov.json"), "{\"covariance\": \"historical\"}");
    JsonNode out = stress("--positions", run(true).toString(), "--input", input.toString());
    assertThat(out.get("scenarios").findValuesAsText("name")).contains("index -10.00%", "volatility x3",
        "correlations to one");
    assertThat(scenario(out, "volatility x3").get("var").get("ratio").asDouble()).isCloseTo(3, within(1e-12));
  }

  @Test
  void aFolderOfPartFilesIsReadWholeWithItsSiblingEquityFolder() throws Exception {
    // a streaming sink's layout: positions/ and equity/ of part files, one still in progress (hidden, not Parquet)
    Path out = dir.resolve("live");
    ParquetFiles.write(Tables.POSITIONS, out.resolve("positions/part-0-0.parquet"), List.of(
        row(DAY1, "MSFT", 100, 101.5, 100_000), row(DAY2, "AAPL", 300, 157.25, EQUITY)));
    ParquetFiles.write(Tables.POSITIONS, out.resolve("positions/2019-01-03/part-1-0.parquet"), List.of(
        row(DAY2, "JPM", 250, 99.5, EQUITY)));
    Files.writeString(out.resolve("positions/.part-1-1.parquet.inprogress.parquet"), "not yet Parquet");
    ParquetFiles.write(Tables.EQUITY, out.resolve("equity/part-0-0.parquet"), List.of(
        new EquityPoint(micros(DAY2), 0, 0, 0, EQUITY)));
    Path input = Files.writeString(dir.resolve("betas.json"), "{\"betas\": {\"AAPL\": 1.2, \"JPM\": 0.9}, "
        + "\"scenarios\": [{\"type\": \"index\", \"move\": -0.05}]}");
    JsonNode result = stress("--positions", out.resolve("positions").toString(), "--input", input.toString());
    assertThat(result.get("positionsSource").get("positions").asInt()).isEqualTo(2);
    assertThat(result.get("positionsSource").get("equity").asText()).isEqualTo(out.resolve("equity").toString());
    assertThat(result.get("equity").asDouble()).isEqualTo(EQUITY);
    assertThat(result.has("historical")).isFalse(); // the request's scenarios replace the defaults
    assertThat(result.get("scenarios")).hasSize(1);
    assertThat(scenario(result, "index -5.00%").get("pnl").asDouble())
        .isCloseTo(-(300 * 157.25 * 1.2 + 250 * 99.5 * 0.9) * 0.05, within(1e-9));
  }

  @Test
  void positionsInBothPlacesAndAFlatBookAreErrors() throws Exception {
    Path run = run(true);
    Path input = Files.writeString(dir.resolve("both.json"), "{\"positions\": {\"AAPL\": 1000}, \"equity\": 5000}");
    assertThat(QuantCli.execute("risk", "stress", "--positions", run.toString(), "--input", input.toString()))
        .isEqualTo(1);
    assertThat(console.err()).contains("error: Positions are given twice: by --positions "
        + run.toAbsolutePath().normalize() + " and by 'positions' in --input " + input + "; drop one of them");
    console.resetErr();

    assertThat(QuantCli.execute("risk", "stress")).isEqualTo(1);
    assertThat(console.err()).contains("error: Give the book: --input FILE.json with 'positions' and 'equity', or "
        + "--positions PATH");
    console.resetErr();

    // the equity curve goes on a day after the last positions: the run ended flat
    Path flat = dir.resolve("flat");
    RunOutputs.table(flat, "positions", Tables.POSITIONS, List.of(row(DAY1, "MSFT", 100, 101.5, 100_000)));
    RunOutputs.table(flat, "equity", Tables.EQUITY, List.of(new EquityPoint(micros(DAY1), 89_850, 10_150, 0,
        100_000), new EquityPoint(micros(DAY2), 100_000, 0, 0, 100_000)));
    assertThat(QuantCli.execute("risk", "stress", "--positions", flat.toString())).isEqualTo(1);
    assertThat(console.err()).contains("the book is flat at the end of the run (the equity goes on to "
        + "2019-01-03T21:00:00Z, the last positions are of 2019-01-02T21:00:00Z)");
  }

  @Test
  void helpNamesThePositionsOption() {
    assertThat(QuantCli.execute("risk", "stress", "--help")).isZero();
    assertThat(console.out()).contains("--positions=PATH", "--input=FILE", "historical", "-10%");
  }
}
