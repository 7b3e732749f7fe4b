package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * What the impact model needs to know about a symbol's market, estimated by the caller from data known before the
 * decision (for example over the previous 20 trading days). This class is immutable and thread-safe.
 *
 * @param dailyVolatility standard deviation of daily returns as a decimal (0.02 = 2 percent a day), not negative
 * @param averageDailyVolume average shares traded per day, positive
 */
public record MarketContext(double dailyVolatility, double averageDailyVolume) implements Serializable {
  /** Checks both estimates. */
  public MarketContext {
    Checks.notNegative(dailyVolatility, "dailyVolatility");
    Checks.positive(averageDailyVolume, "averageDailyVolume");
  }
}
