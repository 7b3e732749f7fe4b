package io.quantflow.models.portfolio;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The portfolio construction methods by CLI name, so a command line can dispatch with {@link #fromName} and
 * {@link #defaultOptimizer()}.
 */
public enum OptimizationMethod {
  /** {@link VolatilityTarget}: inverse-volatility weights scaled to 10% annual volatility on daily data. */
  VOLATILITY_TARGET("volatility-target", false),
  /** {@link MeanVariance} with risk aversion 2.5. */
  MEAN_VARIANCE("mean-variance", true),
  /** {@link MinimumVariance}. */
  MINIMUM_VARIANCE("minimum-variance", false),
  /** {@link RiskParity} with equal risk budgets. */
  RISK_PARITY("risk-parity", false),
  /** {@link MaximumDiversification}. */
  MAXIMUM_DIVERSIFICATION("maximum-diversification", false),
  /** {@link BlackLitterman} with an equal-weight market, no views, {@code delta = 2.5}, {@code tau = 0.05}. */
  BLACK_LITTERMAN("black-litterman", false),
  /** {@link EqualWeight}. */
  EQUAL_WEIGHT("equal-weight", false),
  /** {@link InverseVolatility}. */
  INVERSE_VOLATILITY("inverse-volatility", false);

  private final String cliName;
  private final boolean needsExpectedReturns;

  OptimizationMethod(String cliName, boolean needsExpectedReturns) {
    this.cliName = cliName;
    this.needsExpectedReturns = needsExpectedReturns;
  }

  /** The kebab-case name used on the command line, e.g. {@code risk-parity}. */
  public String cliName() {
    return cliName;
  }

  /** Whether the method needs {@link PortfolioProblem#expectedReturns()}. */
  public boolean needsExpectedReturns() {
    return needsExpectedReturns;
  }

  /** The method for a CLI name (case-insensitive). */
  public static OptimizationMethod fromName(String name) {
    for (OptimizationMethod m : values()) {
      if (m.cliName.equalsIgnoreCase(name == null ? "" : name.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown optimisation method '" + name + "': use one of "
        + Arrays.stream(values()).map(OptimizationMethod::cliName).toList());
  }

  /** The optimiser with the defaults stated on each constant. */
  public PortfolioOptimizer defaultOptimizer() {
    return switch (this) {
      case VOLATILITY_TARGET -> VolatilityTarget.inverseVolatility(VolatilityTarget.DEFAULT_TARGET);
      case MEAN_VARIANCE -> MeanVariance.withDefaults();
      case MINIMUM_VARIANCE -> new MinimumVariance();
      case RISK_PARITY -> RiskParity.equalRisk();
      case MAXIMUM_DIVERSIFICATION -> new MaximumDiversification();
      case BLACK_LITTERMAN -> BlackLitterman.of(Map.of(), List.of());
      case EQUAL_WEIGHT -> new EqualWeight();
      case INVERSE_VOLATILITY -> new InverseVolatility();
    };
  }
}
