package io.quantflow.jobs.risk;

import io.quantflow.jobs.cli.UserError;
import io.quantflow.models.risk.BaselZone;
import io.quantflow.models.risk.ComponentVar;
import io.quantflow.models.risk.HorizonScaling;
import io.quantflow.models.risk.PortfolioReturns;
import io.quantflow.models.risk.ReturnDistribution;
import io.quantflow.models.risk.ValueAtRisk;
import io.quantflow.models.risk.VarBacktest;
import io.quantflow.models.risk.VarEstimate;
import io.quantflow.models.risk.VarMethod;
import io.quantflow.models.risk.VarSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code quant risk var} without the command line: turns a {@link VarRequest} into a {@link VarSpec} and
 * {@link PortfolioReturns}, estimates VaR and CVaR with {@link ValueAtRisk}, adds the Euler components
 * ({@link ComponentVar}) for per-asset input and, when asked, a Kupiec backtest ({@link VarBacktest}). Every mistake
 * in the request is a {@link UserError} that names the field and the fix. Stateless and thread-safe.
 */
public final class VarCalculation {
  /** The default method: parametric (normal), the one whose components {@code componentVar} reports. */
  public static final VarMethod DEFAULT_METHOD = VarMethod.PARAMETRIC;
  /** The default confidence. */
  public static final double DEFAULT_CONFIDENCE = 0.95;
  /** The default Student-t degrees of freedom. */
  public static final int DEFAULT_DEGREES_OF_FREEDOM = 5;
  /** The default backtest window, a trading year. */
  public static final int DEFAULT_WINDOW = 250;

  private VarCalculation() {}

  /**
   * Estimates the VaR of {@code request}.
   *
   * @throws UserError for missing or inconsistent inputs, an unknown method, scaling or distribution, or too few
   *     returns for the method
   */
  public static VarResponse run(VarRequest request) {
    if (request == null || request.returns() == null) {
      throw new UserError("'returns' is missing: give the portfolio's daily simple returns as one array, or one "
          + "array per asset with 'assets' and 'weights'");
    }
    VarMethod method = parse(() -> request.method() == null ? DEFAULT_METHOD : VarMethod.fromCliName(
        request.method()), "method");
    VarSpec spec = spec(request, method);
    ReturnsInput in = request.returns();
    List<String> assets = null;
    PortfolioReturns portfolio;
    try {
      if (!in.perAsset()) {
        if (request.weights() != null || request.assets() != null) {
          throw new UserError("'weights' and 'assets' go with per-asset returns (an array of arrays or an object of "
              + "arrays); 'returns' is one portfolio series");
        }
        portfolio = PortfolioReturns.ofSeries(in.series()[0]);
      } else {
        assets = assetsOf(request, in);
        if (request.weights() == null) {
          throw new UserError("Per-asset 'returns' need 'weights' (fractions of equity, one per asset: an array in "
              + "the order of " + assets + " or an object keyed by asset)");
        }
        double[] w = request.weights().resolve(assets, "weights", null);
        portfolio = new PortfolioReturns(in.series(), w);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("'returns': " + e.getMessage());
    }
    VarEstimate est;
    try {
      est = ValueAtRisk.estimate(method, portfolio, spec);
    } catch (IllegalArgumentException e) {
      throw new UserError(method.cliName() + " VaR: " + e.getMessage());
    }
    Map<String, Double> components = null;
    Map<String, Double> marginal = null;
    Double parametric = null;
    if (assets != null) {
      try {
        ComponentVar c = ComponentVar.of(portfolio, spec.withScaling(HorizonScaling.SQRT_TIME));
        components = byAsset(assets, c.component());
        marginal = byAsset(assets, c.marginal());
        parametric = c.var();
      } catch (IllegalArgumentException e) {
        throw new UserError("componentVar: " + e.getMessage());
      }
    }
    VarResponse.Backtest backtest = null;
    if (Boolean.TRUE.equals(request.backtest())) {
      backtest = backtest(portfolio.portfolioReturns(), request, spec.confidence());
    } else if (request.window() != null) {
      throw new UserError("'window' is the backtest's: add \"backtest\": true or drop it");
    }
    boolean mc = method == VarMethod.MONTE_CARLO;
    boolean t = mc && spec.distribution() == ReturnDistribution.STUDENT_T;
    return new VarResponse(method.cliName(), est.confidence(), est.horizonDays(), est.scaling().cliName(),
        est.includeMean(), est.var(), est.cvar(), est.observations(), est.samples(), RiskJson.number(est.dailyMean()),
        RiskJson.number(est.dailyVolatility()), RiskJson.number(est.skewness()),
        RiskJson.number(est.excessKurtosis()), mc ? (t ? "student-t" : "normal") : null,
        t ? spec.degreesOfFreedom() : null, mc ? spec.paths() : null, mc ? spec.seed() : null, components, marginal,
        parametric, backtest);
  }

  private static VarSpec spec(VarRequest r, VarMethod method) {
    double confidence = r.confidence() == null ? DEFAULT_CONFIDENCE : r.confidence();
    int horizon = r.horizonDays() == null ? 1 : r.horizonDays();
    HorizonScaling scaling = parse(() -> r.scaling() == null ? HorizonScaling.SQRT_TIME
        : HorizonScaling.fromCliName(r.scaling()), "scaling");
    boolean mc = method == VarMethod.MONTE_CARLO;
    if (!mc && (r.seed() != null || r.paths() != null || r.distribution() != null || r.degreesOfFreedom() != null)) {
      throw new UserError("'seed', 'paths', 'distribution' and 'degreesOfFreedom' apply to \"method\": "
          + "\"monte-carlo\" only: drop them or change the method");
    }
    try {
      VarSpec spec = VarSpec.of(confidence, horizon).withScaling(scaling)
          .withMean(r.includeMean() == null || r.includeMean());
      if (r.seed() != null) {
        spec = spec.withSeed(r.seed());
      }
      if (r.paths() != null) {
        spec = spec.withPaths(r.paths());
      }
      String d = r.distribution() == null ? "normal" : r.distribution().strip().toLowerCase(Locale.ROOT);
      switch (d) {
        case "normal" -> {
          if (r.degreesOfFreedom() != null) {
            throw new UserError("'degreesOfFreedom' goes with \"distribution\": \"student-t\"");
          }
        }
        case "student-t" -> spec = spec.withStudentT(r.degreesOfFreedom() == null ? DEFAULT_DEGREES_OF_FREEDOM
            : r.degreesOfFreedom());
        default -> throw new UserError("Unknown 'distribution' \"" + r.distribution() + "\": use normal or "
            + "student-t");
      }
      return spec;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage().replace("Argument ", "Field "));
    }
  }

  private static List<String> assetsOf(VarRequest r, ReturnsInput in) {
    List<String> assets;
    if (in.names() != null) {
      if (r.assets() != null && !r.assets().equals(in.names())) {
        throw new UserError("'assets' " + r.assets() + " differs from the keys of 'returns' " + in.names()
            + ": drop 'assets' (the keys name the assets)");
      }
      assets = in.names();
    } else {
      if (r.assets() == null) {
        throw new UserError("Per-asset 'returns' as arrays need 'assets' (one name per array, in order), or write "
            + "'returns' as an object keyed by asset");
      }
      assets = r.assets();
      if (assets.size() != in.series().length) {
        throw new UserError(String.format("'returns' has %d arrays but 'assets' names %d %s: give one array per "
            + "asset", in.series().length, assets.size(), assets));
      }
    }
    if (new HashSet<>(assets).size() != assets.size()) {
      throw new UserError("'assets' has duplicates " + assets + ": name each asset once");
    }
    return List.copyOf(assets);
  }

  private static VarResponse.Backtest backtest(double[] returns, VarRequest r, double confidence) {
    int window = r.window() == null ? DEFAULT_WINDOW : r.window();
    if (window < 1 || window >= returns.length) {
      throw new UserError(String.format("The backtest needs more returns than its window: there are %d daily "
          + "returns and \"window\" is %d; pass a window below %d (e.g. %d)", returns.length, window,
          returns.length, Math.max(1, returns.length / 2)));
    }
    VarBacktest b = VarBacktest.rollingHistorical(returns, window, confidence);
    BaselZone zone = b.zone();
    return new VarResponse.Backtest(window, confidence, b.observations(), b.exceptions(),
        (1 - confidence) * b.observations(), b.kupiec().likelihoodRatio(), b.kupiec().pValue(),
        zone.name().toLowerCase(Locale.ROOT));
  }

  private static Map<String, Double> byAsset(List<String> assets, double[] v) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(assets.get(i), v[i]);
    }
    return m;
  }

  private static <T> T parse(Supplier<T> p, String field) {
    try {
      return p.get();
    } catch (IllegalArgumentException e) {
      throw new UserError("'" + field + "': " + e.getMessage());
    }
  }
}
