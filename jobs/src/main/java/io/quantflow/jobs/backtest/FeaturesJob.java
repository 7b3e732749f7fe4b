package io.quantflow.jobs.backtest;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideRow;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code quant features}: bars from a store to {@code features.parquet} (one wide row per symbol, timeframe and bar)
 * and {@code signals.parquet}, plus {@code rejected.parquet} and the effective {@code config.yaml}.
 */
public final class FeaturesJob {
  private FeaturesJob() {}

  /**
   * What a features run produced.
   *
   * @param outputDir where the files are
   * @param features feature rows written
   * @param wide aligned multi-timeframe rows written
   * @param signals signals written
   * @param rejected rejected inputs written
   */
  public record Result(Path outputDir, List<FeatureRow> features, List<WideRow> wide, List<Signal> signals,
      List<RejectedEvent> rejected) {}

  /**
   * Runs the feature pipeline over {@code store} and writes its tables into {@code outputDir}.
   *
   * @throws Exception when the Flink job fails
   */
  public static Result run(JobConfig config, BarStore store, Path outputDir, Progress progress) throws Exception {
    Inputs.require(store, config);
    PipelineConfig pipeline = config.pipeline();
    PipelineRunner runner = new PipelineRunner(config, store, progress);
    QuantPipeline.Features stage = runner.stage();
    runner.collect("features", stage.features());
    runner.collect("wide", stage.wide());
    runner.collect("signals", stage.signals());
    runner.collect("rejected", stage.rejected());
    Map<String, List<?>> out = runner.run("features");

    List<FeatureRow> features = RunOutputs.featureRows(out.get("features"));
    List<WideRow> wide = RunOutputs.wideRows(out.get("wide"));
    List<Signal> signals = RunOutputs.sorted(out.get("signals"), Signal.class, RunOutputs.SIGNAL_ORDER);
    List<RejectedEvent> rejected =
        RunOutputs.sorted(out.get("rejected"), RejectedEvent.class, RunOutputs.REJECTED_ORDER);
    progress.report("writing " + outputDir);
    RunOutputs.writeFeatures(outputDir, pipeline.schema(), features);
    RunOutputs.writeWide(outputDir, pipeline.alignment().schema(), wide);
    RunOutputs.writeSignals(outputDir, signals);
    RunOutputs.writeRejected(outputDir, rejected);
    RunOutputs.writeText(outputDir.resolve("config.yaml"), ConfigLoader.toYaml(config));
    return new Result(outputDir, features, wide, signals, rejected);
  }
}
