package io.quantflow.jobs.ml;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.RunAnalysis;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.models.ml.LabelInfo;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelInfo;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.models.ml.ModelSpec;
import io.quantflow.models.ml.ModelTask;
import io.quantflow.models.ml.Predictor;
import io.quantflow.models.ml.Trainer;
import io.quantflow.models.ml.drift.DriftReference;
import io.quantflow.models.ml.validation.ClassificationMetrics;
import io.quantflow.models.ml.validation.FoldMetrics;
import io.quantflow.models.ml.validation.InformationCoefficient;
import io.quantflow.models.ml.validation.MetricSummary;
import io.quantflow.models.ml.validation.PurgedKFold;
import io.quantflow.models.ml.validation.Split;
import io.quantflow.models.ml.validation.WalkForwardSplits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code quant train}: builds the training set with the pipeline (a bounded Flink job), validates the model spec out
 * of sample (purged k-fold with embargo, or walk-forward), trains the final model on every sample and publishes it
 * to the registry as the next version. The run folder gets the training set with the out-of-fold predictions
 * ({@code training-set.parquet}), the validation ({@code validation.json}), the model's metadata ({@code model.json})
 * and the configuration ({@code train.yaml}).
 */
public final class TrainJob {
  private TrainJob() {}

  /**
   * What a training run produced.
   *
   * @param outputDir the run folder
   * @param artifact the published model (its version assigned)
   * @param set the samples
   * @param splits the validation splits
   * @param folds metrics per fold
   * @param summary mean and spread of the fold metrics
   * @param outOfFold each sample's out-of-fold score, NaN where the sample was in no test fold
   */
  public record Result(Path outputDir, ModelArtifact artifact, TrainingSet set, List<Split> splits,
      List<FoldMetrics> folds, MetricSummary summary, double[] outOfFold) {}

  /**
   * Runs the training.
   *
   * @throws Exception when the Flink job fails
   */
  public static Result run(TrainConfig config, BarStore store, Path outputDir, ModelRegistry registry,
      Progress progress) throws Exception {
    TrainingSet set = TrainingSet.build(config, store, progress);
    progress.report(String.format(Locale.ROOT, "training set: %,d samples, %d features, %.1f%% positive",
        set.size(), set.features().size(), 100 * set.positiveRate()));
    Validated v = validate(config, set, progress);
    progress.report("training the final model on all " + set.size() + " samples");
    ModelSpec spec = config.model();
    Predictor predictor = Trainer.train(spec, set.x(), set.y(), set.ret());
    ModelInfo info = ModelInfo.of(spec, labelInfo(config), set.trainStartMicros(), set.trainEndMicros(), set.x(),
        spec.task() == ModelTask.REGRESSION ? set.ret() : set.yAsDouble(), validationJson(config, v));
    ModelArtifact published = registry.publish(new ModelArtifact(info, predictor,
        driftReference(spec, set, v.outOfFold, predictor, info.label().horizonBars())));
    Path versionDir = registry.versionDir(published.info().name(), published.info().version());
    String yaml = ConfigLoader.toYaml(config);
    RunOutputs.writeText(versionDir.resolve("train.yaml"), yaml);
    RunOutputs.writeText(outputDir.resolve("train.yaml"), yaml);
    java.nio.file.Files.copy(versionDir.resolve("model.json"), outputDir.resolve("model.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    RunOutputs.writeText(outputDir.resolve("validation.json"),
        ConfigLoader.json().writeValueAsString(published.info().validation()));
    writeSamples(outputDir, set, v);
    return new Result(outputDir, published, set, v.splits, v.folds, v.summary, v.outOfFold);
  }

  /**
   * The training window's reference for drift checks: the features of every sample and the out-of-fold scores (the
   * final model's own scores where no fold tested a sample, e.g. a regime model, which is not validated).
   */
  static DriftReference driftReference(ModelSpec spec, TrainingSet set, double[] outOfFold, Predictor predictor,
      int horizonBars) {
    double[] scores = outOfFold.clone();
    boolean any = false;
    for (double s : scores) {
      any |= !Double.isNaN(s);
    }
    if (!any) {
      for (int i = 0; i < scores.length; i++) {
        scores[i] = predictor.predict(set.x()[i]);
      }
    }
    boolean regime = spec.task() == ModelTask.REGIME;
    double up = spec.task() == ModelTask.CLASSIFICATION ? 0.5 : 0.0;
    return DriftReference.of(set.features(), set.x(), scores, set.symbol(), up, regime ? 0 : horizonBars);
  }

  /** The out-of-sample evaluation of {@code config.model()} on {@code set}. */
  record Validated(List<Split> splits, int[] foldOf, double[] outOfFold, List<FoldMetrics> folds,
      MetricSummary summary) {}

  static Validated validate(TrainConfig config, TrainingSet set, Progress progress) {
    List<Split> splits = splits(config, set);
    int n = set.size();
    double[] oof = new double[n];
    int[] foldOf = new int[n];
    Arrays.fill(oof, Double.NaN);
    Arrays.fill(foldOf, -1);
    List<FoldMetrics> folds = new ArrayList<>();
    ModelSpec spec = config.model();
    for (Split s : splits) {
      if (s.train().length == 0 || s.test().length == 0) {
        progress.report("fold " + s.fold() + ": no training samples left after purging; skipped");
        continue;
      }
      double[][] xTrain = rows(set.x(), s.train());
      Predictor p = Trainer.train(spec, xTrain, pick(set.y(), s.train()), pick(set.ret(), s.train()));
      double[] score = new double[s.test().length];
      for (int i = 0; i < score.length; i++) {
        int row = s.test()[i];
        score[i] = p.predict(set.x()[row]);
        oof[row] = score[i];
        foldOf[row] = s.fold();
      }
      int[] y = pick(set.y(), s.test());
      double[] ret = pick(set.ret(), s.test());
      FoldMetrics m = spec.task() == ModelTask.CLASSIFICATION ? FoldMetrics.of(s, score, y, ret)
          : new FoldMetrics(s.fold(), s.train().length, s.test().length, ClassificationMetrics.auc(score, y),
              Double.NaN, Double.NaN, Double.NaN, InformationCoefficient.spearman(score, ret));
      folds.add(m);
      progress.report(String.format(Locale.ROOT, "fold %d: train %,d, test %,d, AUC %.4f, log loss %.4f, IC %.4f",
          s.fold(), m.nTrain(), m.nTest(), m.auc(), m.logLoss(), m.ic()));
    }
    return new Validated(splits, foldOf, oof, folds, folds.isEmpty() ? null : MetricSummary.of(folds));
  }

  static List<Split> splits(TrainConfig config, TrainingSet set) {
    TrainConfig.Validation v = config.validation();
    long embargo = embargoMicros(config);
    if (config.model().task() == ModelTask.REGIME) {
      return List.of(); // no labels to validate against
    }
    if (v.method().equals("walk-forward")) {
      int minTrain = Math.max(1, (int) Math.round(set.size() * v.minTrainFraction()));
      return WalkForwardSplits.ofSteps(minTrain, v.folds()).withEmbargoMicros(embargo)
          .split(set.t0Micros(), set.t1Micros());
    }
    return new PurgedKFold(v.folds(), embargo).split(set.t0Micros(), set.t1Micros());
  }

  /** The embargo: as configured, else the label horizon. */
  static long embargoMicros(TrainConfig config) {
    var e = config.validation().embargo();
    return e != null ? e.toNanos() / 1000
        : config.label().horizonBars() * config.pipeline().pipeline().baseTimeframe().durationMicros();
  }

  private static Map<String, Object> validationJson(TrainConfig config, Validated v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", config.validation().method());
    out.put("embargoMicros", embargoMicros(config));
    List<Map<String, Object>> folds = new ArrayList<>();
    for (FoldMetrics f : v.folds) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fold", f.fold());
      m.put("nTrain", f.nTrain());
      m.put("nTest", f.nTest());
      m.put("auc", RunAnalysis.finite(f.auc()));
      m.put("logLoss", RunAnalysis.finite(f.logLoss()));
      m.put("accuracy", RunAnalysis.finite(f.accuracy()));
      m.put("brier", RunAnalysis.finite(f.brier()));
      m.put("ic", RunAnalysis.finite(f.ic()));
      folds.add(m);
    }
    out.put("folds", folds);
    if (v.summary != null) {
      out.put("auc", stat(v.summary.auc()));
      out.put("logLoss", stat(v.summary.logLoss()));
      out.put("accuracy", stat(v.summary.accuracy()));
      out.put("brier", stat(v.summary.brier()));
      out.put("ic", stat(v.summary.ic()));
    }
    return out;
  }

  private static Map<String, Object> stat(MetricSummary.Stat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", RunAnalysis.finite(s.mean()));
    m.put("std", RunAnalysis.finite(s.stdev()));
    m.put("folds", s.count());
    return m;
  }


  private static LabelInfo labelInfo(TrainConfig config) {
    TrainConfig.Label l = config.label();
    if (config.model().task() == ModelTask.REGIME) {
      return LabelInfo.none();
    }
    Map<String, Double> barriers = new LinkedHashMap<>();
    if (!l.kind().equals("forward-return")) {
      barriers.put("profitTake", l.profitTake());
      barriers.put("stopLoss", l.stopLoss());
    } else {
      barriers.put("minAbsReturn", l.minAbsReturn());
    }
    return new LabelInfo(l.kind(), l.horizonBars(), barriers);
  }

  private static void writeSamples(Path dir, TrainingSet set, Validated v) {
    ParquetTable.Builder<Integer> b = ParquetTable.<Integer>builder("training_set")
        .string("symbol", i -> set.symbol()[i])
        .timestampMicros("t0", i -> set.t0Micros()[i])
        .timestampMicros("t1", i -> set.t1Micros()[i]);
    for (int j = 0; j < set.features().size(); j++) {
      int col = j;
      b.float64(set.features().get(j), i -> set.x()[i][col]);
    }
    b.int64("label", i -> set.y()[i])
        .float64("ret", i -> set.ret()[i])
        .int64("fold", i -> v.foldOf[i])
        .optionalFloat64("oof_score", i -> v.outOfFold[i]);
    List<Integer> rows = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      rows.add(i);
    }
    RunOutputs.table(dir, "training-set", b.build(), rows);
  }

  static double[][] rows(double[][] x, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  static int[] pick(int[] v, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }

  static double[] pick(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }
}
