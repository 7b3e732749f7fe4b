package io.quantflow.jobs.config;

import io.quantflow.operators.ml.DriftConfig;
import io.quantflow.operators.ml.GateConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code model:} section of a job configuration: a model from the registry between the rule signals and the
 * portfolio, in backtests and in the live job alike (see {@code docs/models.md}).
 *
 * @param name the model's name in the registry; none (the default) runs without a model
 * @param registry the registry folder; default {@code notebooks-output/registry} under the QuantFlow home
 * @param version the version to use; default the latest. The live job starts with it and then follows the registry
 *     (a newer version replaces it without a restart) unless {@code follow} is false
 * @param follow whether the live job picks up versions published while it runs (default true)
 * @param pollInterval how often the live job looks for new versions (default 5 s)
 * @param gate how the model validates signals
 * @param drift how the model step checks the model's drift and decay per symbol (alerts to the log, the
 *     {@code quant.alerts} topic in the live job and {@code drift-alerts.json} in a backtest)
 */
public record ModelSettings(String name, Path registry, Integer version, Boolean follow, Duration pollInterval,
    GateConfig gate, DriftConfig drift) {

  /** No model. */
  public static final ModelSettings NONE = new ModelSettings(null, null, null, null, null, null, null);

  /** Fills defaults. */
  public ModelSettings {
    name = name == null || name.isBlank() ? null : name;
    follow = follow == null || follow;
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    gate = gate == null ? GateConfig.DEFAULT : gate;
    drift = drift == null ? DriftConfig.DEFAULT : drift;
    if (version != null && version < 1) {
      throw new IllegalArgumentException("Setting 'model.version' must be at least 1 but was " + version);
    }
  }

  /** Whether a model is configured. */
  public boolean enabled() {
    return name != null;
  }

  /** These settings for model {@code n} in {@code reg} (null keeps the current registry). */
  public ModelSettings withName(String n, Path reg) {
    return new ModelSettings(n, reg == null ? registry : reg, version, follow, pollInterval, gate, drift);
  }
}
