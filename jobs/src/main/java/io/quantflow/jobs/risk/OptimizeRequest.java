package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The input of {@code quant portfolio optimize} (see {@code docs/portfolio-and-risk.md} and
 * {@code docs/examples/optimize-*.json}). Returns, covariances and expected returns are per period in decimals
 * (0.01 = 1 percent); weights are fractions of equity (negative = short). Absent fields take the defaults stated
 * here. Immutable.
 *
 * @param assets the asset names, unique; every per-asset array is in this order
 * @param covariance the per-period covariance, one row per asset; give this or {@code returns}
 * @param returns simple per-period returns, one array per asset (all of the same length); the covariance is then
 *     estimated with {@code covarianceMethod}
 * @param covarianceMethod {@code sample} (default), {@code ledoit-wolf} (scaled identity target),
 *     {@code ledoit-wolf-constant-correlation}, {@code ewma} or {@code factor} (market plus sectors,
 *     {@code FactorCovariance}); only with {@code returns}
 * @param ewmaDecay the EWMA decay {@code lambda} in (0, 1), default 0.94 (RiskMetrics daily); only with
 *     {@code covarianceMethod: ewma}
 * @param sectors {@code covarianceMethod: factor}: asset to sector name, one for every asset (required there); a
 *     sector factor per distinct name
 * @param marketReturns {@code covarianceMethod: factor}: the market factor's simple returns, one per period of
 *     {@code returns} (e.g. an index ETF's); default the equal-weighted mean of the assets' returns
 * @param expectedReturns per-period expected returns: an array, an object keyed by asset, or {@code "historical"}
 *     (the mean of {@code returns}); needed by mean-variance, reported ({@code mu'w}) by the others, not accepted by
 *     black-litterman (which derives them)
 * @param scores Grinold's alternative to {@code expectedReturns}: raw scores per asset, standardised across assets
 *     and turned into {@code mu_i = ic sigma_i z_i}
 * @param ic the information coefficient of {@code scores}, in [-1, 1]
 * @param riskAversion {@code gamma} of mean-variance and {@code delta} of black-litterman, default 2.5
 * @param marketWeights black-litterman: market-capitalisation weights (array or object; an asset an object leaves
 *     out has weight 0); default equal weights
 * @param tau black-litterman: the prior's uncertainty scale, default 0.05
 * @param views black-litterman: the views, default none
 * @param riskBudgets risk-parity: a budget per asset (object, normalised to sum 1); default equal
 * @param targetVolatility volatility-target: the annual volatility to reach, default 0.10
 * @param periodsPerYear volatility-target: periods per year of the covariance, default 252; with other methods it
 *     adds {@code annualVolatility} to the output
 * @param maxLeverage volatility-target: the gross exposure cap, default 2
 * @param constraints the constraints; absent means long-only and fully invested, except for black-litterman, where
 *     absent means none (He and Litterman's unconstrained optimum); {@code "none"} means no constraint at all
 */
public record OptimizeRequest(List<String> assets, double[][] covariance, double[][] returns,
    String covarianceMethod, Double ewmaDecay, AssetVector expectedReturns, AssetVector scores, Double ic,
    Double riskAversion, AssetVector marketWeights, Double tau, List<ViewSpec> views,
    Map<String, Double> riskBudgets, Double targetVolatility, Double periodsPerYear, Double maxLeverage,
    ConstraintsSpec constraints, Map<String, String> sectors, double[] marketReturns) {

  /**
   * One black-litterman view: the view portfolio (asset to coefficient) returns {@code return} per period, with
   * Idzorek's {@code confidence} in [0, 1] or, when absent, He and Litterman's default uncertainty.
   *
   * @param weights asset to coefficient, e.g. {@code {"AAPL": 1, "MSFT": -1}} for a relative view
   * @param expectedReturn {@code q}, per period ({@code "return"} in JSON), required
   * @param confidence Idzorek's confidence, or null
   */
  public record ViewSpec(Map<String, Double> weights, @JsonProperty("return") Double expectedReturn,
      Double confidence) {
    /** Checks that the view has weights and a return. */
    public ViewSpec {
      if (weights == null || weights.isEmpty()) {
        throw new IllegalArgumentException("a view needs 'weights' (asset to coefficient, e.g. {\"AAPL\": 1})");
      }
      if (expectedReturn == null) {
        throw new IllegalArgumentException("a view needs 'return' (the view portfolio's expected per-period return)");
      }
    }
  }

  /**
   * The constraints (see {@code io.quantflow.models.portfolio.Constraints}); absent fields have no limit, except
   * {@code longOnly} (default true) and {@code budget} (default 1).
   *
   * @param longOnly whether weights must be non-negative, default true
   * @param minWeight the lower bound of every weight
   * @param maxWeight the upper bound of every weight
   * @param budget the sum of the weights, default 1; NaN (only through {@code "none"}) for no budget
   * @param sectors asset to sector, for {@code sectorCaps}
   * @param sectorCaps sector to its maximum total weight
   * @param currentWeights asset to current weight, for {@code maxTurnover}
   * @param maxTurnover the largest {@code sum |w_i - w0_i|}
   * @param maxGrossLeverage the largest {@code sum |w_i|}
   */
  public record ConstraintsSpec(Boolean longOnly, Double minWeight, Double maxWeight, Double budget,
      Map<String, String> sectors, Map<String, Double> sectorCaps, Map<String, Double> currentWeights,
      Double maxTurnover, Double maxGrossLeverage) {

    /** {@code "none"}: no constraint at all, not even a budget (long-short, budget NaN). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ConstraintsSpec of(String text) {
      if (!"none".equals(text)) {
        throw new IllegalArgumentException("constraints must be an object (e.g. {\"longOnly\": true, \"maxWeight\": "
            + "0.4}) or \"none\", not \"" + text + "\"");
      }
      return new ConstraintsSpec(false, null, null, Double.NaN, null, null, null, null, null);
    }
  }
}
