package io.quantflow.operators.risk;

/**
 * The book's risk at one valuation. Exposures and VaR are fractions of equity (0.05 = 5 percent); VaR and CVaR are
 * positive loss fractions over {@link RiskConfig#horizon()} (bars or sessions, as {@link RiskConfig#returns()}) at
 * {@link RiskConfig#confidence()}, by {@link RiskConfig#method()}.
 *
 * @param timestampMicros the valuation instant, UTC epoch micros
 * @param equity USD
 * @param grossExposure {@code sum |v_i| / E}
 * @param netExposure {@code sum v_i / E} (signed)
 * @param largestPositionWeight {@code max |v_i| / E}
 * @param concentration {@code sum (v_i / E)^2}
 * @param drawdown {@code 1 - E / peak}
 * @param valueAtRisk VaR, NaN while the window warms up or when the book is flat
 * @param conditionalValueAtRisk CVaR (expected shortfall), NaN likewise
 * @param worstLimitUsage the highest {@code value / limit} over the configured limits (above 1 is a breach), NaN
 *     without limits
 * @param breaches how many limits the book breaches
 * @param stressLoss the loss of the worst {@link RiskConfig#stress()} scenario, a fraction of equity (positive =
 *     loss; negative when every scenario is a gain): {@code -sum v_i beta_i move / E} for an index shock, the
 *     stressed VaR for a covariance shock; NaN without scenarios, while the window warms up or when the book is flat
 * @param stressScenario the name of that scenario; empty when {@code stressLoss} is NaN
 * @param topVarSymbol the position with the largest component VaR: the Euler allocation {@code w_i (Sigma w)_i /
 *     sigma_p} of the parametric (normal) VaR of the window, whatever {@link RiskConfig#method()}; empty when the
 *     book is flat or the window not ready
 * @param topVarShare that position's share of the VaR, {@code component_i / VaR} (the shares sum to 1; above 1 when
 *     others hedge it); NaN when {@code topVarSymbol} is empty
 */
public record RiskReport(long timestampMicros, double equity, double grossExposure, double netExposure,
    double largestPositionWeight, double concentration, double drawdown, double valueAtRisk,
    double conditionalValueAtRisk, double worstLimitUsage, int breaches, double stressLoss, String stressScenario,
    String topVarSymbol, double topVarShare) {}
