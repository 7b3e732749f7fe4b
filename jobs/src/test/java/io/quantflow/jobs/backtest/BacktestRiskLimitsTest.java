package io.quantflow.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Fill;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portfolio.limits} in the backtest job on real bars: with a 3 percent position limit no fill takes a
 * position past 3 percent of the initial equity (plus the day's P&L), every cut is in {@code rejected} with stage
 * {@code risk-limits}, and BATCH and STREAMING agree.
 */
class BacktestRiskLimitsTest {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();
  @TempDir Path dir;

  @Test
  void noFillBreaksThePositionLimitAndEveryCutIsReported() throws Exception {
    BarStore store = TestStores.sample(dir.resolve("store"), b -> List.of("AAPL", "JPM", "SPY").contains(b.symbol()));
    JobConfig config = ConfigLoader.fromTree(ConfigLoader.yaml().readTree(
        "portfolio: {initialCash: 100000, limits: {maxPositionWeight: 0.03}}\n"), "test", JobConfig.class);
    BacktestJob.Result batch = BacktestJob.run(config, store, dir.resolve("batch"), Progress.NONE);
    BacktestJob.Result free = BacktestJob.run(JobConfig.defaults(), store, dir.resolve("free"), Progress.NONE);

    Map<String, Double> shares = new HashMap<>();
    double largest = 0;
    for (Fill f : batch.fills()) {
      double s = shares.merge(f.symbol(), f.quantity(), Double::sum);
      largest = Math.max(largest, Math.abs(s * f.price()));
    }
    assertThat(largest).isPositive().isLessThanOrEqualTo(0.03 * 101_000);
    double largestFree = 0;
    shares.clear();
    for (Fill f : free.fills()) {
      double s = shares.merge(f.symbol(), f.quantity(), Double::sum);
      largestFree = Math.max(largestFree, Math.abs(s * f.price()));
    }
    assertThat(largestFree).isGreaterThan(0.25 * 1_000_000); // a third of the default 1,000,000 per symbol
    List<RejectedEvent> cuts = batch.rejected().stream().filter(r -> r.stage().equals("risk-limits")).toList();
    assertThat(cuts).isNotEmpty().allSatisfy(r -> assertThat(r.reason()).startsWith("resized: target")
        .contains("above the limit 3.00%").endsWith("raise portfolio.limits.maxPositionWeight to allow more"));
    assertThat(free.rejected()).noneMatch(r -> r.stage().equals("risk-limits"));

    BacktestJob.Result streaming = BacktestJob.run(config.withMode("streaming"), store, dir.resolve("streaming"),
        Progress.NONE);
    assertThat(streaming.fills()).isEqualTo(batch.fills());
    assertThat(streaming.rejected()).isEqualTo(batch.rejected());

    // the risk monitor: one report per valuation, the same in both modes; its largest position never above 3%
    // of equity by more than the price moves since the last trade
    assertThat(batch.risk()).hasSameSizeAs(batch.equity());
    assertThat(streaming.risk()).isEqualTo(batch.risk());
    assertThat(streaming.riskAlerts()).isEqualTo(batch.riskAlerts());
    assertThat(batch.risk()).allSatisfy(r -> assertThat(r.largestPositionWeight()).isLessThan(0.035));
    assertThat(batch.risk().get(batch.risk().size() - 1).valueAtRisk()).isPositive();
    assertThat(io.quantflow.connectors.parquet.ParquetFiles.rowCount(dir.resolve("batch/risk.parquet")))
        .isEqualTo(batch.risk().size());
  }

  @Test
  void monteCarloVarAndStressAreTheSameInBatchAndStreaming() throws Exception {
    BarStore store = TestStores.sample(dir.resolve("store"), b -> List.of("AAPL", "JPM", "SPY").contains(b.symbol()));
    JobConfig config = ConfigLoader.fromTree(ConfigLoader.yaml().readTree(
        "portfolio: {initialCash: 100000, risk: {method: monte-carlo, simulations: 2000, seed: 7, stress: ["
            + "{type: index, move: -0.10, index: SPY}, {type: volatility, multiplier: 3}, "
            + "{type: correlations-to-one}]}}\n"), "test", JobConfig.class);
    BacktestJob.Result batch = BacktestJob.run(config, store, dir.resolve("batch"), Progress.NONE);
    BacktestJob.Result streaming = BacktestJob.run(config.withMode("streaming"), store, dir.resolve("streaming"),
        Progress.NONE);
    assertThat(batch.risk()).hasSameSizeAs(batch.equity());
    // seeded at every valuation: the simulated figures do not depend on the execution mode
    assertThat(streaming.risk()).isEqualTo(batch.risk());
    var last = batch.risk().get(batch.risk().size() - 1);
    assertThat(last.valueAtRisk()).isPositive();
    assertThat(last.conditionalValueAtRisk()).isGreaterThan(last.valueAtRisk());
    // the worst of the three scenarios, a loss once the window is ready
    assertThat(last.stressLoss()).isPositive();
    assertThat(last.stressScenario()).isIn("index SPY -10%", "volatility x3", "correlations to one");
    assertThat(RiskOutputs.REPORTS.columnNames()).containsExactly("timestamp", "equity", "gross_exposure",
        "net_exposure", "largest_position_weight", "concentration", "drawdown", "var", "cvar", "worst_limit_usage",
        "breaches", "stress_loss", "stress_scenario", "top_var_symbol", "top_var_share");
    // the largest contributor to the (parametric) VaR is a held symbol; in a long-only book of positively
    // correlated stocks every share is positive, so the largest lies in (0, 1]
    assertThat(last.topVarSymbol()).isIn("AAPL", "JPM", "SPY");
    assertThat(last.topVarShare()).isGreaterThan(0).isLessThanOrEqualTo(1 + 1e-12);
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
        var rs = st.executeQuery("SELECT stress_loss, stress_scenario, count(*) OVER () FROM '"
            + dir.resolve("batch/risk.parquet") + "' ORDER BY timestamp DESC LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble(1)).isEqualTo(last.stressLoss());
      assertThat(rs.getString(2)).isEqualTo(last.stressScenario());
      assertThat(rs.getLong(3)).isEqualTo(batch.risk().size());
    }
  }

  @Test
  void aStressIndexOutsideTheStoreIsRefusedBeforeTheRun() throws Exception {
    BarStore store = TestStores.sample(dir.resolve("store"), b -> List.of("AAPL", "JPM").contains(b.symbol()));
    JobConfig config = ConfigLoader.fromTree(ConfigLoader.yaml().readTree(
        "portfolio: {risk: {stress: [{type: index, move: -0.10, index: QQQ}]}}\n"), "test", JobConfig.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BacktestJob.run(config, store, dir.resolve("out"),
        Progress.NONE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("portfolio.risk.stress has an index shock of QQQ, but the store")
        .hasMessageContaining("[AAPL, JPM]");
  }
}
