package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.risk.ValueAtRisk;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs historical scenarios and hypothetical shocks on a book (see {@link StressInputs}). P&amp;L is in USD,
 * positive = gain, and as a fraction of equity; VaR is a positive loss fraction. Stateless and thread-safe.
 */
public final class StressTest {
  private StressTest() {}

  /**
   * Replays a historical scenario on today's book: {@code P&L_i = v_i r_i}. A position whose symbol has no return
   * in the scenario is proxied as {@code v_i beta_i r_index} and listed in {@link StressResult#proxied} with the
   * reason; no position is skipped.
   *
   * @throws IllegalArgumentException if a position is missing from the scenario and has no beta
   */
  public static StressResult replay(HistoricalScenario scenario, StressInputs inputs) {
    Checks.notNull(scenario, "scenario");
    Checks.notNull(inputs, "inputs");
    Exposures book = inputs.exposures();
    TreeMap<String, Double> pnl = new TreeMap<>();
    List<ProxiedPosition> proxied = new ArrayList<>();
    book.valueBySymbol().forEach((symbol, v) -> {
      Double r = scenario.returnOf(symbol);
      if (r != null) {
        pnl.put(symbol, v * r);
        return;
      }
      Double beta = inputs.betaBySymbol().get(symbol);
      Checks.isTrue(beta != null, "Position %s has no return in scenario %s and no beta to proxy it through %s; "
          + "supply its beta (HistoricalScenarios.betas estimates it on a returns panel)", symbol, scenario.name(),
          scenario.indexSymbol());
      double p = v * beta * scenario.indexReturn();
      pnl.put(symbol, p);
      proxied.add(new ProxiedPosition(symbol, v, beta, scenario.indexReturn(), p, String.format(Locale.ROOT,
          "%s has no return in scenario %s; proxied as beta %.4f x %s return %+.4f%%", symbol, scenario.name(),
          beta, scenario.indexSymbol(), 100 * scenario.indexReturn())));
    });
    String description = String.format(Locale.ROOT, "historical %s..%s (%s %+.2f%%)", scenario.from(),
        scenario.to(), scenario.indexSymbol(), 100 * scenario.indexReturn())
        + (proxied.isEmpty() ? "" : ", " + proxied.size() + " position(s) proxied through beta");
    return pnlResult(scenario.name(), description, pnl, book.equity(), proxied, null);
  }

  /**
   * Applies a hypothetical shock (see {@link HypotheticalShock} for the formulas).
   *
   * @throws IllegalArgumentException if an index shock meets a position without a beta, or a covariance shock
   *     has no covariance or a position missing from it
   */
  public static StressResult apply(HypotheticalShock shock, StressInputs inputs) {
    Checks.notNull(shock, "shock");
    Checks.notNull(inputs, "inputs");
    Effect effect = new Effect();
    collect(shock, inputs, effect);
    VarComparison var = null;
    if (effect.covarianceShocked) {
      var = new VarComparison(inputs.confidence(), parametricVar(inputs, 1, false),
          parametricVar(inputs, effect.volatilityMultiplier, effect.correlationsToOne),
          inputs.exposures().equity());
    }
    if (effect.pnl == null) {
      return new StressResult(shock.name(), shock.description(), Map.of(), Double.NaN, Double.NaN, List.of(), var);
    }
    return pnlResult(shock.name(), shock.description(), effect.pnl, inputs.exposures().equity(), List.of(), var);
  }

  /** Replays every scenario and applies every shock, and sorts the results by worst loss. */
  public static StressReport run(StressInputs inputs, List<HistoricalScenario> scenarios,
      List<HypotheticalShock> shocks) {
    Checks.notNull(scenarios, "scenarios");
    Checks.notNull(shocks, "shocks");
    List<StressResult> results = new ArrayList<>();
    scenarios.forEach(s -> results.add(replay(s, inputs)));
    shocks.forEach(s -> results.add(apply(s, inputs)));
    return new StressReport(results);
  }

  /** What a (possibly combined) shock does: P&amp;L per position, and the covariance transform. */
  private static final class Effect {
    TreeMap<String, Double> pnl;
    double volatilityMultiplier = 1;
    boolean correlationsToOne;
    boolean covarianceShocked;

    void add(String symbol, double p) {
      if (pnl == null) {
        pnl = new TreeMap<>();
      }
      pnl.merge(symbol, p, Double::sum);
    }
  }

  private static void collect(HypotheticalShock shock, StressInputs inputs, Effect effect) {
    Map<String, Double> values = inputs.exposures().valueBySymbol();
    if (shock instanceof HypotheticalShock.Index index) {
      values.forEach((symbol, v) -> {
        Double beta = inputs.betaBySymbol().get(symbol);
        Checks.isTrue(beta != null, "Index shock %s: position %s has no beta; add it to betaBySymbol (1.0 for the "
            + "index itself)", shock.name(), symbol);
        effect.add(symbol, v * beta * index.indexReturn());
      });
    } else if (shock instanceof HypotheticalShock.Factor factor) {
      values.forEach((symbol, v) -> effect.add(symbol, v * factor.loadingBySymbol().getOrDefault(symbol, 0.0)
          * factor.move()));
    } else if (shock instanceof HypotheticalShock.Volatility vol) {
      effect.volatilityMultiplier *= vol.multiplier();
      effect.covarianceShocked = true;
    } else if (shock instanceof HypotheticalShock.CorrelationsToOne) {
      effect.correlationsToOne = true;
      effect.covarianceShocked = true;
    } else if (shock instanceof HypotheticalShock.Combined combined) {
      combined.shocks().forEach(s -> collect(s, inputs, effect));
    } else {
      throw new IllegalStateException("Unknown shock type " + shock.getClass().getName());
    }
  }

  /**
   * The zero-mean normal VaR ({@link ValueAtRisk#normalVar}) of the book's weights {@code w} under the shocked
   * covariance {@code Sigma'_ij = k^2 Sigma_ij}, or {@code k^2 sigma_i sigma_j} when the correlations are set to one:
   * {@code z_c k sigma_p} with {@code sigma_p = sqrt(w' Sigma w)}, or {@code |sum_i w_i sigma_i|} (the volatility of
   * a rank-one covariance).
   */
  private static double parametricVar(StressInputs inputs, double k, boolean correlationsToOne) {
    SymbolCovariance cov = inputs.covariance();
    Checks.isTrue(cov != null, "A volatility or correlation shock needs a covariance in StressInputs "
        + "(SymbolCovariance.sample estimates one on a returns panel)");
    Exposures book = inputs.exposures();
    double[] w = new double[cov.symbols().size()];
    book.valueBySymbol().forEach((symbol, v) -> {
      int i = cov.indexOf(symbol);
      Checks.isTrue(i >= 0 || v == 0, "Position %s has no row in the covariance; estimate the covariance over "
          + "symbols that include it", symbol);
      if (i >= 0) {
        w[i] = v / book.equity();
      }
    });
    Covariance matrix = cov.covariance();
    double sigma = correlationsToOne ? Math.abs(Linalg.dot(w, matrix.volatilities())) : matrix.volatility(w);
    return ValueAtRisk.normalVar(0, k * sigma, inputs.confidence());
  }

  private static StressResult pnlResult(String name, String description, Map<String, Double> pnl, double equity,
      List<ProxiedPosition> proxied, VarComparison var) {
    double total = 0;
    for (double p : pnl.values()) {
      total += p;
    }
    return new StressResult(name, description, pnl, total, total / equity, proxied, var);
  }
}
