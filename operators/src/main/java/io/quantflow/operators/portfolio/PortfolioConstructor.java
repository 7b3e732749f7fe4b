package io.quantflow.operators.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.portfolio.BlackLitterman;
import io.quantflow.models.portfolio.Constraints;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.portfolio.EwmaCovariance;
import io.quantflow.models.portfolio.ExpectedReturns;
import io.quantflow.models.portfolio.InverseVolatility;
import io.quantflow.models.portfolio.LedoitWolf;
import io.quantflow.models.portfolio.MeanVariance;
import io.quantflow.models.portfolio.OptimizationMethod;
import io.quantflow.models.portfolio.PortfolioOptimizer;
import io.quantflow.models.portfolio.PortfolioProblem;
import io.quantflow.models.portfolio.SampleCovariance;
import io.quantflow.models.portfolio.View;
import io.quantflow.models.portfolio.VolatilityTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portfolio construction inside the portfolio operator: at each rebalance of a {@link Construction} with an
 * optimiser, the target weight of every symbol, from the signals recorded in a {@link PortfolioState} and the
 * daily closes it keeps. Plain Java and deterministic (symbols in sorted order); {@link PortfolioSimulator} calls
 * it, so backtest and live share it. Weights are fractions of equity, negative for shorts.
 *
 * <p>At a rebalance, with equity {@code E}, current weights {@code w0_i = shares_i x close_i / E} and
 * {@code d_i} the direction of symbol i's last signal:
 *
 * <ol>
 *   <li><b>Candidates</b>: the symbols with a LONG or SHORT signal and a price. Everything else targets 0.
 *   <li><b>Correlation limit</b> ({@code maxCorrelation}): a candidate not already held in its signal's direction
 *       is dropped when the correlation of {@code d_i r_i} with the book's daily return
 *       {@code sum_j w0_j r_j} (held symbols j other than i) over the lookback exceeds the limit.
 *   <li><b>Weights</b> in signal space (asset i's returns multiplied by {@code d_i}, so a positive weight is a
 *       position in the signal's direction and {@code longOnly} means "never against the signal"): the optimiser on
 *       the {@code lookbackDays} daily simple returns' covariance {@code S} with budget
 *       {@code B = min(grossLeverage, n x maxWeight)}; mean-variance takes Grinold's
 *       {@code mu_i = strength_i x IC x sigma_i}; black-litterman takes market weights {@code d_i / universeSize}
 *       (equal weights of the universe, in signal space) and one absolute view per candidate, {@code mu_i} with
 *       Idzorek confidence {@code strength_i}. mean-variance, minimum-variance and black-litterman honour the
 *       bounds, the turnover limit and (long-short) {@code maxGrossLeverage} inside the optimisation,
 *       maximum-diversification the bounds. Without a full lookback for every candidate, or when the optimiser
 *       fails (e.g. infeasible constraints), the weights are inverse-volatility ({@code sigma_i} from the
 *       simulator's 20-day EWMA of daily variance) or equal while a candidate has no variance yet; equal-weight
 *       needs no history.
 *   <li><b>Bounds</b>: each weight clipped to {@code [max(0, minWeight) if longOnly, maxWeight]}; the excess stays
 *       in cash.
 *   <li><b>Turnover</b>: when {@code T = sum_i |w_i - w0_i| > maxTurnover} over the candidates, the trade is cut
 *       to {@code w0 + (maxTurnover / T)(w - w0)}.
 *   <li><b>Volatility limit</b>: with ex-ante {@code sigma_p = sqrt(252 w'Sw)} (the inverse-volatility fallback
 *       uses the diagonal EWMA variances, and so do equal weights without a lookback, or skip the limit while a
 *       variance is missing), weights are scaled by
 *       {@code targetVolatility / sigma_p} when {@code sigma_p > targetVolatility}.
 *   <li><b>Drawdown rule</b>: when {@code E < (1 - drawdownLimit) x peak valuation}, weights are scaled by
 *       {@code drawdownScale}.
 *   <li><b>Threshold</b>: a symbol whose non-zero target is within {@code threshold} of {@code w0_i} is left alone.
 * </ol>
 *
 * Costs are not subtracted from {@code mu}: fills pay the fill model's costs, and the threshold is the guard against
 * churning. Not thread-safe (it writes the construction fields of the state it is given).
 */
public final class PortfolioConstructor {
  /** Trading days per year, to annualise the daily covariance. */
  public static final double TRADING_DAYS = 252;

  private final Construction c;
  private final OptimizationMethod method;
  private final double grossLeverage;
  private final double maxGrossLeverage;
  private final int universeSize;
  private final Map<String, String> sectors;

  /** A constructor for {@code config}'s construction, which must name an optimiser. */
  public PortfolioConstructor(SimulationConfig config) {
    this.c = config.construction();
    Checks.isTrue(!c.perSignal(), "method: signal sizes each signal on its own; it needs no PortfolioConstructor");
    this.method = c.optimizationMethod();
    this.grossLeverage = config.grossLeverage();
    this.maxGrossLeverage = config.maxGrossLeverage();
    this.universeSize = config.universeSize();
    this.sectors = config.sectors();
  }

  /**
   * The targets of a rebalance.
   *
   * @param weights per symbol of the state, its target weight (fraction of equity, negative short), or NaN to leave
   *     the symbol alone (no price, or within the threshold); the array is the caller's
   * @param basis how the weights were made: the method's name, {@code inverse-volatility (fallback)} or
   *     {@code equal-weight (fallback)}, or {@code none} without candidates
   * @param volatilityScale the factor the volatility limit applied, 1 if none
   * @param drawdownScale the factor the drawdown rule applied, 1 if none
   * @param fallback why the configured method could not size the book, so the fallback weights of {@code basis}
   *     were used (too little history, or the optimiser's error); null when the method ran
   */
  public record Targets(double[] weights, String basis, double volatilityScale, double drawdownScale,
      String fallback) {}

  /** Slots of the daily close ring: {@code lookbackDays + 1} closes give {@code lookbackDays} returns. */
  public int historyLength() {
    return c.lookbackDays() + 1;
  }

  /** Records the last closes as those of the New York session {@code day}, once per day. */
  public void recordCloses(PortfolioState s, long day) {
    if (day == s.closeDay) {
      return;
    }
    int cap = historyLength();
    for (int i = 0; i < s.symbols.length; i++) {
      s.dailyCloses[i][s.closeHead] = s.lastClose[i];
    }
    s.closeHead = (s.closeHead + 1) % cap;
    s.closeCount = Math.min(cap, s.closeCount + 1);
    s.closeDay = day;
  }

  /** Records symbol {@code i}'s signal ({@code direction} -1, 0 or +1); with {@code rebalance: signal} it is due. */
  public void onSignal(PortfolioState s, int i, int direction, double strength) {
    s.signalDirection[i] = direction;
    s.signalStrength[i] = direction == 0 ? 0 : strength;
    s.rebalanceDue = true;
  }

  /**
   * Whether the instant ending now rebalances, and if so resets the triggers.
   *
   * @param hadBars whether bars closed at the instant
   * @param instantDay the instant's New York day (epoch day), compared with {@code s.lastInstantDay}, the day of
   *     the previous instant with bars
   */
  public boolean due(PortfolioState s, boolean hadBars, long instantDay) {
    if (hadBars) {
      s.barsSinceRebalance++;
    }
    boolean newSession = hadBars && instantDay != s.lastInstantDay;
    boolean due = switch (c.rebalanceRule()) {
      case SIGNAL -> s.rebalanceDue;
      case DAILY -> newSession;
      case WEEKLY -> newSession && (s.lastInstantDay == Long.MIN_VALUE || week(instantDay) != week(s.lastInstantDay));
      case BARS -> s.barsSinceRebalance >= c.rebalanceBars();
    };
    if (due) {
      s.rebalanceDue = false;
      s.barsSinceRebalance = 0;
    }
    return due;
  }

  /** The targets for equity {@code equity} (USD, at the last closes); see the class comment. */
  public Targets targets(PortfolioState s, double equity) {
    int n = s.symbols.length;
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    if (!(equity > 0)) {
      return new Targets(out, "none", 1, 1, null); // nothing sensible to size with
    }
    double[] current = new double[n];
    for (int i = 0; i < n; i++) {
      current[i] = s.shares[i] != 0 ? s.shares[i] * s.lastClose[i] / equity : 0;
    }
    int[] cand = candidates(s);
    if (c.maxCorrelation() != null && cand.length > 0) {
      cand = decorrelated(s, cand, current);
    }
    double[] target = new double[n];
    String basis = "none";
    String fallback = null;
    double volScale = 1;
    double ddScale = 1;
    if (cand.length > 0) {
      int m = cand.length;
      int[] dir = new int[m];
      double[] w0 = new double[m];
      for (int k = 0; k < m; k++) {
        dir[k] = s.signalDirection[cand[k]];
        w0[k] = dir[k] * current[cand[k]];
      }
      Sized sized = size(s, cand, dir, w0);
      double[] w = sized.weights;
      basis = sized.basis;
      fallback = sized.why;
      clip(w);
      limitTurnover(w, w0);
      if (c.targetVolatility() != null && sized.covariance != null) {
        double vol = Math.sqrt(TRADING_DAYS * sized.covariance.variance(w));
        if (vol > c.targetVolatility()) {
          volScale = c.targetVolatility() / vol;
        }
      }
      if (c.drawdownLimit() != null && equity < (1 - c.drawdownLimit()) * s.peakEquity) {
        ddScale = c.drawdownScale();
      }
      for (int k = 0; k < m; k++) {
        target[cand[k]] = dir[k] * w[k] * volScale * ddScale;
      }
    }
    for (int i = 0; i < n; i++) {
      if (!(s.lastClose[i] > 0)) {
        continue;
      }
      if (target[i] != 0 && c.threshold() > 0 && Math.abs(target[i] - current[i]) <= c.threshold()) {
        continue;
      }
      out[i] = target[i];
    }
    return new Targets(out, basis, volScale, ddScale, fallback);
  }

  /**
   * Weights in signal space, the covariance they were sized with (null for none), how, and why the method did not
   * run (null when it did).
   */
  private record Sized(double[] weights, Covariance covariance, String basis, String why) {}

  private Sized size(PortfolioState s, int[] cand, int[] dir, double[] w0) {
    int m = cand.length;
    List<String> assets = new ArrayList<>(m);
    for (int i : cand) {
      assets.add(s.symbols[i]);
    }
    double budget = c.maxWeight() == null ? grossLeverage : Math.min(grossLeverage, m * c.maxWeight());
    double[][] r = returns(s, cand, dir);
    String why = null;
    if (r != null) {
      try {
        Covariance cov = estimate(r, assets, dir);
        double[] strength = new double[m];
        for (int k = 0; k < m; k++) {
          strength[k] = s.signalStrength[cand[k]];
        }
        PortfolioProblem problem = new PortfolioProblem(assets, cov, null, constraints(assets, w0, budget));
        double[] mu = ExpectedReturns.fromSignals(strength, cov, c.informationCoefficient());
        PortfolioOptimizer opt = optimizer(assets, dir, mu, strength, budget);
        if (method == OptimizationMethod.MEAN_VARIANCE) {
          problem = problem.withExpectedReturns(mu);
        }
        return new Sized(opt.optimize(problem).weightArray(), cov, method.cliName(), null);
      } catch (IllegalArgumentException e) {
        // infeasible constraints, a zero variance, no convergence: the fallback below keeps the book tradeable
        why = "the optimiser failed: " + e.getMessage();
      }
    } else {
      why = s.closeCount < historyLength()
          ? String.format(java.util.Locale.ROOT, "%d of the %d daily returns of portfolio.construction.lookbackDays "
              + "so far", Math.max(0, s.closeCount - 1), c.lookbackDays())
          : "a candidate has no close on some day of the lookback window (a new listing or a gap)";
    }
    Covariance ewma = null; // diagonal, from the simulator's EWMA daily variances, while every candidate has one
    double[][] diag = new double[m][m];
    boolean known = true;
    for (int k = 0; k < m; k++) {
      diag[k][k] = s.dailyVariance[cand[k]];
      known &= diag[k][k] > 0;
    }
    if (known) {
      ewma = Covariance.of(diag);
    }
    if (ewma == null || method == OptimizationMethod.EQUAL_WEIGHT) {
      double[] w = new double[m];
      Arrays.fill(w, budget / m);
      return method == OptimizationMethod.EQUAL_WEIGHT ? new Sized(w, ewma, method.cliName(), null)
          : new Sized(w, ewma, OptimizationMethod.EQUAL_WEIGHT.cliName() + " (fallback)", why);
    }
    double[] w = new InverseVolatility().optimize(new PortfolioProblem(assets, ewma, null,
        Constraints.defaults().withBudget(budget))).weightArray();
    return new Sized(w, ewma, OptimizationMethod.INVERSE_VOLATILITY.cliName() + " (fallback)", why);
  }

  private PortfolioOptimizer optimizer(List<String> assets, int[] dir, double[] mu, double[] strength,
      double budget) {
    return switch (method) {
      case MEAN_VARIANCE -> new MeanVariance(c.riskAversion());
      case BLACK_LITTERMAN -> {
        Map<String, Double> market = new LinkedHashMap<>();
        List<View> views = new ArrayList<>();
        for (int k = 0; k < assets.size(); k++) {
          market.put(assets.get(k), dir[k] / (double) universeSize);
          views.add(new View(Map.of(assets.get(k), 1.0), mu[k], strength[k]));
        }
        yield new BlackLitterman(market, c.riskAversion(), BlackLitterman.DEFAULT_TAU, views);
      }
      case VOLATILITY_TARGET -> new VolatilityTarget(
          c.targetVolatility() == null ? VolatilityTarget.DEFAULT_TARGET : c.targetVolatility(), TRADING_DAYS,
          budget, Map.of(), Map.of());
      default -> method.defaultOptimizer();
    };
  }

  private Constraints constraints(List<String> assets, double[] w0, double budget) {
    Constraints k = Constraints.defaults().withLongOnly(c.longOnly()).withBudget(budget);
    boolean qp = method == OptimizationMethod.MEAN_VARIANCE || method == OptimizationMethod.MINIMUM_VARIANCE
        || method == OptimizationMethod.BLACK_LITTERMAN;
    if (qp || method == OptimizationMethod.MAXIMUM_DIVERSIFICATION) {
      k = k.withBounds(c.minWeight() == null ? Double.NEGATIVE_INFINITY : c.minWeight(),
          c.maxWeight() == null ? Double.POSITIVE_INFINITY : c.maxWeight());
    }
    if (qp && c.maxTurnover() != null) {
      Map<String, Double> current = new LinkedHashMap<>();
      for (int i = 0; i < assets.size(); i++) {
        current.put(assets.get(i), w0[i]);
      }
      k = k.withTurnover(current, c.maxTurnover());
    }
    if (qp && !c.longOnly()) {
      k = k.withGrossLeverage(maxGrossLeverage);
    }
    return k;
  }

  private Covariance estimate(double[][] returns, List<String> assets, int[] dir) {
    return switch (c.covariance()) {
      case "sample" -> SampleCovariance.estimate(returns);
      case "ewma" -> EwmaCovariance.riskMetrics().estimate(returns);
      case "factor" -> FactorEstimate.signalSpace(returns, assets, dir, sectors);
      default -> LedoitWolf.identity(returns).covariance();
    };
  }

  private void clip(double[] w) {
    double lo = c.minWeight() == null ? (c.longOnly() ? 0 : Double.NEGATIVE_INFINITY)
        : (c.longOnly() ? Math.max(0, c.minWeight()) : c.minWeight());
    double hi = c.maxWeight() == null ? Double.POSITIVE_INFINITY : c.maxWeight();
    for (int k = 0; k < w.length; k++) {
      w[k] = Math.max(lo, Math.min(hi, w[k]));
    }
  }

  private void limitTurnover(double[] w, double[] w0) {
    if (c.maxTurnover() == null) {
      return;
    }
    double turnover = 0;
    for (int k = 0; k < w.length; k++) {
      turnover += Math.abs(w[k] - w0[k]);
    }
    if (turnover > c.maxTurnover()) {
      double f = c.maxTurnover() / turnover;
      for (int k = 0; k < w.length; k++) {
        w[k] = w0[k] + f * (w[k] - w0[k]);
      }
    }
  }

  /** Symbols with a LONG or SHORT signal and a price, in symbol order. */
  private static int[] candidates(PortfolioState s) {
    int[] out = new int[s.symbols.length];
    int m = 0;
    for (int i = 0; i < s.symbols.length; i++) {
      if (s.signalDirection[i] != 0 && s.lastClose[i] > 0) {
        out[m++] = i;
      }
    }
    return Arrays.copyOf(out, m);
  }

  /** The candidates that pass the correlation limit (all of them when the book or the history is empty). */
  private int[] decorrelated(PortfolioState s, int[] cand, double[] current) {
    int n = s.symbols.length;
    int[] union = new int[n];
    int u = 0;
    boolean anyHeld = false;
    int ci = 0;
    for (int i = 0; i < n; i++) {
      boolean isCand = ci < cand.length && cand[ci] == i;
      if (isCand) {
        ci++;
      }
      if (isCand || s.shares[i] != 0) {
        union[u++] = i;
        anyHeld |= s.shares[i] != 0;
      }
    }
    if (!anyHeld) {
      return cand;
    }
    union = Arrays.copyOf(union, u);
    int[] ones = new int[u];
    Arrays.fill(ones, 1);
    double[][] r = returns(s, union, ones);
    if (r == null) {
      return cand;
    }
    int t = r[0].length;
    int[] keep = new int[cand.length];
    int kept = 0;
    for (int i : cand) {
      int d = s.signalDirection[i];
      if (Math.signum(s.shares[i]) == d) {
        keep[kept++] = i; // already held in its direction: part of the book, not new weight
        continue;
      }
      double[] book = new double[t];
      int self = -1;
      for (int a = 0; a < u; a++) {
        int j = union[a];
        if (j == i) {
          self = a;
        } else if (current[j] != 0) {
          for (int k = 0; k < t; k++) {
            book[k] += current[j] * r[a][k];
          }
        }
      }
      double[] mine = new double[t];
      for (int k = 0; k < t; k++) {
        mine[k] = d * r[self][k];
      }
      if (!(correlation(mine, book) > c.maxCorrelation())) {
        keep[kept++] = i;
      }
    }
    return Arrays.copyOf(keep, kept);
  }

  /** Pearson correlation; 0 when either series is constant. */
  static double correlation(double[] x, double[] y) {
    int t = x.length;
    double mx = 0;
    double my = 0;
    for (int k = 0; k < t; k++) {
      mx += x[k] / t;
      my += y[k] / t;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int k = 0; k < t; k++) {
      sxy += (x[k] - mx) * (y[k] - my);
      sxx += (x[k] - mx) * (x[k] - mx);
      syy += (y[k] - my) * (y[k] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  }

  /**
   * The last {@code lookbackDays} daily simple returns {@code sign_k (c_t / c_(t-1) - 1)} of the symbols {@code idx},
   * oldest first, as {@code double[symbol][day]}; null until the ring is full or while one of them lacks a close.
   */
  private double[][] returns(PortfolioState s, int[] idx, int[] sign) {
    int cap = historyLength();
    if (s.closeCount < cap) {
      return null;
    }
    int window = cap - 1;
    double[][] r = new double[idx.length][window];
    for (int k = 0; k < idx.length; k++) {
      double[] row = s.dailyCloses[idx[k]];
      for (int t = 0; t < window; t++) { // a full ring's head is its oldest slot
        double prev = row[(s.closeHead + t) % cap];
        double next = row[(s.closeHead + t + 1) % cap];
        if (!(prev > 0) || !(next > 0)) {
          return null;
        }
        r[k][t] = sign[k] * (next / prev - 1);
      }
    }
    return r;
  }

  /** ISO week number since the epoch (weeks start on Monday; epoch day 4 was a Monday). */
  private static long week(long epochDay) {
    return Math.floorDiv(epochDay + 3, 7);
  }
}
