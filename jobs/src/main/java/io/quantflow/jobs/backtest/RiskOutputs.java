package io.quantflow.jobs.backtest;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.operators.risk.RiskAlert;
import io.quantflow.operators.risk.RiskMonitor;
import io.quantflow.operators.risk.RiskReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The risk monitor's files: {@code risk.parquet} (a row per valuation) and {@code risk-alerts.json}. */
public final class RiskOutputs {
  private RiskOutputs() {}

  /**
   * {@code risk.parquet}: exposures, VaR and the worst stress loss as fractions of equity, null where not yet
   * defined; {@code stress_scenario} is empty without a stress figure.
   */
  public static final ParquetTable<RiskReport> REPORTS = ParquetTable.<RiskReport>builder("risk")
      .timestampMicros("timestamp", RiskReport::timestampMicros)
      .float64("equity", RiskReport::equity)
      .float64("gross_exposure", RiskReport::grossExposure)
      .float64("net_exposure", RiskReport::netExposure)
      .float64("largest_position_weight", RiskReport::largestPositionWeight)
      .float64("concentration", RiskReport::concentration)
      .float64("drawdown", RiskReport::drawdown)
      .optionalFloat64("var", RiskReport::valueAtRisk)
      .optionalFloat64("cvar", RiskReport::conditionalValueAtRisk)
      .optionalFloat64("worst_limit_usage", RiskReport::worstLimitUsage)
      .int64("breaches", RiskReport::breaches)
      .optionalFloat64("stress_loss", RiskReport::stressLoss)
      .string("stress_scenario", RiskReport::stressScenario)
      .string("top_var_symbol", RiskReport::topVarSymbol)
      .optionalFloat64("top_var_share", RiskReport::topVarShare)
      .build();

  /** Reports by time. */
  public static final Comparator<RiskReport> REPORT_ORDER = Comparator.comparingLong(RiskReport::timestampMicros);
  /** Alerts by time, limit and subject. */
  public static final Comparator<RiskAlert> ALERT_ORDER = Comparator.comparingLong(RiskAlert::timestampMicros)
      .thenComparing(RiskAlert::limit).thenComparing(RiskAlert::subject);

  /**
   * {@code risk-backtest.json}: Kupiec's test of the monitor's own VaR forecasts against what the book then did.
   * Each forecast {@code VaR_k} made at a valuation is compared with the equity's simple return over the next
   * {@link io.quantflow.operators.risk.RiskConfig#horizon()} steps (valuations with {@code returns: bars}, the last
   * valuations of New York sessions with {@code returns: daily}), {@code E_(k+h) / E_k - 1}; an exception is a
   * return below {@code -VaR_k}. Forecasts are taken every {@code h} steps from the first defined one, so the
   * windows do not overlap and the exceptions are independent as Kupiec's test assumes. The return includes the
   * trading done in the window, which a VaR of the current weights does not foresee. Null fields where there are
   * no forecasts to test.
   *
   * @param reports the risk reports in time order (one per valuation)
   */
  public static Map<String, Object> varBacktest(List<RiskReport> reports, io.quantflow.operators.risk.RiskConfig c) {
    List<RiskReport> steps = reports;
    if (c.daily()) { // the last valuation of each New York session
      steps = new ArrayList<>();
      for (int k = 0; k < reports.size(); k++) {
        if (k + 1 == reports.size() || RiskMonitor.newYorkDay(reports.get(k + 1).timestampMicros())
            != RiskMonitor.newYorkDay(reports.get(k).timestampMicros())) {
          steps.add(reports.get(k));
        }
      }
    }
    int h = c.horizon();
    List<Double> forecasts = new ArrayList<>();
    List<Double> realised = new ArrayList<>();
    int k = 0;
    while (k < steps.size() && !Double.isFinite(steps.get(k).valueAtRisk())) {
      k++;
    }
    for (; k + h < steps.size(); k += h) {
      double var = steps.get(k).valueAtRisk();
      double e0 = steps.get(k).equity();
      if (Double.isFinite(var) && e0 > 0) {
        forecasts.add(var);
        realised.add(steps.get(k + h).equity() / e0 - 1);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", c.method());
    m.put("confidence", c.confidence());
    m.put("horizon", h);
    m.put("horizonUnit", c.daily() ? "sessions" : "bars");
    m.put("observations", forecasts.size());
    if (forecasts.isEmpty()) {
      for (String key : List.of("exceptions", "expectedExceptions", "exceptionRate", "kupiecLikelihoodRatio",
          "kupiecPValue", "baselZone")) {
        m.put(key, null);
      }
      return m;
    }
    io.quantflow.models.risk.VarBacktest b = io.quantflow.models.risk.VarBacktest.of(
        forecasts.stream().mapToDouble(Double::doubleValue).toArray(),
        realised.stream().mapToDouble(Double::doubleValue).toArray(), c.confidence());
    m.put("exceptions", b.exceptions());
    m.put("expectedExceptions", forecasts.size() * (1 - c.confidence()));
    m.put("exceptionRate", b.exceptions() / (double) forecasts.size());
    m.put("kupiecLikelihoodRatio", RunAnalysis.finite(b.kupiec().likelihoodRatio()));
    m.put("kupiecPValue", RunAnalysis.finite(b.kupiec().pValue()));
    m.put("baselZone", b.zone().name());
    return m;
  }

  /** The alerts as a JSON array: time (ISO-8601 UTC), limit, subject, value, threshold, message. */
  public static String alertsJson(List<RiskAlert> alerts) throws java.io.IOException {
    List<Map<String, Object>> rows = new ArrayList<>(alerts.size());
    for (RiskAlert a : alerts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", RunAnalysis.iso(a.timestampMicros()));
      m.put("limit", a.limit());
      m.put("subject", a.subject());
      m.put("value", RunAnalysis.finite(a.value()));
      m.put("threshold", RunAnalysis.finite(a.threshold()));
      m.put("message", a.message());
      rows.add(m);
    }
    return ConfigLoader.json().disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsString(rows) + "\n";
  }
}
