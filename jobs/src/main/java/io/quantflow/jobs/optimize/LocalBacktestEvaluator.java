package io.quantflow.jobs.optimize;

import io.quantflow.domain.Checks;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Path;

/**
 * The in-process backtest of one trial over a store. <b>Placeholder:</b> the real evaluator lands with the
 * portfolio engine; until then {@link #evaluate} throws, and optimisation and walk-forward are exercised with
 * test evaluators.
 */
public final class LocalBacktestEvaluator implements TrialEvaluator {
  private static final long serialVersionUID = 1L;

  /** The store's root folder as a string, so the evaluator serialises to task managers. */
  private final String storeRoot;

  /**
   * An evaluator over the bar store at {@code storeRoot}, a path that must exist on every task manager.
   *
   * @param storeRoot the store's root folder (with {@code bars/})
   */
  public LocalBacktestEvaluator(Path storeRoot) {
    this.storeRoot = Checks.notNull(storeRoot, "storeRoot").toAbsolutePath().normalize().toString();
  }

  /** Always throws until the portfolio engine lands. */
  @Override
  public TrialResult evaluate(JobConfig config, Window window) {
    throw new UnsupportedOperationException("LocalBacktestEvaluator lands with the portfolio engine");
  }

  @Override
  public String toString() {
    return "LocalBacktestEvaluator[" + storeRoot + "]";
  }
}
