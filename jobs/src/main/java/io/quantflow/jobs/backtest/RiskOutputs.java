package io.quantflow.jobs.backtest;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.operators.risk.RiskAlert;
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
      .build();

  /** Reports by time. */
  public static final Comparator<RiskReport> REPORT_ORDER = Comparator.comparingLong(RiskReport::timestampMicros);
  /** Alerts by time, limit and subject. */
  public static final Comparator<RiskAlert> ALERT_ORDER = Comparator.comparingLong(RiskAlert::timestampMicros)
      .thenComparing(RiskAlert::limit).thenComparing(RiskAlert::subject);

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
