package io.quantflow.jobs.ml;

import io.quantflow.connectors.models.ModelRegistrySource;
import io.quantflow.domain.ModelUpdate;
import io.quantflow.jobs.cli.QuantHome;
import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.ModelSettings;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.operators.ml.ArtefactLoader;
import io.quantflow.operators.ml.ModelGateFunction;
import io.quantflow.operators.pipeline.QuantPipeline;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The model step of a job: when {@code model.name} is set, the registry's model goes between the rule signals and
 * the portfolio ({@link QuantPipeline#gated}), in backtests and in the live job alike. A live job follows the
 * registry (a new version replaces the current one without a restart); a backtest uses the one version it started
 * with, so that it is reproducible.
 */
public final class ModelStage {
  private ModelStage() {}

  /** The registry of {@code settings}: its folder, else the default under the QuantFlow home. */
  public static ModelRegistry registry(ModelSettings settings) {
    Path dir = settings.registry() != null ? settings.registry() : QuantHome.registry();
    return new ModelRegistry(dir.toAbsolutePath().normalize());
  }

  /** The configured version (default the latest), with a message saying how to get one when there is none. */
  public static ModelArtifact load(ModelSettings settings) {
    return load(registry(settings), settings.name(), settings.version());
  }

  /** Version {@code version} of {@code name} in {@code reg} (the latest when null), or a message saying what to do. */
  public static ModelArtifact load(ModelRegistry reg, String name, Integer version) {
    try {
      return version == null ? reg.latest(name) : reg.load(name, version);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new UserError("model " + name + (version == null ? "" : " v" + version) + " is not in the registry "
          + reg.root() + " (" + e.getMessage() + "); train one with 'quant train --name " + name + "' or fix "
          + "model.registry / --registry");
    }
  }

  /**
   * {@code stage} with the configured model, or null when no model is configured.
   *
   * @param follow whether to watch the registry for new versions (the live job); otherwise the starting version only
   */
  public static QuantPipeline.Gated attach(StreamExecutionEnvironment env, JobConfig config,
      QuantPipeline.Features stage, boolean follow) {
    ModelSettings settings = config.model();
    if (!settings.enabled()) {
      return null;
    }
    ModelUpdate initial = ArtefactLoader.update(load(settings));
    var schema = config.pipeline().alignment().schema();
    if (!follow || !settings.follow()) {
      return QuantPipeline.gated(stage, new ModelGateFunction.Fixed(initial, schema, settings.gate(),
          settings.drift(), ArtefactLoader.INSTANCE));
    }
    ModelGateFunction gate = new ModelGateFunction(settings.name(), initial, schema, settings.gate(),
        settings.drift(), ArtefactLoader.INSTANCE);
    DataStream<ModelUpdate> updates = env.fromSource(
            ModelRegistrySource.of(registry(settings).root(), settings.pollInterval()),
            WatermarkStrategy.<byte[]>forGenerator(ctx -> new NoEventTime()), "model-registry")
        .setParallelism(1).uid("model-registry")
        .map(ModelStage::toUpdate, TypeInformation.of(ModelUpdate.class)).setParallelism(1).name("model-update");
    return QuantPipeline.gated(stage, gate, updates);
  }

  private static ModelUpdate toUpdate(byte[] bytes) {
    ModelArtifact a = ModelArtifact.fromBytes(bytes);
    return new ModelUpdate(a.info().name(), a.info().version(), bytes);
  }

  /**
   * Model versions carry no event time: this side never holds back the gate's watermark, which the bars alone
   * decide.
   */
  static final class NoEventTime implements WatermarkGenerator<byte[]> {
    @Override
    public void onEvent(byte[] event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
  }
}
