package io.quantflow.jobs.config;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.ModelSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code quant train} reads ({@code config/model.yaml}): the feature pipeline that builds the training set (the
 * same pipeline, and so the same aligned columns, as the backtest and the live job), the label, the model and how it
 * is validated. Every section is optional; {@link #defaults()} is the bundled spec. Reference: {@code docs/models.md}.
 *
 * @param pipeline the job configuration whose pipeline computes the features (timeframe, features, signal, timing),
 *     as in {@code config/backtest.yaml}; default all defaults
 * @param label how samples are labelled
 * @param model the model: name, type, task, features (aligned column names or {@code a/b} distances), hyper-parameters;
 *     default {@link ModelSpec#defaultSpec} over {@link #defaultFeatures}
 * @param validation how the model is validated before it is published
 */
public record TrainConfig(JobConfig pipeline, Label label, ModelSpec model, Validation validation) {

  /** Fills defaults. */
  public TrainConfig {
    pipeline = pipeline == null ? JobConfig.defaults() : pipeline;
    label = label == null ? new Label(null, null, null, null, null, null, null, null) : label;
    validation = validation == null ? new Validation(null, null, null, null) : validation;
    if (model == null) {
      model = ModelSpec.defaultSpec(defaultFeatures(pipeline)).withName(DEFAULT_NAME);
    }
  }

  /** The registry name of the bundled spec's model. */
  public static final String DEFAULT_NAME = "trend-gbt";

  /** The bundled spec: the default pipeline, a triple-barrier label, the default gradient-boosting model. */
  public static TrainConfig defaults() {
    return new TrainConfig(null, null, null, null);
  }

  /**
   * Features that mean the same thing for every symbol and price level, on every timeframe of the pipeline: the
   * one-bar return, the distance of the close from its EMA and SMA, the RSI and the realised volatility, where the
   * pipeline computes them.
   */
  public static List<String> defaultFeatures(JobConfig pipeline) {
    var schema = pipeline.pipeline().alignment().schema().names();
    List<String> out = new ArrayList<>();
    for (var tf : pipeline.pipeline().timeframes()) {
      String t = "_" + tf.label();
      for (String f : List.of("ret_1" + t, "close" + t + "/ema_20" + t, "close" + t + "/sma_20" + t,
          "rsi_14_wilder" + t, "rvol_20_cc" + t)) {
        String[] parts = f.split("/");
        boolean present = true;
        for (String p : parts) {
          present &= schema.contains(p);
        }
        if (present) {
          out.add(f);
        }
      }
    }
    Checks.isTrue(!out.isEmpty(), "The pipeline computes none of the default model features; list 'model.features'");
    return out;
  }

  /**
   * The label (López de Prado, ch. 3). A label is information from the future by construction: it uses the prices
   * after the bar it labels and is never a feature.
   *
   * @param kind {@code triple-barrier} (default): +1 when the profit-take is touched first, else 0 (stop-loss, or
   *     a non-positive return at the vertical barrier); {@code forward-return}: the sign of the return over
   *     {@code horizonBars} (samples inside the dead zone {@code minAbsReturn} are dropped); {@code meta}: 1 when
   *     taking the rule signal's side earned a positive return under the barriers, on bars where the rule holds a
   *     position (a filter for the primary signal)
   * @param horizonBars the horizon (vertical barrier) in base bars; default 15
   * @param profitTake profit-take barrier in multiples of the volatility; default 2
   * @param stopLoss stop-loss barrier in multiples of the volatility; default 2
   * @param volScaling {@code sqrt-horizon} (default: the per-bar volatility times the square root of the horizon)
   *     or {@code per-bar}
   * @param volFeature the aligned column holding the per-bar volatility; default {@code rvol_20_cc_<base>}
   * @param minAbsReturn the forward-return label's dead zone, decimal; default 0
   * @param sameSession whether a label window must end on the trading day it starts (default true: an overnight gap
   *     is not what an intraday model predicts)
   */
  public record Label(String kind, Integer horizonBars, Double profitTake, Double stopLoss, String volScaling,
      String volFeature, Double minAbsReturn, Boolean sameSession) {
    /** Fills defaults and checks values. */
    public Label {
      kind = kind == null ? "triple-barrier" : kind.toLowerCase(Locale.ROOT);
      Checks.isTrue(List.of("triple-barrier", "forward-return", "meta").contains(kind),
          "Setting 'label.kind' must be triple-barrier, forward-return or meta but was '%s'", kind);
      horizonBars = Checks.positive(horizonBars == null ? 15 : horizonBars, "label.horizonBars");
      profitTake = Checks.notNegative(profitTake == null ? 2.0 : profitTake, "label.profitTake");
      stopLoss = Checks.notNegative(stopLoss == null ? 2.0 : stopLoss, "label.stopLoss");
      volScaling = volScaling == null ? "sqrt-horizon" : volScaling.toLowerCase(Locale.ROOT);
      Checks.isTrue(volScaling.equals("sqrt-horizon") || volScaling.equals("per-bar"),
          "Setting 'label.volScaling' must be sqrt-horizon or per-bar but was '%s'", volScaling);
      minAbsReturn = Checks.notNegative(minAbsReturn == null ? 0.0 : minAbsReturn, "label.minAbsReturn");
      sameSession = sameSession == null || sameSession;
    }
  }

  /**
   * How the model is validated: out-of-sample folds whose training samples never overlap a test sample's label
   * window (purging) nor follow it closely (embargo). A shuffled k-fold is not offered: with overlapping labels it
   * leaks the test labels into training.
   *
   * @param method {@code purged-kfold} (default) or {@code walk-forward} (training always before the test block)
   * @param folds number of folds (k-fold) or test blocks (walk-forward); default 5
   * @param embargo the embargo after each test block (k-fold) or the gap before it (walk-forward); default the label
   *     horizon in base bars
   * @param minTrainFraction walk-forward: the share of samples before the first test block; default 0.4
   */
  public record Validation(String method, Integer folds, Duration embargo, Double minTrainFraction) {
    /** Fills defaults and checks values. */
    public Validation {
      method = method == null ? "purged-kfold" : method.toLowerCase(Locale.ROOT);
      Checks.isTrue(method.equals("purged-kfold") || method.equals("walk-forward"),
          "Setting 'validation.method' must be purged-kfold or walk-forward but was '%s' (a shuffled k-fold leaks "
              + "overlapping labels and is not offered)", method);
      folds = folds == null ? 5 : folds;
      Checks.isTrue(folds >= 2, "Setting 'validation.folds' must be at least 2 but was %d", folds);
      minTrainFraction = Checks.inRange(minTrainFraction == null ? 0.4 : minTrainFraction, 0.05, 0.95,
          "validation.minTrainFraction");
    }
  }
}
