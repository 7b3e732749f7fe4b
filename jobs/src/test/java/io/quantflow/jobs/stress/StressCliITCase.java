package io.quantflow.jobs.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.testing.SampleBars;
import io.quantflow.jobs.cli.QuantCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant stress} end to end on a tiny store (AAPL and SPY, 2019-02-11 and 12, 1m bars of the bundled sample):
 * the report has one row per run, and each row holds the numbers of that run's own {@code metrics.json} and
 * {@code equity.parquet}.
 */
class StressCliITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String CONFIG = """
      backtest:
        timeframe: 1m
        parallelism: 1
      scenarios:
        - name: gap
          transforms: [{type: gapDown, at: 2019-02-12T14:30:00Z, fraction: 0.05}]
        - name: vol
          transforms: [{type: volatilityMultiplier, k: 2}]
        - name: delist-spy
          transforms: [{type: delist, symbol: SPY, at: 2019-02-12T17:00:00Z}]
      periods:
        - {name: tuesday, start: 2019-02-12, end: 2019-02-12}
      """;

  private static final List<String> METRICS = List.of("total_return", "max_drawdown", "worst_period_return",
      "annualized_volatility", "var_95", "cvar_95", "final_gross_exposure");

  @TempDir static Path dir;
  private static List<Bar> input;
  private static Path out;
  /** Report rows by scenario name, in file order; values are Double (null for SQL NULL), Long or String. */
  private static final Map<String, Map<String, Object>> ROWS = new LinkedHashMap<>();

  @BeforeAll
  static void runStress() throws Exception {
    input = SampleBars.all().stream().filter(b -> b.symbol().equals("AAPL") || b.symbol().equals("SPY"))
        .filter(b -> b.timestampMicros() < Instant.parse("2019-02-13T00:00:00Z").getEpochSecond() * 1_000_000L)
        .toList();
    BarStore.at(dir.resolve("store")).write(input);
    Path config = Files.writeString(dir.resolve("stress.yaml"), CONFIG);
    out = dir.resolve("report");
    assertThat(QuantCli.execute("stress", "--config", config.toString(), "--data", dir.resolve("store").toString(),
        "--output", out.toString())).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM '" + out.resolve("stress.parquet") + "'")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        ROWS.put(rs.getString("scenario"), row);
      }
    }
  }

  @Test
  void theReportHasOneRowPerRunBaselineFirst() throws Exception {
    assertThat(ROWS.keySet()).containsExactly("baseline", "gap", "vol", "delist-spy", "tuesday");
    assertThat(ROWS.values()).extracting(r -> r.get("kind")).containsExactly("baseline", "synthetic", "synthetic",
        "synthetic", "historical");
    assertThat(ROWS.get("gap").get("description")).isEqualTo("gapDown(all, 2019-02-12T14:30:00Z, 0.05)");
    assertThat(out.resolve("stress.arrow")).exists();
    assertThat(out.resolve("stores")).doesNotExist(); // temporary stores are deleted unless keepStores
    List<String> md = Files.readAllLines(out.resolve("stress.md"));
    for (String name : ROWS.keySet()) {
      assertThat(md).filteredOn(l -> l.startsWith("| " + name + " | ")).hasSize(1);
    }
  }

  @Test
  void eachRowHoldsTheNumbersOfItsOwnRun() throws Exception {
    for (Map.Entry<String, Map<String, Object>> e : ROWS.entrySet()) {
      Map<String, Object> row = e.getValue();
      Path run = out.resolve("runs").resolve(e.getKey());
      assertThat(row.get("run_dir")).isEqualTo("runs/" + e.getKey());
      JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
      String name = e.getKey();
      assertThat(row.get("total_return")).as(name).isEqualTo(json(m, "total_return"));
      assertThat(row.get("max_drawdown")).as(name).isEqualTo(json(m, "max_drawdown"));
      assertThat(row.get("worst_period_return")).as(name).isEqualTo(json(m, "worst_period"));
      assertThat(row.get("annualized_volatility")).as(name).isEqualTo(json(m, "annualized_volatility"));
      assertThat(row.get("fills")).as(name).isEqualTo(m.get("fills").asLong());
      assertThat(row.get("bars")).as(name).isEqualTo(m.get("bars").asLong());
      assertThat(row.get("periods")).as(name).isEqualTo(m.get("periods").asLong());

      // VaR and CVaR recomputed from the run's equity.parquet: the 5 % worst of the simple returns of
      // 1,000,000 USD followed by the curve, k = ceil(n / 20) of them
      List<Double> equity = new ArrayList<>(List.of(1_000_000.0));
      double lastGross;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT equity, gross_exposure FROM '" + run.resolve("equity.parquet")
              + "' ORDER BY timestamp")) {
        lastGross = Double.NaN;
        while (rs.next()) {
          equity.add(rs.getDouble(1));
          lastGross = rs.getDouble(2);
        }
      }
      double[] r = new double[equity.size() - 1];
      for (int i = 0; i < r.length; i++) {
        r[i] = equity.get(i + 1) / equity.get(i) - 1;
      }
      Arrays.sort(r);
      int k = (r.length + 19) / 20;
      double tail = 0;
      for (int i = 0; i < k; i++) {
        tail -= r[i];
      }
      assertThat((Double) row.get("var_95")).as(name).isCloseTo(-r[k - 1], within(1e-15));
      assertThat((Double) row.get("cvar_95")).as(name).isCloseTo(tail / k, within(1e-15));
      assertThat((Double) row.get("final_gross_exposure")).as(name).isEqualTo(lastGross);

      for (String metric : METRICS) {
        Double value = (Double) row.get(metric);
        Double base = (Double) ROWS.get("baseline").get(metric);
        assertThat((Double) row.get(metric + "_vs_baseline")).as(name + " " + metric)
            .isEqualTo(value == null || base == null ? null : value - base);
      }
      assertThat((Long) row.get("fills_vs_baseline"))
          .isEqualTo((Long) row.get("fills") - (Long) ROWS.get("baseline").get("fills"));
    }
  }

  @Test
  void delistingAndPeriodsKeepTheBarsTheyShould() {
    long delistAt = Instant.parse("2019-02-12T17:00:00Z").getEpochSecond() * 1_000_000L;
    long tuesday = Instant.parse("2019-02-12T00:00:00Z").getEpochSecond() * 1_000_000L;
    assertThat(ROWS.get("baseline").get("bars")).isEqualTo((long) input.size());
    assertThat(ROWS.get("delist-spy").get("bars")).isEqualTo(input.stream()
        .filter(b -> !(b.symbol().equals("SPY") && b.timestampMicros() >= delistAt)).count());
    assertThat(ROWS.get("tuesday").get("bars")).isEqualTo(input.stream()
        .filter(b -> b.timestampMicros() >= tuesday).count());
    // the synthetic runs cover the baseline's instants; the period starts with Tuesday's first valuation
    assertThat(ROWS.get("gap").get("start")).isEqualTo(ROWS.get("baseline").get("start"));
    assertThat(ROWS.get("tuesday").get("start").toString()).startsWith("2019-02-12");
  }

  /** A metrics.json number as Double, null for JSON null (an undefined statistic). */
  private static Double json(JsonNode m, String key) {
    return m.get(key).isNull() ? null : m.get(key).asDouble();
  }
}
