package io.quantflow.jobs.cli;

import io.quantflow.connectors.parquet.RowReader;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.RunAnalysis;
import io.quantflow.jobs.backtest.RunReport;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code quant report <run-dir>}: rebuilds {@code report.html} from a run folder's tables. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Rebuilds report.html of a backtest run folder from its equity.parquet, fills.parquet, "
        + "benchmark.parquet, metrics.json and config.yaml. The same folder gives the same "
        + "bytes as the report the backtest wrote. Charts: docs/report.md."})
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A folder written by quant backtest.")
  Path run;

  @Override
  public Integer call() throws Exception {
    Path dir = run.toAbsolutePath().normalize();
    for (String f : List.of("equity.parquet", "fills.parquet", "metrics.json", "config.yaml")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new UserError(dir + " has no " + f + "; pass a folder written by quant backtest");
      }
    }
    JobConfig config = ConfigLoader.load(dir.resolve("config.yaml"), JobConfig.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = ConfigLoader.json().readValue(dir.resolve("metrics.json").toFile(),
        LinkedHashMap.class);
    List<EquityPoint> equity = new ArrayList<>(RowReader.of(g -> new EquityPoint(g.getLong("timestamp", 0),
        g.getDouble("cash", 0), g.getDouble("long_value", 0), g.getDouble("short_value", 0),
        g.getDouble("equity", 0))).read(dir.resolve("equity.parquet")));
    equity.sort(Comparator.comparingLong(EquityPoint::timestampMicros));
    List<Fill> fills = new ArrayList<>(RowReader.of(g -> new Fill(g.getString("order_id", 0),
        g.getString("symbol", 0), g.getLong("timestamp", 0), g.getLong("decision_timestamp", 0),
        g.getDouble("quantity", 0), g.getDouble("price", 0), g.getDouble("commission", 0)))
        .read(dir.resolve("fills.parquet")));
    fills.sort(io.quantflow.jobs.backtest.RunOutputs.FILL_ORDER);
    RunAnalysis.Closes bench = benchmark(dir, config);
    double ppy = BacktestJob.periodsPerYear(config.timeframe());
    RunAnalysis a = RunAnalysis.of(config.portfolio().initialCash(), equity, fills, bench, ppy,
        config.riskFreeRate());
    String yaml = Files.readString(dir.resolve("config.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = ConfigLoader.yaml().readValue(yaml, LinkedHashMap.class);
    RunReport.write(dir, BacktestJob.contentId(yaml, metrics), BacktestJob.strategy(config), a,
        config.portfolio().benchmark(), ppy, config.riskFreeRate(), metrics, tree);
    System.out.printf(Locale.ROOT, "Wrote %s (%,d valuations, %,d round trips)%n", dir.resolve("report.html"),
        equity.size(), a.tradeStatistics().trades());
    return 0;
  }

  /** The benchmark's closes from benchmark.parquet, or none. */
  private static RunAnalysis.Closes benchmark(Path dir, JobConfig config) {
    Path file = dir.resolve("benchmark.parquet");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<long[]> rows = RowReader.of(g -> new long[] {g.getLong("timestamp", 0),
        Double.doubleToRawLongBits(g.getDouble("close", 0))}).read(file);
    if (rows.isEmpty()) {
      return null;
    }
    long[] t = new long[rows.size()];
    double[] c = new double[rows.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = rows.get(i)[0];
      c[i] = Double.longBitsToDouble(rows.get(i)[1]);
    }
    return new RunAnalysis.Closes(t, c);
  }
}
