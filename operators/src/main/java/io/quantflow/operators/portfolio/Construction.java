package io.quantflow.operators.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.portfolio.OptimizationMethod;
import java.io.Serializable;
import java.util.Locale;

/**
 * How the portfolio operator turns signals into target weights ({@code portfolio.construction}; the reference is
 * {@code docs/backtesting.md}, "Portfolio construction and rebalancing"). The default, {@code method: signal}, sizes
 * each symbol on its own signal ({@code sign x grossLeverage / universeSize} of equity) and ignores every other
 * field. The other methods run a portfolio optimiser of {@code io.quantflow.models.portfolio} over the symbols with
 * a non-flat signal at each rebalance ({@link PortfolioConstructor}). Weights are fractions of equity in the
 * direction of each symbol's signal (a weight of 0.2 on a SHORT signal is a short of 20 percent of equity). A null
 * argument takes its default; a null limit means no limit. Immutable and serializable.
 *
 * @param method {@code signal} (default), or an optimiser name of {@link OptimizationMethod}: {@code mean-variance},
 *     {@code minimum-variance}, {@code risk-parity}, {@code maximum-diversification}, {@code black-litterman},
 *     {@code volatility-target}, {@code equal-weight}, {@code inverse-volatility}
 * @param rebalance when the optimiser runs: {@code signal} (default: at the end of every instant at which a signal
 *     arrived), {@code daily} (when the first base bar of each New York session closes), {@code weekly} (the same,
 *     first session of each ISO week) or a positive integer N (every N-th instant with bars); between rebalances a
 *     signal only records the symbol's direction and strength
 * @param threshold no-trade band, fraction of equity: a symbol is traded only when
 *     {@code |target weight - current weight| > threshold}; a zero target (an exit) always trades; default 0
 * @param lookbackDays daily returns (close to close, New York sessions) the covariance is estimated from, at least
 *     2; default 60. Until every candidate has that many, the targets are inverse-volatility weights from the
 *     simulator's 20-day EWMA of daily variance, or equal weights while a candidate has none ({@code equal-weight}
 *     needs no history); the same fallback applies when the optimiser fails, e.g. on infeasible bounds
 * @param covariance the estimator of the daily covariance: {@code sample}, {@code ledoit-wolf} (default; shrinkage
 *     towards the scaled identity), {@code ewma} (RiskMetrics, decay 0.94) or {@code factor} (market plus sectors,
 *     {@code FactorCovariance}: the market the equal-weighted mean of the candidates' daily returns, the sectors
 *     {@code portfolio.sectors}, a symbol without one in the sector {@code unassigned}; needs
 *     {@code lookbackDays >= 4})
 * @param riskAversion {@code gamma} of mean-variance and {@code delta} of black-litterman, positive; default 2.5
 * @param informationCoefficient {@code IC} of Grinold's expected return {@code mu_i = direction x strength x IC x
 *     sigma_i} (daily), in (0, 1]; default 0.05
 * @param targetVolatility annual volatility, e.g. 0.10: the target of {@code volatility-target} (default 0.10 there)
 *     and, for every method, a limit: when the ex-ante volatility {@code sqrt(252 w' S w)} of the targets exceeds
 *     it, all weights are scaled by {@code targetVolatility / volatility}; default none
 * @param maxWeight largest weight of one symbol, fraction of equity; the optimiser's budget becomes
 *     {@code min(grossLeverage, n x maxWeight)} over n candidates; default none
 * @param minWeight smallest weight of one candidate, fraction of equity; default none (0 when {@code longOnly})
 * @param longOnly whether weights must be at least 0, that is, never against the symbol's signal; default true
 * @param maxTurnover largest {@code sum_i |w_i - w0_i|} over the candidates per rebalance, fraction of equity;
 *     default none
 * @param maxCorrelation correlation limit in [-1, 1]: a candidate not already held in its signal's direction whose
 *     daily returns (signed by the signal) correlate with the current book's by more than this gets no weight;
 *     default none
 * @param drawdownLimit drawdown in (0, 1) from the peak valuation beyond which targets are scaled by
 *     {@code drawdownScale}; default none
 * @param drawdownScale the factor in [0, 1] applied in a drawdown beyond {@code drawdownLimit}; default 0.5
 */
public record Construction(String method, String rebalance, Double threshold, Integer lookbackDays,
    String covariance, Double riskAversion, Double informationCoefficient, Double targetVolatility,
    Double maxWeight, Double minWeight, Boolean longOnly, Double maxTurnover, Double maxCorrelation,
    Double drawdownLimit, Double drawdownScale) implements Serializable {
  /** Each symbol sized on its own signal, as before construction methods existed. */
  public static final Construction SIGNAL = of(null);

  /** When an optimising construction rebalances. */
  public enum Rebalance {
    /** At the end of every instant with a signal. */
    SIGNAL,
    /** At the first base bar of each New York session. */
    DAILY,
    /** At the first base bar of each week's first session. */
    WEEKLY,
    /** Every {@link #rebalanceBars()} instants with bars. */
    BARS
  }

  /** Fills defaults and checks every field. */
  public Construction {
    method = method == null || method.isBlank() ? "signal" : method.strip().toLowerCase(Locale.ROOT);
    if (!method.equals("signal")) {
      OptimizationMethod.fromName(method); // throws naming the valid methods
    }
    rebalance = rebalance == null || rebalance.isBlank() ? "signal" : rebalance.strip().toLowerCase(Locale.ROOT);
    if (!rebalance.equals("signal") && !rebalance.equals("daily") && !rebalance.equals("weekly")) {
      int n;
      try {
        n = Integer.parseInt(rebalance);
      } catch (NumberFormatException e) {
        n = 0;
      }
      Checks.isTrue(n > 0, "Argument 'rebalance' must be signal, daily, weekly or a positive number of bars but was"
          + " '%s'", rebalance);
    }
    threshold = Checks.notNegative(threshold == null ? 0.0 : threshold, "threshold");
    lookbackDays = lookbackDays == null ? 60 : lookbackDays;
    Checks.isTrue(lookbackDays >= 2, "Argument 'lookbackDays' must be at least 2 but was %d", lookbackDays);
    covariance = covariance == null || covariance.isBlank() ? "ledoit-wolf"
        : covariance.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(covariance.equals("sample") || covariance.equals("ledoit-wolf") || covariance.equals("ewma")
        || covariance.equals("factor"),
        "Argument 'covariance' must be sample, ledoit-wolf, ewma or factor but was '%s'", covariance);
    Checks.isTrue(!covariance.equals("factor") || lookbackDays >= 4,
        "Argument 'lookbackDays' must be at least 4 for covariance factor (a regression on two factors) but was %d",
        lookbackDays);
    riskAversion = Checks.positive(riskAversion == null ? 2.5 : riskAversion, "riskAversion");
    informationCoefficient = informationCoefficient == null ? 0.05 : informationCoefficient;
    Checks.isTrue(informationCoefficient > 0 && informationCoefficient <= 1,
        "Argument 'informationCoefficient' must be in (0, 1] but was %s", informationCoefficient);
    targetVolatility = limit(targetVolatility, "targetVolatility");
    maxWeight = limit(maxWeight, "maxWeight");
    if (minWeight != null && minWeight.isNaN()) {
      minWeight = null;
    }
    if (minWeight != null) {
      Checks.finite(minWeight, "minWeight");
      Checks.isTrue(maxWeight == null || minWeight <= maxWeight,
          "Argument 'minWeight' %s must not exceed 'maxWeight' %s", minWeight, maxWeight);
    }
    longOnly = longOnly == null || longOnly;
    Checks.isTrue(longOnly || !method.equals(OptimizationMethod.MAXIMUM_DIVERSIFICATION.cliName()),
        "maximum-diversification is long-only: set longOnly: true or use mean-variance");
    maxTurnover = limit(maxTurnover, "maxTurnover");
    if (maxCorrelation != null && maxCorrelation.isNaN()) {
      maxCorrelation = null;
    }
    if (maxCorrelation != null) {
      Checks.inRange(maxCorrelation, -1, 1, "maxCorrelation");
    }
    drawdownLimit = limit(drawdownLimit, "drawdownLimit");
    Checks.isTrue(drawdownLimit == null || drawdownLimit < 1, "Argument 'drawdownLimit' must be below 1 but was %s",
        drawdownLimit);
    drawdownScale = Checks.inRange(drawdownScale == null ? 0.5 : drawdownScale, 0, 1, "drawdownScale");
  }

  /** {@code method} with every other field at its default. */
  public static Construction of(String method) {
    return new Construction(method, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** Whether signals size positions one by one (no optimiser). */
  public boolean perSignal() {
    return method.equals("signal");
  }

  /** The optimiser; fails for {@code method: signal}. */
  public OptimizationMethod optimizationMethod() {
    return OptimizationMethod.fromName(method);
  }

  /** The rebalancing rule of {@link #rebalance()}. */
  public Rebalance rebalanceRule() {
    return switch (rebalance) {
      case "signal" -> Rebalance.SIGNAL;
      case "daily" -> Rebalance.DAILY;
      case "weekly" -> Rebalance.WEEKLY;
      default -> Rebalance.BARS;
    };
  }

  /** N of {@code rebalance: N}, 0 for the other rules. */
  public int rebalanceBars() {
    return rebalanceRule() == Rebalance.BARS ? Integer.parseInt(rebalance) : 0;
  }

  /** A copy that rebalances by {@code rule} ({@code signal}, {@code daily}, {@code weekly} or a number of bars). */
  public Construction withRebalance(String rule) {
    return new Construction(method, rule, threshold, lookbackDays, covariance, riskAversion,
        informationCoefficient, targetVolatility, maxWeight, minWeight, longOnly, maxTurnover, maxCorrelation,
        drawdownLimit, drawdownScale);
  }

  /** A copy with the no-trade band {@code value} (fraction of equity). */
  public Construction withThreshold(double value) {
    return new Construction(method, rebalance, value, lookbackDays, covariance, riskAversion,
        informationCoefficient, targetVolatility, maxWeight, minWeight, longOnly, maxTurnover, maxCorrelation,
        drawdownLimit, drawdownScale);
  }

  /** A copy estimating the covariance with {@code estimator} over {@code days} daily returns. */
  public Construction withCovariance(String estimator, int days) {
    return new Construction(method, rebalance, threshold, days, estimator, riskAversion, informationCoefficient,
        targetVolatility, maxWeight, minWeight, longOnly, maxTurnover, maxCorrelation, drawdownLimit,
        drawdownScale);
  }

  /** A copy with the annual volatility target or limit {@code value} (NaN: none). */
  public Construction withTargetVolatility(double value) {
    return new Construction(method, rebalance, threshold, lookbackDays, covariance, riskAversion,
        informationCoefficient, value, maxWeight, minWeight, longOnly, maxTurnover, maxCorrelation, drawdownLimit,
        drawdownScale);
  }

  /** A copy with the correlation limit {@code value} (NaN: none). */
  public Construction withMaxCorrelation(double value) {
    return new Construction(method, rebalance, threshold, lookbackDays, covariance, riskAversion,
        informationCoefficient, targetVolatility, maxWeight, minWeight, longOnly, maxTurnover, value, drawdownLimit,
        drawdownScale);
  }

  /** A copy that scales targets by {@code scale} once equity is more than {@code limit} below its peak. */
  public Construction withDrawdownRule(double limit, double scale) {
    return new Construction(method, rebalance, threshold, lookbackDays, covariance, riskAversion,
        informationCoefficient, targetVolatility, maxWeight, minWeight, longOnly, maxTurnover, maxCorrelation, limit,
        scale);
  }

  /** A copy with weight bounds and the turnover limit (NaN: none). */
  public Construction withWeights(double min, double max, boolean onlyLong, double turnover) {
    return new Construction(method, rebalance, threshold, lookbackDays, covariance, riskAversion,
        informationCoefficient, targetVolatility, max, min, onlyLong, turnover, maxCorrelation, drawdownLimit,
        drawdownScale);
  }

  private static Double limit(Double value, String name) {
    return value == null || value.isNaN() ? null : Checks.positive(value, name);
  }
}
