package io.quantflow.jobs.backtest;

import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Fill;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideBlock;
import io.quantflow.domain.WideRow;
import java.util.Objects;

/**
 * One record of any run output, tagged with its output's name. A job gathers all its outputs through one collect
 * sink of these: several collect sinks in one job race each other at shutdown on the embedded MiniCluster, and a
 * late fetcher may then miss the tail of its results. A Flink POJO (public fields, no-arg constructor), so no Kryo.
 */
public final class RunRecord {
  /** The output this record belongs to, e.g. {@code fills}. */
  public String output;
  /** Set when the record is a feature row. */
  public FeatureRow feature;
  /** Set when the record is an aligned multi-timeframe row. */
  public WideRow wide;
  /** Set when the record is a signal. */
  public Signal signal;
  /** Set when the record is a fill. */
  public Fill fill;
  /** Set when the record is an equity point. */
  public EquityPoint equity;
  /** Set when the record is a rejected input. */
  public RejectedEvent rejected;
  /** Set when the record is a block of feature rows. */
  public FeatureBlock featureBlock;
  /** Set when the record is a block of aligned rows. */
  public WideBlock wideBlock;

  /** Set when the record is an order report. */
  public io.quantflow.domain.OrderReport order;
  /** Set when the record is a position snapshot. */
  public io.quantflow.domain.PositionSnapshot position;

  /** Set when the record is a block of bars. */
  public io.quantflow.domain.BarBlock barBlock;

  /** Set when the record is a model prediction. */
  public io.quantflow.domain.Prediction prediction;

  /** Set when the record is a model drift alert. */
  public io.quantflow.operators.ml.DriftTracker.Event drift;

  /** Set when the record is a risk report. */
  public io.quantflow.operators.risk.RiskReport riskReport;
  /** Set when the record is a risk alert. */
  public io.quantflow.operators.risk.RiskAlert riskAlert;

  /** For Flink's POJO serializer. */
  public RunRecord() {}

  /**
   * Wraps {@code value}, one of the run output types.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static RunRecord of(String output, Object value) {
    RunRecord r = new RunRecord();
    r.output = Objects.requireNonNull(output, "output");
    if (value instanceof FeatureRow f) {
      r.feature = f;
    } else if (value instanceof WideRow w) {
      r.wide = w;
    } else if (value instanceof Signal s) {
      r.signal = s;
    } else if (value instanceof Fill f) {
      r.fill = f;
    } else if (value instanceof EquityPoint e) {
      r.equity = e;
    } else if (value instanceof RejectedEvent x) {
      r.rejected = x;
    } else if (value instanceof FeatureBlock b) {
      r.featureBlock = b;
    } else if (value instanceof WideBlock b) {
      r.wideBlock = b;
    } else if (value instanceof io.quantflow.domain.BarBlock b) {
      r.barBlock = b;
    } else if (value instanceof io.quantflow.domain.OrderReport o) {
      r.order = o;
    } else if (value instanceof io.quantflow.domain.PositionSnapshot p) {
      r.position = p;
    } else if (value instanceof io.quantflow.domain.Prediction p) {
      r.prediction = p;
    } else if (value instanceof io.quantflow.operators.ml.DriftTracker.Event d) {
      r.drift = d;
    } else if (value instanceof io.quantflow.operators.risk.RiskReport x) {
      r.riskReport = x;
    } else if (value instanceof io.quantflow.operators.risk.RiskAlert x) {
      r.riskAlert = x;
    } else {
      throw new IllegalArgumentException("Argument 'value' must be a run output type but was "
          + (value == null ? "null" : value.getClass().getName()));
    }
    return r;
  }

  /** The wrapped value. */
  public Object value() {
    return feature != null ? feature : wide != null ? wide : signal != null ? signal : fill != null ? fill
        : equity != null ? equity : rejected != null ? rejected : featureBlock != null ? featureBlock
        : wideBlock != null ? wideBlock : order != null ? order : position != null ? position
        : prediction != null ? prediction : drift != null ? drift : riskReport != null ? riskReport
        : riskAlert != null ? riskAlert : barBlock;
  }
}
