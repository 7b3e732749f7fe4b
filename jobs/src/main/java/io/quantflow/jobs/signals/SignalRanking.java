package io.quantflow.jobs.signals;

import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.WideRow;
import io.quantflow.models.signals.ForwardReturns;
import io.quantflow.models.signals.IcWeightedEnsemble;
import io.quantflow.models.signals.PriceSeries;
import io.quantflow.models.signals.SignalEvaluator;
import io.quantflow.models.signals.SignalObservation;
import io.quantflow.models.signals.SignalReport;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.signals.SignalCandidates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks every candidate signal of a pipeline (each voting method on each timeframe, the combined agreement signal,
 * and an ensemble of the candidates weighted by their trailing IC) against forward returns of the base timeframe.
 * Plain Java over the aligned rows a features run produced; the statistics are {@link SignalEvaluator}'s.
 */
public final class SignalRanking {
  private SignalRanking() {}

  /** The name of the IC-weighted ensemble of all method candidates. */
  public static final String ENSEMBLE = "ensemble_ic";

  /**
   * The ranking.
   *
   * @param reports one per signal and horizon, strongest first
   * @param observations scores evaluated, all signals
   */
  public record Result(List<SignalReport> reports, int observations) {}

  /**
   * Ranks the candidates of {@code pipeline} over {@code wide} (rows sorted by symbol then time).
   *
   * @param horizonsBars forward-return horizons in base bars, e.g. 1, 5, 15, 60
   * @param quantiles score quantiles for the mean-return table
   */
  public static Result rank(PipelineConfig pipeline, List<WideRow> wide, int[] horizonsBars, int quantiles) {
    FeatureSchema schema = pipeline.alignment().schema();
    SignalCandidates candidates = new SignalCandidates(pipeline.signal(), schema);
    int closeIndex = schema.indexOf("close_" + pipeline.baseTimeframe().label());
    List<String> names = candidates.names();
    List<SignalObservation> observations = new ArrayList<>();
    Map<String, List<WideRow>> bySymbol = new LinkedHashMap<>();
    for (WideRow row : wide) {
      bySymbol.computeIfAbsent(row.symbol(), s -> new ArrayList<>()).add(row);
      double[] scores = candidates.scores(row);
      for (int i = 0; i < scores.length; i++) {
        if (!Double.isNaN(scores[i])) {
          observations.add(new SignalObservation(names.get(i), row.symbol(), row.timestampMicros(), scores[i]));
        }
      }
    }
    List<PriceSeries> series = new ArrayList<>();
    bySymbol.forEach((symbol, rows) -> {
      long[] ts = new long[rows.size()];
      double[] close = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        ts[i] = rows.get(i).timestampMicros();
        close[i] = rows.get(i).value(closeIndex);
      }
      series.add(new PriceSeries(symbol, ts, close));
    });
    ForwardReturns forward = ForwardReturns.of(series, horizonsBars);

    // the ensemble learns only from the method candidates, with ICs known at each time (no look-ahead)
    List<SignalObservation> methods = observations.stream().filter(o -> !o.signal().equals("agreement")).toList();
    IcWeightedEnsemble ensemble = new IcWeightedEnsemble(horizonsBars[0], 100, 20);
    List<SignalObservation> all = new ArrayList<>(observations);
    all.addAll(ensemble.combine(ENSEMBLE, methods, forward).combined());
    List<SignalReport> reports = new SignalEvaluator(quantiles).evaluate(all, forward);
    return new Result(reports, all.size());
  }

  /** Writes {@code signal-ranking.parquet}: one row per signal and horizon, strongest first. */
  public static void write(Path dir, List<SignalReport> reports, int quantiles) {
    ParquetTable.Builder<SignalReport> b = ParquetTable.<SignalReport>builder("signal_ranking")
        .int64("rank", r -> reports.indexOf(r) + 1)
        .string("signal", SignalReport::signal)
        .int64("horizon_bars", SignalReport::horizonBars)
        .int64("observations", SignalReport::observations)
        .int64("cross_sections", SignalReport::crossSections)
        .optionalFloat64("mean_ic", SignalReport::meanIc)
        .optionalFloat64("ic_std", SignalReport::icStdDev)
        .optionalFloat64("ic_t_stat", SignalReport::icTStat)
        .optionalFloat64("ic_ir", SignalReport::icInformationRatio)
        .optionalFloat64("pooled_ic", SignalReport::pooledIc)
        .optionalFloat64("hit_rate", SignalReport::hitRate)
        .optionalFloat64("top_minus_bottom", SignalReport::topMinusBottom)
        .optionalFloat64("turnover", SignalReport::turnover)
        .optionalFloat64("score_autocorrelation", SignalReport::scoreAutocorrelation);
    for (int q = 0; q < quantiles; q++) {
      final int index = q;
      b.optionalFloat64("q" + (q + 1) + "_mean_return",
          r -> index < r.quantileMeanReturns().size() ? r.quantileMeanReturns().get(index) : Double.NaN);
    }
    ParquetFiles.write(b.build(), dir.resolve("signal-ranking.parquet"), reports);
  }
}
