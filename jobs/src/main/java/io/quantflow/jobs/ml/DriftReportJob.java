package io.quantflow.jobs.ml;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.RunAnalysis;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.models.ml.drift.DriftReference;
import io.quantflow.models.ml.drift.DriftReport;
import io.quantflow.models.ml.drift.DriftThresholds;
import io.quantflow.models.ml.drift.PopulationStability;
import io.quantflow.models.ml.validation.InformationCoefficient;
import io.quantflow.operators.ml.DriftConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch drift report of a registry model: the model's rows over a store (built by the same BATCH pipeline and
 * labels as its training, from its {@code train.yaml}), grouped by New York trading day, each day tested against
 * the training window stored in the artefact ({@link DriftReference}): PSI and KS per feature, PSI of the scores,
 * and the day's rank IC and hit rate of the scores against the realised label-window returns. A day that crosses a
 * threshold ({@link DriftConfig}: the same levels as the live checks) gets an alert, logged at WARN and listed in
 * {@code drift-alerts.json}.
 *
 * <p>Writes {@code drift-days.csv} (a row per day), {@code drift-features.csv} (a row per day and feature),
 * {@code drift-alerts.json} and {@code drift-report.md}.
 */
public final class DriftReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(DriftReportJob.class);

  private DriftReportJob() {}

  /**
   * One day's drift.
   *
   * @param date the New York trading date
   * @param rows the day's rows
   * @param scorePsi PSI of the day's scores against the training window's
   * @param ic rank IC of score against realised return, NaN with fewer than 3 rows
   * @param hitRate share of rows whose score's side (above or below the up threshold) matched the return's sign
   * @param features per-feature PSI and KS
   * @param alerts what crossed a threshold that day
   */
  public record Day(LocalDate date, int rows, double scorePsi, double ic, double hitRate, DriftReport features,
      List<String> alerts) {}

  /**
   * What the report found.
   *
   * @param outputDir the run folder
   * @param artifact the model
   * @param days the days in date order
   */
  public record Result(Path outputDir, ModelArtifact artifact, List<Day> days) {
    /** Every alert of every day, as "date: message". */
    public List<String> alerts() {
      List<String> out = new ArrayList<>();
      for (Day d : days) {
        for (String a : d.alerts()) {
          out.add(d.date() + ": " + a);
        }
      }
      return out;
    }
  }

  /**
   * Reports the drift of {@code name} (version {@code version}, the latest when null) over {@code store}.
   *
   * @throws Exception when the Flink job fails
   */
  public static Result run(ModelRegistry registry, String name, Integer version, BarStore store, DriftConfig config,
      Path outputDir, Progress progress) throws Exception {
    ModelArtifact artifact = ModelStage.load(registry, name, version);
    int v = artifact.info().version();
    DriftReference ref = artifact.drift();
    if (ref == null) {
      throw new UserError(name + " v" + v + " has no drift reference (published before drift checks existed); "
          + "retrain it with 'quant train --name " + name + "'");
    }
    Path yaml = registry.versionDir(name, v).resolve("train.yaml");
    if (!Files.exists(yaml)) {
      throw new UserError(name + " v" + v + " has no train.yaml in " + yaml.getParent() + "; the drift report "
          + "works on models published by 'quant train'");
    }
    TrainingSet set = TrainingSet.build(ConfigLoader.load(yaml, TrainConfig.class), store, progress);
    if (!set.features().equals(ref.names())) {
      throw new UserError("the rows rebuilt from " + yaml + " have features " + set.features() + ", not the "
          + "model's " + ref.names());
    }
    ExchangeCalendar nyse = ExchangeCalendar.nyse();
    Map<LocalDate, List<Integer>> byDay = new TreeMap<>();
    for (int i = 0; i < set.size(); i++) {
      byDay.computeIfAbsent(nyse.localDate(set.t0Micros()[i]), d -> new ArrayList<>()).add(i);
    }
    DriftThresholds th = config.thresholds();
    List<Day> days = new ArrayList<>();
    for (Map.Entry<LocalDate, List<Integer>> e : byDay.entrySet()) {
      List<Integer> idx = e.getValue();
      int n = idx.size();
      double[][] x = new double[n][];
      double[] score = new double[n];
      double[] ret = new double[n];
      int hits = 0;
      for (int k = 0; k < n; k++) {
        int i = idx.get(k);
        x[k] = set.x()[i];
        score[k] = artifact.predictor().predict(x[k]);
        ret[k] = set.ret()[i];
        hits += (score[k] > ref.upThreshold()) == (ret[k] > 0) ? 1 : 0;
      }
      DriftReport features = ref.features().report(x, th);
      double scorePsi = PopulationStability.psi(ref.scores(), score);
      double ic = n >= 3 ? InformationCoefficient.spearman(score, ret) : Double.NaN;
      double hitRate = (double) hits / n;
      List<String> alerts = new ArrayList<>();
      for (DriftReport.Feature f : features.features()) {
        if (f.psi() > th.psiSignificant()) {
          alerts.add(String.format(Locale.ROOT, "feature %s PSI %.3f > %.2f", f.name(), f.psi(), th.psiSignificant()));
        }
        if (f.ksPValue() < th.ksPValue()) {
          alerts.add(String.format(Locale.ROOT, "feature %s KS D %.3f, p %.2g < %.2g", f.name(), f.ks(),
              f.ksPValue(), th.ksPValue()));
        }
      }
      if (scorePsi > th.psiSignificant()) {
        alerts.add(String.format(Locale.ROOT, "score PSI %.3f > %.2f", scorePsi, th.psiSignificant()));
      }
      boolean enough = ref.horizonBars() > 0 && n >= th.minObservations();
      if (enough && ic < th.icFloor()) {
        alerts.add(String.format(Locale.ROOT, "rank IC %.3f < %.3f", ic, th.icFloor()));
      }
      if (enough && hitRate < th.hitRateFloor()) {
        alerts.add(String.format(Locale.ROOT, "hit rate %.1f%% < %.1f%%", 100 * hitRate, 100 * th.hitRateFloor()));
      }
      for (String a : alerts) {
        LOG.warn("Model {} v{} on {}: {}", name, v, e.getKey(), a);
      }
      days.add(new Day(e.getKey(), n, scorePsi, ic, hitRate, features, List.copyOf(alerts)));
      progress.report(String.format(Locale.ROOT, "%s: %,d rows, score PSI %.3f, IC %.3f, hit rate %.1f%%, %d alerts",
          e.getKey(), n, scorePsi, ic, 100 * hitRate, alerts.size()));
    }
    write(outputDir, name, v, days);
    return new Result(outputDir, artifact, days);
  }

  private static void write(Path dir, String name, int version, List<Day> days) throws java.io.IOException {
    StringBuilder daysCsv = new StringBuilder("date,rows,score_psi,ic,hit_rate,max_feature_psi,alerts\n");
    StringBuilder featuresCsv = new StringBuilder("date,feature,psi,ks,ks_p_value,n,missing\n");
    List<Map<String, Object>> alerts = new ArrayList<>();
    StringBuilder md = new StringBuilder("# Drift report: ").append(name).append(" v").append(version)
        .append("\n\nEach trading day's rows against the training window stored with the model (see "
            + "docs/models.md, Drift).\n\n| date | rows | score PSI | rank IC | hit rate | max feature PSI | alerts |\n"
            + "|---|---:|---:|---:|---:|---:|---|\n");
    for (Day d : days) {
      daysCsv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%d%n", d.date(), d.rows(), num(d.scorePsi()),
          num(d.ic()), num(d.hitRate()), num(d.features().maxPsi()), d.alerts().size()));
      for (DriftReport.Feature f : d.features().features()) {
        featuresCsv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d%n", d.date(), f.name(), num(f.psi()),
            num(f.ks()), num(f.ksPValue()), f.nCurrent(), f.nMissing()));
      }
      md.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %.1f%% | %.3f | %d |%n", d.date(), d.rows(),
          d.scorePsi(), d.ic(), 100 * d.hitRate(), d.features().maxPsi(), d.alerts().size()));
      for (String a : d.alerts()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", d.date().toString());
        m.put("model", name);
        m.put("version", version);
        m.put("message", a);
        alerts.add(m);
      }
    }
    md.append("\n## Alerts\n");
    for (Day d : days) {
      if (!d.alerts().isEmpty()) {
        md.append("\n### ").append(d.date()).append("\n\n");
        d.alerts().forEach(a -> md.append("- ").append(a).append('\n'));
      }
    }
    if (alerts.isEmpty()) {
      md.append("\nNone: every day is within the thresholds.\n");
    }
    RunOutputs.writeText(dir.resolve("drift-days.csv"), daysCsv.toString());
    RunOutputs.writeText(dir.resolve("drift-features.csv"), featuresCsv.toString());
    RunOutputs.writeText(dir.resolve("drift-report.md"), md.toString());
    RunOutputs.writeText(dir.resolve("drift-alerts.json"), ConfigLoader.json().writeValueAsString(alerts) + "\n");
  }

  private static String num(double v) {
    Double d = RunAnalysis.finite(v);
    return d == null ? "" : Double.toString(d);
  }
}
