package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant backtest} with no arguments, as a user runs it, over the bundled real sample: twice, into
 * {@code notebooks-output/<run-id>/}; the two runs write byte-identical files, and DuckDB reads them back and agrees
 * with {@code metrics.json}.
 */
class BacktestCliITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final List<String> FILES = List.of("features.parquet", "wide.parquet", "signals.parquet", "fills.parquet",
      "equity.parquet", "rejected.parquet", "orders.parquet", "positions.parquet", "trades.parquet",
      "benchmark.parquet", "metrics.json", "config.yaml", "report.html");

  @TempDir static Path home;
  private static List<Path> runs;

  @BeforeAll
  static void runTwice() throws Exception {
    // a scratch installation whose data/ is the repository's, so run folders land in the temp dir
    Files.createSymbolicLink(home.resolve("data"), SampleBars.repoRoot().resolve("data"));
    System.setProperty("quant.home", home.toString());
    assertThat(QuantCli.execute("backtest")).isZero();
    assertThat(QuantCli.execute("backtest")).isZero();
    try (Stream<Path> s = Files.list(home.resolve("notebooks-output"))) {
      runs = s.sorted().toList();
    }
  }

  @AfterAll
  static void clear() {
    System.clearProperty("quant.home");
  }

  @Test
  void eachRunGetsItsOwnFolderAndBothHoldIdenticalFiles() throws Exception {
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).getFileName().toString()).matches("backtest-\\d{8}T\\d{6}Z(-\\d+)?");
    for (String f : FILES) {
      assertThat(runs.get(0).resolve(f)).exists();
      assertThat(Files.readAllBytes(runs.get(1).resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(runs.get(0).resolve(f)));
    }
  }

  @Test
  void quantReportRebuildsTheSameReportAndTheTablesHaveTheirArrowTwins() throws Exception {
    Path run = runs.get(0);
    Path copy = home.resolve("report-copy");
    Files.createDirectories(copy);
    try (Stream<Path> s = Files.list(run)) {
      for (Path f : s.toList()) {
        if (!f.getFileName().toString().equals("report.html")) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    assertThat(QuantCli.execute("report", copy.toString())).isZero();
    assertThat(Files.readAllBytes(copy.resolve("report.html"))).isEqualTo(Files.readAllBytes(run.resolve("report.html")));
    for (String t : List.of("equity", "orders", "fills", "positions", "trades", "signals", "features", "wide",
        "rejected", "benchmark")) {
      assertThat(run.resolve(t + ".parquet")).exists();
      assertThat(run.resolve(t + ".arrow")).exists();
    }
    assertThat(QuantCli.execute("report", home.resolve("nothing-here").toString())).isNotZero();
  }

  @Test
  void duckDbReadsTheOutputsAndAgreesWithTheMetrics() throws Exception {
    Path run = runs.get(0);
    JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    assertThat(m.get("symbols").asInt()).isEqualTo(8);
    assertThat(m.get("bars").asLong()).isEqualTo(15_588);
    assertThat(m.get("timeframe").asText()).isEqualTo("1m");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT count(*) FROM '" + run.resolve("fills.parquet") + "'"))
          .isEqualTo(m.get("fills").asDouble());
      assertThat(scalar(s, "SELECT count(*) FROM '" + run.resolve("signals.parquet") + "'"))
          .isEqualTo(m.get("signals").asDouble());
      assertThat(scalar(s, "SELECT count(*) FROM '" + run.resolve("features.parquet") + "' WHERE timeframe = '1m'"))
          .isEqualTo(15_588);
      // multi-timeframe alignment, checked with DuckDB's ASOF join: each wide row carries the 5m and 15m rows
      // with the latest available_at not after its own
      String features = "'" + run.resolve("features.parquet") + "'";
      for (String tf : List.of("5m", "15m")) {
        assertThat(scalar(s, "SELECT count(*) FROM '" + run.resolve("wide.parquet") + "' w ASOF LEFT JOIN (SELECT * "
            + "FROM " + features + " WHERE timeframe = '" + tf + "') f ON w.symbol = f.symbol AND w.available_at >= "
            + "f.available_at WHERE (w.ema_20_" + tf + " IS NOT DISTINCT FROM f.ema_20) AND (w.close_" + tf
            + " IS NOT DISTINCT FROM f.close)")).as(tf).isEqualTo(15_588);
      }
      assertThat(scalar(s, "SELECT sum(commission) FROM '" + run.resolve("fills.parquet") + "'"))
          .isCloseTo(m.get("commissions").asDouble(), within(1e-6));
      String equity = "'" + run.resolve("equity.parquet") + "'";
      assertThat(scalar(s, "SELECT count(*) FROM " + equity)).isEqualTo(m.get("periods").asDouble());
      assertThat(scalar(s, "SELECT last(equity ORDER BY timestamp) FROM " + equity))
          .isEqualTo(m.get("final_equity").asDouble());
      assertThat(scalar(s, "SELECT last(equity ORDER BY timestamp) / 1e6 - 1 FROM " + equity))
          .isCloseTo(m.get("total_return").asDouble(), within(1e-12));
      // an independent max drawdown: running peak by window function, starting from the initial cash
      assertThat(scalar(s, "SELECT max(1 - equity / peak) FROM (SELECT equity, greatest(1e6, max(equity) "
          + "OVER (ORDER BY timestamp)) AS peak FROM " + equity + ")"))
          .isCloseTo(m.get("max_drawdown").asDouble(), within(1e-12));
      // cash moves only by fills: initial cash - sum(quantity * price) - commissions = final cash
      double cash = scalar(s, "SELECT last(cash ORDER BY timestamp) FROM " + equity);
      double spent = scalar(s, "SELECT sum(quantity * price + commission) FROM '" + run.resolve("fills.parquet")
          + "'");
      assertThat(cash).isCloseTo(1e6 - spent, within(1e-4));
      // every fill happens after its decision, at the open of a later bar
      assertThat(scalar(s, "SELECT count(*) FROM '" + run.resolve("fills.parquet")
          + "' WHERE timestamp < decision_timestamp")).isZero();
      String bars = "read_parquet('" + SampleBars.repoRoot().resolve("data/sample/store/bars") + "/**/*.parquet', "
          + "hive_partitioning = true)";
      // every fill is at the open of the bar starting at its timestamp, moved against the trade by at least the
      // half-spread the default fill model assumes without quotes: max(2 bps, 0.1 * (high - low) / close) / 2
      assertThat(scalar(s, "SELECT count(*) FROM '" + run.resolve("fills.parquet") + "' f JOIN " + bars
          + " b ON b.symbol = f.symbol AND b.timestamp = f.timestamp WHERE sign(f.quantity) * (f.price / b.open - 1)"
          + " >= greatest(0.0002, 0.1 * (b.high - b.low) / b.close) / 2 - 1e-12"
          + " AND sign(f.quantity) * (f.price / b.open - 1) < 0.01"))
          .as("every fill is at the open of its bar plus half-spread and impact").isEqualTo(m.get("fills").asDouble());
    }
  }

  @Test
  void featuresFromTheCsvInStreamingModeEqualTheBacktestsFeatures() throws Exception {
    Path out = home.resolve("features-run");
    assertThat(QuantCli.execute("features", "--data", SampleBars.csv().toString(), "--output", out.toString(),
        "--mode", "streaming", "--parallelism", "1")).isZero();
    assertThat(out.resolve("input/bars/timeframe=1m/symbol=SPY/2019-02.parquet")).exists();
    for (String f : List.of("features.parquet", "wide.parquet", "signals.parquet", "rejected.parquet")) {
      assertThat(Files.readAllBytes(out.resolve(f))).as(f).isEqualTo(Files.readAllBytes(runs.get(0).resolve(f)));
    }
  }

  @Test
  void aGeneratedUniverseIsReproducibleAndBacktests() throws Exception {
    Path a = home.resolve("syn-a");
    Path b = home.resolve("syn-b");
    String[] args = {"--symbols", "12", "--days", "3", "--timeframe", "1m", "--seed", "7"};
    assertThat(QuantCli.execute(concat(new String[] {"generate", "--output", a.toString(), "--parallelism", "1"},
        args))).isZero();
    assertThat(QuantCli.execute(concat(new String[] {"generate", "--output", b.toString(), "--parallelism", "2"},
        args))).isZero();
    List<Path> files;
    try (Stream<Path> s = Files.walk(a)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSize(12);
    for (Path f : files) {
      assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).as(f.toString()).isEqualTo(Files.readAllBytes(f));
    }

    Path out = home.resolve("syn-backtest");
    assertThat(QuantCli.execute("backtest", "--data", a.toString(), "--output", out.toString())).isZero();
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(m.get("symbols").asInt()).isEqualTo(12);
    long bars;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      bars = (long) scalar(s, "SELECT count(*) FROM read_parquet('" + a + "/bars/**/*.parquet')");
    }
    assertThat(m.get("bars").asLong()).isEqualTo(bars).isGreaterThan(12 * 3 * 380);
  }

  @Test
  void aFeatureSpecChoosesIndicatorsMethodsAndTimeframesWithoutCode() throws Exception {
    Path spec = home.resolve("spec.yaml");
    Files.writeString(spec, "features:\n  timeframes: [1m, 15m]\n  indicators:\n"
        + "    - {indicator: ema, params: {period: 20}}\n"
        + "    - {indicator: rsi, params: {period: 14}, methods: [wilder, cutler]}\n"
        + "    - {indicator: macd, params: {fast: 12, slow: 26, signal: 9}}\n"
        + "    - {indicator: rvol, params: {period: 20}, methods: [cc, parkinson]}\n");
    Path out = home.resolve("spec-run");
    assertThat(QuantCli.execute("features", "--spec", spec.toString(), "--output", out.toString())).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT string_agg(column_name, ',' ORDER BY rowid) FROM (SELECT *, "
            + "row_number() OVER () AS rowid FROM (DESCRIBE SELECT * FROM '" + out.resolve("features.parquet")
            + "'))")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("symbol,timeframe,timestamp,available_at,revision,retracted,close,ema_20,rsi_14_wilder,"
          + "rsi_14_cutler,macd_12_26_9,macd_signal_12_26_9,macd_hist_12_26_9,rvol_20_cc,rvol_20_parkinson");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT count(DISTINCT timeframe) FROM '" + out.resolve("features.parquet") + "'"))
          .isEqualTo(2);
      assertThat(scalar(s, "SELECT count(*) FROM '" + out.resolve("wide.parquet") + "' WHERE macd_hist_12_26_9_15m "
          + "IS NOT NULL")).isGreaterThan(0);
    }
  }

  @Test
  void signalsAreRankedByStrengthAndTheIcMatchesAnIndependentSqlComputation() throws Exception {
    Path out = home.resolve("rank-run");
    assertThat(QuantCli.execute("signals", "rank", "--horizons", "1,5", "--output", out.toString())).isZero();
    String ranking = "'" + out.resolve("signal-ranking.parquet") + "'";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      // ema_20 on 1m, 5m, 15m, the agreement and the ensemble, at 2 horizons
      assertThat(scalar(s, "SELECT count(*) FROM " + ranking)).isEqualTo(10);
      assertThat(scalar(s, "SELECT count(*) FROM (SELECT rank, abs(ic_t_stat) t, lag(abs(ic_t_stat)) OVER (ORDER BY "
          + "rank) prev FROM " + ranking + ") WHERE t > prev")).as("strongest first").isZero();
      // the cross-sectional Spearman IC of ema_20_1m:above at 1 bar, recomputed from wide.parquet in SQL
      String wide = "'" + out.resolve("wide.parquet") + "'";
      String sql = "WITH x AS (SELECT timestamp, sign(close_1m - ema_20_1m) * tanh(abs(ln(close_1m / ema_20_1m)) "
          + "/ rvol_20_cc_1m) AS score, lead(close_1m) OVER (PARTITION BY symbol ORDER BY timestamp) / close_1m - 1 "
          + "AS fwd FROM " + wide + " WHERE ema_20_1m IS NOT NULL AND rvol_20_cc_1m IS NOT NULL), "
          + "y AS (SELECT * FROM x WHERE fwd IS NOT NULL), "
          // average ranks for ties: (rank ascending + n + 1 - rank descending) / 2, an affine map of asc - desc
          + "r AS (SELECT timestamp, rank() OVER (PARTITION BY timestamp ORDER BY score) - rank() OVER (PARTITION BY "
          + "timestamp ORDER BY score DESC) AS rs, rank() OVER (PARTITION BY timestamp ORDER BY fwd) - rank() OVER "
          + "(PARTITION BY timestamp ORDER BY fwd DESC) AS rf, count(*) OVER (PARTITION BY timestamp) AS n FROM y), "
          + "ic AS (SELECT timestamp, corr(rs, rf) AS ic FROM r WHERE n >= 3 GROUP BY timestamp "
          + "HAVING isfinite(corr(rs, rf))) "
          + "SELECT avg(ic), avg(ic) / (stddev_samp(ic) / sqrt(count(*))) FROM ic";
      double[] expected;
      try (ResultSet rs = s.executeQuery(sql)) {
        assertThat(rs.next()).isTrue();
        expected = new double[] {rs.getDouble(1), rs.getDouble(2)};
      }
      assertThat(scalar(s, "SELECT mean_ic FROM " + ranking + " WHERE signal = 'ema_20_1m:above' AND horizon_bars = 1"))
          .isCloseTo(expected[0], within(1e-9));
      assertThat(scalar(s, "SELECT ic_t_stat FROM " + ranking
          + " WHERE signal = 'ema_20_1m:above' AND horizon_bars = 1")).isCloseTo(expected[1], within(1e-6));
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static double scalar(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getDouble(1);
    }
  }
}
