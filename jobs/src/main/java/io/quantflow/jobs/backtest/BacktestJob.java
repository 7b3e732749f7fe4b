package io.quantflow.jobs.backtest;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Fill;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideRow;
import io.quantflow.domain.Timeframe;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.metrics.PerformanceMetrics;
import io.quantflow.operators.ml.DriftTracker;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import io.quantflow.operators.portfolio.SimulationConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code quant backtest}: bars to features, signals, fills and an equity curve on Flink, then performance metrics.
 * Writes {@code features.parquet}, {@code wide.parquet}, {@code signals.parquet}, {@code fills.parquet}, {@code equity.parquet},
 * {@code rejected.parquet}, {@code metrics.json} and the effective {@code config.yaml} into the output folder. Every
 * file is a pure function of the input bars and the configuration: no clock time, host or run id inside.
 */
public final class BacktestJob {
  private BacktestJob() {}

  /**
   * What a backtest produced.
   *
   * @param outputDir where the files are
   * @param symbols number of symbols traded
   * @param bars base-timeframe bars processed
   * @param features feature rows
   * @param wide aligned multi-timeframe rows
   * @param signals signals
   * @param fills fills
   * @param equity the equity curve
   * @param rejected rejected inputs
   * @param metrics performance of the equity curve
   * @param predictions the model's predictions (empty without {@code model.name})
   * @param decisions the rule signals as the model validated them (empty without a model)
   * @param drift the model's drift and decay alerts, by time, then symbol (empty without a model)
   * @param risk the book's risk at every valuation (empty with {@code portfolio.risk.enabled: false})
   * @param riskAlerts limit and VaR breaches, by time
   */
  public record Result(Path outputDir, int symbols, long bars, List<FeatureRow> features, List<WideRow> wide,
      List<Signal> signals, List<Fill> fills, List<EquityPoint> equity, List<RejectedEvent> rejected,
      PerformanceMetrics metrics, List<io.quantflow.domain.Prediction> predictions, List<Signal> decisions,
      List<DriftTracker.Event> drift, List<io.quantflow.operators.risk.RiskReport> risk,
      List<io.quantflow.operators.risk.RiskAlert> riskAlerts) {}

  /** Drift alerts by time, symbol, kind and subject: the order of {@code drift-alerts.json}. */
  static final java.util.Comparator<DriftTracker.Event> DRIFT_ORDER =
      java.util.Comparator.<DriftTracker.Event>comparingLong(e -> e.alert().timestampMicros())
          .thenComparing(DriftTracker.Event::symbol).thenComparing(e -> e.alert().kind())
          .thenComparing(e -> e.alert().subject());

  /**
   * Runs a backtest of {@code store} and writes its files into {@code outputDir}.
   *
   * @throws Exception when the Flink job fails
   */
  public static Result run(JobConfig config, BarStore store, Path outputDir, Progress progress) throws Exception {
    Inputs.require(store, config);
    int symbols = Inputs.symbols(store, config);
    PipelineConfig pipeline = config.pipeline();
    progress.report(String.format(java.util.Locale.ROOT, "backtest: %s, %d symbols of %s bars, %s mode, "
        + "parallelism %d", store.root(), symbols, config.timeframe().label(), config.mode(), config.parallelism()));
    SimulationConfig simulation = config.simulation(symbols).withCorporateActions(corporateActions(store.root()));
    PipelineRunner runner = new PipelineRunner(config, store, progress);
    QuantPipeline.Features stage = runner.stage();
    QuantPipeline.Gated gated = io.quantflow.jobs.ml.ModelStage.attach(runner.env(), config, stage, false);
    if (gated != null) {
      stage = gated.stage();
      runner.collect("predictions", gated.predictions());
      runner.collect("decisions", gated.decisions());
      runner.collect("drift", gated.drift());
    }
    QuantPipeline.Backtest backtest = QuantPipeline.backtest(stage, pipeline, simulation);
    if (config.outputs().features()) {
      runner.collect("features", backtest.stage().features());
    }
    if (config.outputs().wide()) {
      runner.collect("wide", backtest.stage().wide());
    }
    String benchmark = config.portfolio().benchmark();
    Timeframe baseTf = config.timeframe();
    runner.collect("benchmark", backtest.stage().bars()
        .filter(b -> b.timeframe() == baseTf && b.symbol().equals(benchmark)).name("benchmark-bars"));
    runner.collect("signals", backtest.stage().signals());
    runner.collect("rejected", backtest.stage().rejected());
    runner.collect("fills", backtest.fills());
    runner.collect("equity", backtest.equity());
    runner.collect("orders", backtest.orders());
    runner.collect("positions", backtest.positions());
    io.quantflow.operators.risk.RiskConfig riskConfig = config.portfolio().risk();
    if (riskConfig.enabled()) {
      QuantPipeline.Risk risk = QuantPipeline.risk(backtest, riskConfig, simulation);
      runner.collect("risk", risk.reports());
      runner.collect("risk-alerts", risk.alerts());
    }
    Map<String, List<?>> out = runner.run("backtest");

    List<FeatureRow> features = RunOutputs.featureRows(out.getOrDefault("features", List.of()));
    List<WideRow> wide = RunOutputs.wideRows(out.getOrDefault("wide", List.of()));
    List<Signal> signals = RunOutputs.sorted(out.get("signals"), Signal.class, RunOutputs.SIGNAL_ORDER);
    List<RejectedEvent> rejected =
        RunOutputs.sorted(out.get("rejected"), RejectedEvent.class, RunOutputs.REJECTED_ORDER);
    List<Fill> fills = RunOutputs.sorted(out.get("fills"), Fill.class, RunOutputs.FILL_ORDER);
    List<EquityPoint> equity = RunOutputs.sorted(out.get("equity"), EquityPoint.class, RunOutputs.EQUITY_ORDER);
    List<io.quantflow.domain.OrderReport> orders = RunOutputs.sorted(out.get("orders"),
        io.quantflow.domain.OrderReport.class, RunOutputs.ORDER_ORDER);
    List<io.quantflow.domain.PositionSnapshot> positions = RunOutputs.sorted(out.get("positions"),
        io.quantflow.domain.PositionSnapshot.class, RunOutputs.POSITION_ORDER);
    List<io.quantflow.domain.Prediction> predictions = RunOutputs.sorted(out.getOrDefault("predictions", List.of()),
        io.quantflow.domain.Prediction.class, RunOutputs.PREDICTION_ORDER);
    List<Signal> decisions = RunOutputs.sorted(out.getOrDefault("decisions", List.of()), Signal.class,
        RunOutputs.SIGNAL_ORDER);
    List<DriftTracker.Event> drift = RunOutputs.sorted(out.getOrDefault("drift", List.of()),
        DriftTracker.Event.class, DRIFT_ORDER);
    List<io.quantflow.operators.risk.RiskReport> risk = RunOutputs.sorted(out.getOrDefault("risk", List.of()),
        io.quantflow.operators.risk.RiskReport.class, RiskOutputs.REPORT_ORDER);
    List<io.quantflow.operators.risk.RiskAlert> riskAlerts = RunOutputs.sorted(
        out.getOrDefault("risk-alerts", List.of()), io.quantflow.operators.risk.RiskAlert.class,
        RiskOutputs.ALERT_ORDER);
    progress.report("writing " + outputDir);
    RunAnalysis.Closes benchmarkCloses;
    RunAnalysis analysis;
    long bars;
    try (RunOutputs.Writer w = new RunOutputs.Writer(progress)) {
      // the tables that need no analysis first, so they are written while the analysis runs here
      w.table(outputDir, "signals", io.quantflow.connectors.parquet.Tables.SIGNALS, signals);
      w.table(outputDir, "orders", io.quantflow.connectors.parquet.Tables.ORDERS, orders);
      if (gated != null) {
        w.table(outputDir, "predictions", io.quantflow.connectors.parquet.Tables.PREDICTIONS, predictions);
        w.table(outputDir, "decisions", io.quantflow.connectors.parquet.Tables.SIGNALS, decisions);
      }
      if (config.outputs().features()) {
        w.table(outputDir, "features", io.quantflow.connectors.parquet.Tables.features(pipeline.schema()), features);
      }
      if (config.outputs().wide()) {
        w.table(outputDir, "wide", io.quantflow.connectors.parquet.Tables.wide(pipeline.alignment().schema()), wide);
      }
      w.table(outputDir, "positions", io.quantflow.connectors.parquet.Tables.POSITIONS, positions);
      if (config.portfolio().risk().enabled()) {
        w.table(outputDir, "risk", RiskOutputs.REPORTS, risk);
      }
      w.table(outputDir, "rejected", io.quantflow.connectors.parquet.Tables.REJECTED, rejected);
      bars = RunOutputs.countBars(store, config.timeframe());
      benchmarkCloses = RunAnalysis.closesOf(out.getOrDefault("benchmark", List.of()));
      analysis = RunAnalysis.of(simulation.initialCash(), equity, fills, benchmarkCloses,
          periodsPerYear(config.timeframe()), config.riskFreeRate());
      w.table(outputDir, "fills", io.quantflow.connectors.parquet.Tables.FILLS, fills);
      w.table(outputDir, "trades", RunAnalysis.TRADES, analysis.tradeStatistics().roundTrips());
      w.table(outputDir, "equity", io.quantflow.connectors.parquet.Tables.EQUITY, equity);
      w.table(outputDir, "benchmark", RunAnalysis.BENCHMARK,
          benchmarkCloses == null ? List.of() : benchmarkCloses.rows());
    }
    PerformanceMetrics metrics = analysis.performance();
    String yaml = ConfigLoader.toYaml(config);
    RunOutputs.writeText(outputDir.resolve("config.yaml"), yaml);
    if (gated != null) {
      RunOutputs.writeText(outputDir.resolve("drift-alerts.json"), driftJson(drift));
    }
    if (config.portfolio().risk().enabled()) {
      RunOutputs.writeText(outputDir.resolve("risk-alerts.json"), RiskOutputs.alertsJson(riskAlerts));
      RunOutputs.writeText(outputDir.resolve("risk-backtest.json"), ConfigLoader.json()
          .disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(RiskOutputs.varBacktest(risk, config.portfolio().risk())) + "\n");
    }
    Map<String, Object> json = metricsJson(config, symbols, bars, signals, fills, equity, rejected, simulation,
        analysis);
    // in the order of docs/metrics.md (returns first), not alphabetical: the map's order is fixed, so bytes are too
    RunOutputs.writeText(outputDir.resolve("metrics.json"), ConfigLoader.json()
        .disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsString(json) + "\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = ConfigLoader.yaml().readValue(yaml, java.util.LinkedHashMap.class);
    RunReport.write(outputDir, contentId(yaml, json), strategy(config), analysis,
        config.portfolio().benchmark(), periodsPerYear(config.timeframe()), config.riskFreeRate(), json, tree);
    return new Result(outputDir, symbols, bars, features, wide, signals, fills, equity, rejected, metrics,
        predictions, decisions, drift, risk, riskAlerts);
  }

  /** The alerts as a JSON array, one object per alert: time (ISO-8601 UTC), symbol, kind, subject, value, message. */
  static String driftJson(List<DriftTracker.Event> drift) throws java.io.IOException {
    List<Map<String, Object>> rows = new java.util.ArrayList<>(drift.size());
    for (DriftTracker.Event e : drift) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("time", RunAnalysis.iso(e.alert().timestampMicros()));
      m.put("symbol", e.symbol());
      m.put("model", e.alert().model());
      m.put("kind", e.alert().kind().name());
      m.put("subject", e.alert().subject());
      m.put("value", RunAnalysis.finite(e.alert().value()));
      m.put("threshold", RunAnalysis.finite(e.alert().threshold()));
      m.put("message", e.alert().message());
      rows.add(m);
    }
    return ConfigLoader.json().disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsString(rows) + "\n";
  }

  /**
   * Periods per year of a bar timeframe, counting only the regular session: 252 days of 6.5 hours. So 98,280 for
   * 1m bars, 19,656 for 5m, 1,638 for 1h and 252 for 1d. Documented in {@code docs/metrics.md}.
   */
  public static double periodsPerYear(Timeframe timeframe) {
    if (timeframe == Timeframe.D1) {
      return 252.0;
    }
    return 252.0 * 6.5 * 3600.0 * 1_000_000.0 / timeframe.durationMicros();
  }

  /**
   * The report's run id: the first 12 hex digits of the SHA-256 of the configuration and the metrics, so the same
   * input and configuration give the same id (and the same bytes) wherever the run folder is.
   */
  public static String contentId(String yaml, Map<String, Object> metrics) throws Exception {
    java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
    d.update(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    d.update(ConfigLoader.json().writeValueAsBytes(metrics));
    return java.util.HexFormat.of().formatHex(d.digest()).substring(0, 12);
  }

  /**
   * The splits and dividends of the store ({@code corporate-actions/actions.parquet}, written by
   * {@code quant import daily}), or none.
   */
  public static List<io.quantflow.domain.CorporateAction> corporateActions(java.nio.file.Path storeRoot) {
    io.quantflow.connectors.store.CorporateActionStore cas =
        io.quantflow.connectors.store.CorporateActionStore.at(storeRoot);
    return java.nio.file.Files.isRegularFile(cas.file()) ? cas.read() : List.of();
  }

  /** A one-line description of the configured strategy for the report. */
  public static String strategy(JobConfig config) {
    var sig = config.pipeline().signal();
    return "Agreement of " + sig.methods().size() + " method(s) on " + sig.timeframes() + ", "
        + config.fills().model() + " fills, " + config.execution().algorithm() + " execution";
  }

  private static Map<String, Object> metricsJson(JobConfig config, int symbols, long bars, List<Signal> signals,
      List<Fill> fills, List<EquityPoint> equity, List<RejectedEvent> rejected, SimulationConfig simulation,
      RunAnalysis analysis) {
    Map<String, Object> json = new LinkedHashMap<>(analysis.metrics());
    json.put("benchmark", analysis.benchmark() == null ? null : config.portfolio().benchmark());
    json.put("timeframe", config.timeframe().label());
    json.put("symbols", symbols);
    json.put("bars", bars);
    json.put("signals", signals.size());
    json.put("fills", fills.size());
    json.put("rejected", rejected.size());
    json.put("initial_equity", simulation.initialCash());
    json.put("final_equity", equity.isEmpty() ? simulation.initialCash() : equity.get(equity.size() - 1).equity());
    json.put("commissions", fills.stream().mapToDouble(Fill::commission).sum());
    json.put("traded_notional", fills.stream().mapToDouble(f -> Math.abs(f.notional())).sum());
    json.put("start", equity.isEmpty() ? null : RunAnalysis.iso(equity.get(0).timestampMicros()));
    json.put("end", equity.isEmpty() ? null : RunAnalysis.iso(equity.get(equity.size() - 1).timestampMicros()));
    return json;
  }


}
