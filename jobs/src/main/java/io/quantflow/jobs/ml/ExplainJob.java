package io.quantflow.jobs.ml;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.models.ml.ModelTask;
import io.quantflow.models.ml.Predictor;
import io.quantflow.models.ml.Trainer;
import io.quantflow.models.ml.explain.FeatureImportance;
import io.quantflow.models.ml.explain.PermutationImportance;
import io.quantflow.models.ml.explain.Shap;
import io.quantflow.models.ml.validation.MetricSummary;
import io.quantflow.models.ml.validation.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code quant explain}: why a registry model predicts what it does, on the data it was trained on (rebuilt from the
 * store with its {@code train.yaml}). Permutation importance is measured on the held-out fold of every validation
 * split (each fold's model retrained deterministically on its training part, as in {@code quant train}), so it says
 * what the model relies on out of sample; SHAP values (TreeSHAP for tree models, exact linear SHAP for logistic and
 * linear models, in the margin space: log-odds for classifiers) explain the published model. Writes
 * {@code importance.csv}, {@code importance.svg} and, on request, {@code shap-values.parquet} with one row per
 * sample.
 */
public final class ExplainJob {
  private ExplainJob() {}

  /**
   * One feature's importance.
   *
   * @param feature the feature
   * @param permutationMean mean drop of the held-out metric (AUC for classifiers, R² for regressors) when the feature
   *     is shuffled, averaged over folds
   * @param permutationStd standard deviation of the drop across folds
   * @param meanAbsShap mean absolute SHAP value of the published model over the samples (margin units)
   */
  public record Row(String feature, double permutationMean, double permutationStd, double meanAbsShap) {}

  /**
   * What an explanation produced.
   *
   * @param outputDir the run folder
   * @param artifact the explained model
   * @param rows features by permutation importance, most important first
   * @param dataMatches whether the rebuilt training set has the artefact's data hash
   */
  public record Result(Path outputDir, ModelArtifact artifact, List<Row> rows, boolean dataMatches) {}

  /**
   * Explains {@code name} (version {@code version}, or the latest when null).
   *
   * @param perPrediction whether to write every sample's SHAP values
   * @throws Exception when the Flink job fails
   */
  public static Result run(ModelRegistry registry, String name, Integer version, BarStore store, Path outputDir,
      boolean perPrediction, Progress progress) throws Exception {
    ModelArtifact artifact = ModelStage.load(registry, name, version);
    int v = artifact.info().version();
    Path yaml = registry.versionDir(name, v).resolve("train.yaml");
    if (!Files.exists(yaml)) {
      throw new UserError(name + " v" + v + " has no train.yaml in " + yaml.getParent() + "; explain works on "
          + "models published by 'quant train'");
    }
    TrainConfig config = ConfigLoader.load(yaml, TrainConfig.class);
    TrainingSet set = TrainingSet.build(config, store, progress);
    boolean regression = config.model().task() == ModelTask.REGRESSION;
    double[] target = regression ? set.ret() : set.yAsDouble();
    boolean matches = io.quantflow.models.ml.DataHash.of(set.x(), target).equals(artifact.info().dataHash());
    if (!matches) {
      progress.report("note: this data differs from the training data (data hash); explaining on this data");
    }
    PermutationImportance.Metric metric = regression ? PermutationImportance.Metric.R_SQUARED
        : PermutationImportance.Metric.AUC;
    List<String> names = set.features();
    int p = names.size();
    List<double[]> perFold = new ArrayList<>();
    for (Split s : TrainJob.splits(config, set)) {
      if (s.train().length == 0 || s.test().length < 2) {
        continue;
      }
      Predictor m = Trainer.train(config.model(), TrainJob.rows(set.x(), s.train()),
          TrainJob.pick(set.y(), s.train()), TrainJob.pick(set.ret(), s.train()));
      List<FeatureImportance> fi = PermutationImportance.compute(m, TrainJob.rows(set.x(), s.test()),
          TrainJob.pick(target, s.test()), names, metric, 3, config.model().seed() + s.fold());
      double[] drop = new double[p];
      fi.forEach(f -> drop[f.index()] = f.mean());
      perFold.add(drop);
      progress.report("fold " + s.fold() + ": permutation importance on " + s.test().length + " held-out samples");
    }
    double[] meanAbs = new double[p];
    Shap shap = null;
    try {
      shap = Shap.of(artifact.predictor(), set.x());
      for (FeatureImportance f : shap.meanAbsolute(set.x(), names)) {
        meanAbs[f.index()] = f.mean();
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      progress.report("note: no SHAP values for " + artifact.info().type() + " (" + e.getMessage() + ")");
      java.util.Arrays.fill(meanAbs, Double.NaN);
    }
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      double[] drops = new double[perFold.size()];
      for (int f = 0; f < drops.length; f++) {
        drops[f] = perFold.get(f)[j];
      }
      MetricSummary.Stat across = MetricSummary.Stat.of(drops);
      rows.add(new Row(names.get(j), across.mean(), across.stdev(), meanAbs[j]));
    }
    rows.sort(Comparator.comparingDouble((Row r) -> -r.permutationMean()).thenComparing(Row::feature));
    writeCsv(outputDir.resolve("importance.csv"), rows);
    RunOutputs.writeText(outputDir.resolve("importance.svg"), svg(name + " v" + v, metric, rows));
    if (perPrediction && shap != null) {
      writeShap(outputDir, set, shap);
    }
    return new Result(outputDir, artifact, rows, matches);
  }

  private static void writeCsv(Path file, List<Row> rows) {
    StringBuilder sb = new StringBuilder("rank,feature,permutation_mean,permutation_std,mean_abs_shap\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      sb.append(String.format(Locale.ROOT, "%d,%s,%.6g,%.6g,%.6g%n", i + 1, r.feature(), r.permutationMean(),
          r.permutationStd(), r.meanAbsShap()));
    }
    RunOutputs.writeText(file, sb.toString());
  }

  /** Horizontal bars of the permutation importance, whiskers of one standard deviation across folds. */
  static String svg(String title, PermutationImportance.Metric metric, List<Row> rows) {
    int rowH = 22;
    int left = 230;
    int width = 760;
    int plot = width - left - 40;
    int height = 60 + rows.size() * rowH;
    double max = 1e-12;
    for (Row r : rows) {
      if (Double.isFinite(r.permutationMean())) {
        max = Math.max(max, Math.abs(r.permutationMean()) + (Double.isFinite(r.permutationStd()) ? r.permutationStd()
            : 0));
      }
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
            + "font-size=\"12\">%n<text x=\"10\" y=\"20\" font-size=\"14\">%s: permutation importance (drop of "
            + "held-out %s, mean of folds, whisker 1 sd)</text>%n", width, height, escape(title), metric));
    int zero = left + plot / 2;
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"35\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", zero,
        zero, height - 10));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int y = 40 + i * rowH;
      double m = Double.isFinite(r.permutationMean()) ? r.permutationMean() : 0;
      int w = (int) Math.round(Math.abs(m) / max * plot / 2);
      int x = m >= 0 ? zero : zero - w;
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 8,
          y + 14, escape(r.feature())));
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>%n", x,
          y + 2, Math.max(w, 1), m >= 0 ? "#3a6ea5" : "#c0504d"));
      if (Double.isFinite(r.permutationStd())) {
        int x1 = zero + (int) Math.round((m - r.permutationStd()) / max * plot / 2);
        int x2 = zero + (int) Math.round((m + r.permutationStd()) / max * plot / 2);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\"/>%n",
            x1, y + 10, x2, y + 10));
      }
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#444\">%.4f</text>%n",
          left + plot + 2 - 40, y + 14, m));
    }
    return sb.append("</svg>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void writeShap(Path dir, TrainingSet set, Shap shap) {
    List<double[]> values = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      values.add(shap.shap(set.x()[i]));
    }
    ParquetTable.Builder<Integer> b = ParquetTable.<Integer>builder("shap_values")
        .string("symbol", i -> set.symbol()[i])
        .timestampMicros("t0", i -> set.t0Micros()[i])
        .float64("base_value", i -> shap.baseValue())
        .float64("margin", i -> shap.margin(set.x()[i]));
    for (int j = 0; j < set.features().size(); j++) {
      int col = j;
      b.float64("shap_" + set.features().get(j), i -> values.get(i)[col]);
    }
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      rows.add(i);
    }
    RunOutputs.table(dir, "shap-values", b.build(), rows);
  }
}
