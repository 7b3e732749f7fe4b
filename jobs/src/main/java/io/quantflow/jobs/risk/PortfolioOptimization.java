package io.quantflow.jobs.risk;

import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.risk.OptimizeRequest.ConstraintsSpec;
import io.quantflow.jobs.risk.OptimizeRequest.ViewSpec;
import io.quantflow.models.portfolio.BlackLitterman;
import io.quantflow.models.portfolio.Constraints;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.portfolio.EwmaCovariance;
import io.quantflow.models.portfolio.ExpectedReturns;
import io.quantflow.models.portfolio.FactorCovariance;
import io.quantflow.models.portfolio.LedoitWolf;
import io.quantflow.models.portfolio.MeanVariance;
import io.quantflow.models.portfolio.OptimizationMethod;
import io.quantflow.models.portfolio.PortfolioOptimizer;
import io.quantflow.models.portfolio.PortfolioProblem;
import io.quantflow.models.portfolio.PortfolioResult;
import io.quantflow.models.portfolio.RiskParity;
import io.quantflow.models.portfolio.SampleCovariance;
import io.quantflow.models.portfolio.View;
import io.quantflow.models.portfolio.VolatilityTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code quant portfolio optimize} without the command line: turns an {@link OptimizeRequest} into a
 * {@link PortfolioProblem}, runs the method's optimiser and returns an {@link OptimizeResponse}. Every mistake in the
 * request is a {@link UserError} that names the field and the fix. Stateless and thread-safe.
 */
public final class PortfolioOptimization {
  /** The covariance estimators of {@link OptimizeRequest#covarianceMethod()}. */
  public static final List<String> COVARIANCE_METHODS =
      List.of("sample", "ledoit-wolf", "ledoit-wolf-constant-correlation", "ewma", "factor");

  private PortfolioOptimization() {}

  /**
   * Optimises {@code request} with the method named {@code methodName} (an {@link OptimizationMethod} CLI name).
   *
   * @throws UserError for an unknown method, missing or inconsistent inputs, a covariance that is not positive
   *     semi-definite, or constraints the method cannot meet
   */
  public static OptimizeResponse run(String methodName, OptimizeRequest request) {
    OptimizationMethod method;
    try {
      method = OptimizationMethod.fromName(methodName);
    } catch (IllegalArgumentException e) {
      throw new UserError("--method: " + e.getMessage());
    }
    if (request == null) {
      throw new UserError("The input is empty; give at least 'assets' and 'covariance' (or 'returns')");
    }
    String m = method.cliName();
    List<String> assets = assets(request);
    checkApplicable(method, request);
    Estimate cov = covariance(request, assets);
    double[] mu = expectedReturns(request, assets, cov.covariance, method);
    Constraints constraints = constraints(request.constraints(), method);
    PortfolioOptimizer optimizer = optimizer(method, request, assets);
    PortfolioProblem problem;
    PortfolioResult result;
    BlackLitterman.Posterior posterior = null;
    try {
      problem = new PortfolioProblem(assets, cov.covariance, mu, constraints);
      result = optimizer.optimize(problem);
      if (optimizer instanceof BlackLitterman bl) {
        posterior = bl.posterior(problem);
      }
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new UserError(message.startsWith(m) ? message : m + ": " + message);
    }
    Map<String, Double> details = new LinkedHashMap<>();
    result.details().forEach((k, v) -> {
      if (!k.startsWith("equilibrium:") && !k.startsWith("posterior:")) {
        details.put(k, v);
      }
    });
    Map<String, Double> expected = null;
    Map<String, Double> equilibrium = null;
    Map<String, Map<String, Double>> posteriorCov = null;
    if (posterior != null) {
      expected = byAsset(assets, posterior.returns());
      equilibrium = byAsset(assets, posterior.equilibrium());
      posteriorCov = matrix(assets, posterior.covariance().matrix());
    } else if (mu != null) {
      expected = byAsset(assets, mu);
    }
    Double periods = method == OptimizationMethod.VOLATILITY_TARGET
        ? Double.valueOf(orDefault(request.periodsPerYear(), VolatilityTarget.DEFAULT_PERIODS_PER_YEAR))
        : request.periodsPerYear();
    Double annual = periods == null ? null : result.volatility() * Math.sqrt(periods);
    return new OptimizeResponse(m, result.weights(), expected, equilibrium, posteriorCov,
        RiskJson.number(result.expectedReturn()), result.volatility(), annual, result.riskContributions(),
        cov.method, cov.shrinkage, constraints.describe(), details);
  }

  private static List<String> assets(OptimizeRequest r) {
    List<String> assets = r.assets();
    if (assets == null || assets.isEmpty()) {
      throw new UserError("'assets' is missing: list the asset names, e.g. \"assets\": [\"AAPL\", \"MSFT\"]; every "
          + "per-asset array is in that order");
    }
    if (new HashSet<>(assets).size() != assets.size()) {
      throw new UserError("'assets' has duplicates " + assets + ": name each asset once");
    }
    for (String a : assets) {
      if (a == null || a.isBlank()) {
        throw new UserError("'assets' has a blank name " + assets);
      }
    }
    return List.copyOf(assets);
  }

  /** Rejects inputs the method would silently ignore, so a misplaced setting never goes unnoticed. */
  private static void checkApplicable(OptimizationMethod method, OptimizeRequest r) {
    boolean bl = method == OptimizationMethod.BLACK_LITTERMAN;
    boolean vt = method == OptimizationMethod.VOLATILITY_TARGET;
    onlyFor(r.views() != null, "views", bl, "black-litterman");
    onlyFor(r.tau() != null, "tau", bl, "black-litterman");
    onlyFor(r.marketWeights() != null, "marketWeights", bl, "black-litterman");
    onlyFor(r.riskBudgets() != null, "riskBudgets", method == OptimizationMethod.RISK_PARITY, "risk-parity");
    onlyFor(r.targetVolatility() != null, "targetVolatility", vt, "volatility-target");
    onlyFor(r.maxLeverage() != null, "maxLeverage", vt, "volatility-target");
    onlyFor(r.riskAversion() != null, "riskAversion", bl || method == OptimizationMethod.MEAN_VARIANCE,
        "mean-variance and black-litterman");
    if (bl && (r.expectedReturns() != null || r.scores() != null)) {
      throw new UserError("black-litterman derives its expected returns from 'marketWeights' (equilibrium) and "
          + "'views': drop 'expectedReturns'/'scores' and express them as views");
    }
  }

  private static void onlyFor(boolean given, String field, boolean applies, String methods) {
    if (given && !applies) {
      throw new UserError("'" + field + "' applies to " + methods + " only: drop it or use --method " + methods
          .split(" ")[0]);
    }
  }

  private record Estimate(Covariance covariance, String method, Double shrinkage) {}

  private static Estimate covariance(OptimizeRequest r, List<String> assets) {
    int n = assets.size();
    if (r.covariance() != null && r.returns() != null) {
      throw new UserError("Give either 'covariance' or 'returns' (to estimate it), not both");
    }
    if (r.covariance() != null) {
      if (r.covarianceMethod() != null || r.ewmaDecay() != null || r.sectors() != null
          || r.marketReturns() != null) {
        throw new UserError("'covarianceMethod', 'ewmaDecay', 'sectors' and 'marketReturns' apply to 'returns' only: "
            + "drop them or give returns instead of the covariance");
      }
      double[][] s = r.covariance();
      if (s.length != n) {
        throw new UserError(String.format("'covariance' has %d rows but there are %d assets %s: give one row and one "
            + "column per asset, in the order of 'assets'", s.length, n, assets));
      }
      for (int i = 0; i < n; i++) {
        if (s[i] == null || s[i].length != n) {
          throw new UserError(String.format("'covariance' row %d (%s) has %d entries but there are %d assets: the "
              + "matrix must be %d x %d", i, assets.get(i), s[i] == null ? 0 : s[i].length, n, n, n));
        }
      }
      try {
        return new Estimate(Covariance.of(s), "input", null);
      } catch (IllegalArgumentException e) {
        throw new UserError("'covariance' is invalid: " + e.getMessage() + " (or pass 'returns' with "
            + "\"covarianceMethod\": \"ledoit-wolf\" to estimate a well-conditioned one)");
      }
    }
    if (r.returns() == null) {
      throw new UserError("Give 'covariance' (one row per asset, per-period) or 'returns' (one array of per-period "
          + "simple returns per asset) to estimate it");
    }
    double[][] x = r.returns();
    if (x.length != n) {
      throw new UserError(String.format("'returns' has %d arrays but there are %d assets %s: give one array of "
          + "returns per asset, in the order of 'assets'", x.length, n, assets));
    }
    String name = r.covarianceMethod() == null ? "sample" : r.covarianceMethod();
    if (r.ewmaDecay() != null && !name.equals("ewma")) {
      throw new UserError("'ewmaDecay' applies to \"covarianceMethod\": \"ewma\" only");
    }
    if ((r.sectors() != null || r.marketReturns() != null) && !name.equals("factor")) {
      throw new UserError("'sectors' and 'marketReturns' apply to \"covarianceMethod\": \"factor\" only (sectors "
          + "for constraints go in 'constraints.sectors')");
    }
    try {
      return switch (name) {
        case "sample" -> new Estimate(SampleCovariance.estimate(x), name, null);
        case "ledoit-wolf" -> shrunk(LedoitWolf.identity(x), name);
        case "ledoit-wolf-constant-correlation" -> shrunk(LedoitWolf.constantCorrelation(x), name);
        case "ewma" -> new Estimate(new EwmaCovariance(
            orDefault(r.ewmaDecay(), EwmaCovariance.RISK_METRICS_DECAY), false).estimate(x), name, null);
        case "factor" -> new Estimate(factor(r, assets), name, null);
        default -> throw new UserError("Unknown 'covarianceMethod' \"" + name + "\": use one of "
            + COVARIANCE_METHODS);
      };
    } catch (IllegalArgumentException e) {
      throw new UserError("'returns' (" + name + " covariance): " + e.getMessage());
    }
  }

  /**
   * The market-plus-sectors model of the returns: each asset's sector from {@code sectors}, the market
   * {@code marketReturns} or the equal-weighted mean of the assets.
   */
  private static Covariance factor(OptimizeRequest r, List<String> assets) {
    if (r.sectors() == null) {
      throw new UserError("\"covarianceMethod\": \"factor\" needs 'sectors' (asset to sector name, e.g. {\"JPM\": "
          + "\"financials\", \"KO\": \"staples\"}), one for every asset");
    }
    List<String> sectors = new ArrayList<>();
    for (String a : assets) {
      String sector = r.sectors().get(a);
      if (sector == null || sector.isBlank()) {
        throw new UserError("'sectors' has no sector for '" + a + "': name one for every asset " + assets);
      }
      sectors.add(sector);
    }
    for (String a : r.sectors().keySet()) {
      if (!assets.contains(a)) {
        throw new UserError("'sectors' names '" + a + "', which is not in 'assets' " + assets);
      }
    }
    double[][] x = r.returns();
    if (r.marketReturns() == null) {
      return FactorCovariance.estimate(x, sectors).covariance();
    }
    int t = x[0] == null ? 0 : x[0].length;
    if (r.marketReturns().length != t) {
      throw new UserError(String.format("'marketReturns' has %d returns but 'returns' has %d per asset: give the "
          + "market's return for each period", r.marketReturns().length, t));
    }
    return FactorCovariance.estimate(x, sectors, r.marketReturns()).covariance();
  }

  private static Estimate shrunk(LedoitWolf.Estimate e, String name) {
    return new Estimate(e.covariance(), name, e.shrinkage());
  }

  private static double[] expectedReturns(OptimizeRequest r, List<String> assets, Covariance s,
      OptimizationMethod method) {
    if (r.expectedReturns() != null && r.scores() != null) {
      throw new UserError("Give either 'expectedReturns' or 'scores' (with 'ic'), not both");
    }
    if (r.ic() != null && r.scores() == null) {
      throw new UserError("'ic' goes with 'scores' (raw scores per asset, turned into mu = ic sigma z)");
    }
    try {
      if (r.scores() != null) {
        if (r.ic() == null) {
          throw new UserError("'scores' need 'ic', the information coefficient (e.g. 0.05), for mu_i = ic sigma_i "
              + "z_i");
        }
        double[] z = ExpectedReturns.zScores(r.scores().resolve(assets, "scores", null));
        return ExpectedReturns.fromSignals(z, s, r.ic());
      }
      if (r.expectedReturns() != null) {
        String keyword = r.expectedReturns().keyword();
        if (keyword == null) {
          return r.expectedReturns().resolve(assets, "expectedReturns", null);
        }
        if (!keyword.equals("historical")) {
          throw new UserError("'expectedReturns' is \"" + keyword + "\": use numbers (an array or an object keyed by "
              + "asset) or \"historical\" (the mean of 'returns')");
        }
        if (r.returns() == null) {
          throw new UserError("\"expectedReturns\": \"historical\" needs 'returns' to take the mean of");
        }
        return ExpectedReturns.historicalMean(r.returns());
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (method.needsExpectedReturns()) {
      throw new UserError(method.cliName() + " needs 'expectedReturns' (per-period decimals: an array in the order "
          + "of 'assets', an object keyed by asset, or \"historical\" with 'returns') or 'scores' with 'ic'");
    }
    return null;
  }

  private static Constraints constraints(ConstraintsSpec c, OptimizationMethod method) {
    if (c == null) {
      return method == OptimizationMethod.BLACK_LITTERMAN ? Constraints.none() : Constraints.defaults();
    }
    try {
      Constraints k = Constraints.defaults()
          .withLongOnly(c.longOnly() == null || c.longOnly())
          .withBounds(orDefault(c.minWeight(), Double.NEGATIVE_INFINITY),
              orDefault(c.maxWeight(), Double.POSITIVE_INFINITY))
          .withBudget(orDefault(c.budget(), 1.0));
      if (c.sectorCaps() != null || c.sectors() != null) {
        if (c.sectorCaps() == null || c.sectors() == null) {
          throw new UserError("'constraints.sectorCaps' (sector to max weight) and 'constraints.sectors' (asset to "
              + "sector) go together: give both");
        }
        k = k.withSectorCaps(c.sectors(), c.sectorCaps());
      }
      if (c.maxTurnover() != null || c.currentWeights() != null) {
        if (c.maxTurnover() == null) {
          throw new UserError("'constraints.currentWeights' is only used by 'constraints.maxTurnover': give the "
              + "turnover limit too");
        }
        k = k.withTurnover(c.currentWeights() == null ? Map.of() : c.currentWeights(), c.maxTurnover());
      }
      if (c.maxGrossLeverage() != null) {
        k = k.withGrossLeverage(c.maxGrossLeverage());
      }
      return k;
    } catch (IllegalArgumentException e) {
      throw new UserError("'constraints': " + e.getMessage());
    }
  }

  private static PortfolioOptimizer optimizer(OptimizationMethod method, OptimizeRequest r, List<String> assets) {
    try {
      return switch (method) {
        case VOLATILITY_TARGET -> new VolatilityTarget(orDefault(r.targetVolatility(), VolatilityTarget.DEFAULT_TARGET),
            orDefault(r.periodsPerYear(), VolatilityTarget.DEFAULT_PERIODS_PER_YEAR),
            orDefault(r.maxLeverage(), VolatilityTarget.DEFAULT_MAX_LEVERAGE), Map.of(), Map.of());
        case MEAN_VARIANCE -> new MeanVariance(orDefault(r.riskAversion(), MeanVariance.DEFAULT_RISK_AVERSION));
        case RISK_PARITY -> new RiskParity(r.riskBudgets() == null ? Map.of() : r.riskBudgets());
        case BLACK_LITTERMAN -> new BlackLitterman(
            r.marketWeights() == null ? Map.of() : r.marketWeights().resolveMap(assets, "marketWeights", 0.0),
            orDefault(r.riskAversion(), BlackLitterman.DEFAULT_RISK_AVERSION),
            orDefault(r.tau(), BlackLitterman.DEFAULT_TAU), views(r.views()));
        default -> method.defaultOptimizer();
      };
    } catch (IllegalArgumentException e) {
      throw new UserError(method.cliName() + ": " + e.getMessage());
    }
  }

  private static List<View> views(List<ViewSpec> specs) {
    List<View> views = new ArrayList<>();
    if (specs == null) {
      return views;
    }
    for (int i = 0; i < specs.size(); i++) {
      ViewSpec v = specs.get(i);
      if (v == null) {
        throw new UserError("'views[" + i + "]' is null: give {\"weights\": {...}, \"return\": q}");
      }
      try {
        views.add(new View(v.weights(), v.expectedReturn(), v.confidence()));
      } catch (IllegalArgumentException e) {
        throw new UserError("'views[" + i + "]': " + e.getMessage());
      }
    }
    return views;
  }

  private static Map<String, Double> byAsset(List<String> assets, double[] v) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(assets.get(i), v[i]);
    }
    return m;
  }

  private static Map<String, Map<String, Double>> matrix(List<String> assets, double[][] s) {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    for (int i = 0; i < s.length; i++) {
      m.put(assets.get(i), byAsset(assets, s[i]));
    }
    return m;
  }

  private static double orDefault(Double value, double fallback) {
    return value == null ? fallback : value;
  }
}
