package io.quantflow.operators.risk;

import io.quantflow.domain.Checks;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.models.metrics.SampleMoments;
import io.quantflow.models.ml.drift.RingBuffer;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.portfolio.SampleCovariance;
import io.quantflow.models.risk.ComponentVar;
import io.quantflow.models.risk.PortfolioReturns;
import io.quantflow.models.risk.ValueAtRisk;
import io.quantflow.models.risk.VarEstimate;
import io.quantflow.models.risk.VarMethod;
import io.quantflow.models.risk.VarSpec;
import io.quantflow.models.risk.hedge.Beta;
import io.quantflow.models.risk.limits.LimitBreach;
import io.quantflow.models.risk.limits.LimitUsage;
import io.quantflow.models.risk.limits.RiskLimits;
import io.quantflow.models.risk.stress.Exposures;
import io.quantflow.models.risk.stress.HypotheticalShock;
import io.quantflow.models.risk.stress.StressInputs;
import io.quantflow.models.risk.stress.StressResult;
import io.quantflow.models.risk.stress.StressTest;
import io.quantflow.models.risk.stress.SymbolCovariance;
import io.quantflow.operators.portfolio.BookSnapshot;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The book's risk at each valuation: exposures, drawdown, the usage of every configured limit
 * ({@link LimitUsage}), and the VaR and CVaR of the current weights ({@link ValueAtRisk} with the configured
 * {@link RiskConfig#method()}) over the recent returns of the symbols held. With {@code returns: bars} those are the
 * last {@link RiskConfig#windowBars()} returns {@code close_t / close_{t-1} - 1} between consecutive valuations,
 * scaled to {@link RiskConfig#horizonBars()} by the square root of time; with {@code returns: daily} the last
 * {@link RiskConfig#windowDays()} close-to-close returns of completed New York sessions (a session's close is the
 * last close valued on that day, known once a valuation of a later day arrives, so the current day never enters:
 * no look-ahead), over {@link RiskConfig#horizonDays()} sessions. Either way a symbol without a new bar contributes
 * 0, and the panel is the aligned tail of the held symbols' returns. Monte Carlo draws
 * {@link RiskConfig#simulations()} returns with the same {@link RiskConfig#seed()} at every valuation (deterministic,
 * so BATCH and STREAMING agree), costing about {@code simulations x assets} normal draws and a sort per valuation.
 * With {@link RiskConfig#stress()} each valuation also applies those hypothetical shocks to the book on the same
 * window ({@link StressTest#apply}: index shocks through OLS betas to the index, covariance shocks as a stressed
 * parametric VaR at the confidence and horizon) and reports the worst one.
 * Breaches raise a {@link RiskAlert} once, re-armed when the measure is back below 90 percent of its limit. Plain
 * Java; {@link RiskMonitorFunction} keeps the {@link State} in Flink state.
 */
public final class RiskMonitor {
  private final RiskConfig config;
  private final RiskLimits limits;
  private final Map<String, String> sectors;
  /** The kernels' shocks of {@link RiskConfig#stress()}, in its order. */
  private final List<HypotheticalShock> shocks;

  /**
   * Per-book state. A Flink POJO of arrays (no collections: the pipeline's jobs disable generic types): the
   * symbols seen, sorted, with their last close, recent bar returns ({@code returns: bars}) or session closes
   * ({@code returns: daily}), and the keys of the active alerts.
   */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Symbols seen, sorted. */
    public String[] symbols = new String[0];
    /** Last close per symbol, NaN before its first. */
    public double[] lastClose = new double[0];
    /** Recent bar returns per symbol ({@code returns: bars}; a one-slot unused buffer otherwise). */
    public RingBuffer[] returns = new RingBuffer[0];
    /**
     * Closes of the completed New York sessions per symbol, oldest first, all recorded at the same session ends
     * ({@code returns: daily}; a one-slot unused buffer otherwise).
     */
    public RingBuffer[] sessionCloses = new RingBuffer[0];
    /** The New York day (epoch day) of the last valuation, {@link Long#MIN_VALUE} before the first. */
    public long day = Long.MIN_VALUE;
    /** Active alerts as {@code setting|subject}. */
    public String[] active = new String[0];

    int index(String symbol, int barWindow, int closeWindow) {
      int i = java.util.Arrays.binarySearch(symbols, symbol);
      if (i >= 0) {
        return i;
      }
      int at = -i - 1;
      String[] s = new String[symbols.length + 1];
      double[] c = new double[s.length];
      RingBuffer[] r = new RingBuffer[s.length];
      RingBuffer[] d = new RingBuffer[s.length];
      for (int k = 0, j = 0; k < s.length; k++) {
        if (k == at) {
          s[k] = symbol;
          c[k] = Double.NaN;
          r[k] = new RingBuffer(barWindow);
          d[k] = new RingBuffer(closeWindow);
        } else {
          s[k] = symbols[j];
          c[k] = lastClose[j];
          r[k] = returns[j];
          d[k] = sessionCloses[j];
          j++;
        }
      }
      symbols = s;
      lastClose = c;
      returns = r;
      sessionCloses = d;
      return at;
    }

    boolean activate(String key) {
      for (String a : active) {
        if (a.equals(key)) {
          return false;
        }
      }
      active = java.util.Arrays.copyOf(active, active.length + 1);
      active[active.length - 1] = key;
      return true;
    }

    void clear(String key) {
      active = java.util.Arrays.stream(active).filter(a -> !a.equals(key)).toArray(String[]::new);
    }
  }

  /** One valuation's report and the alerts it raised. */
  public record Output(RiskReport report, List<RiskAlert> alerts) {}

  /**
   * A monitor of a book held under {@code limits}.
   *
   * @param sectors sector per symbol, for the sector limit (empty for none)
   */
  public RiskMonitor(RiskConfig config, RiskLimits limits, Map<String, String> sectors) {
    this.config = Checks.notNull(config, "config");
    this.limits = Checks.notNull(limits, "limits");
    this.sectors = Checks.notNull(sectors, "sectors");
    this.shocks = config.stress().stream().map(RiskConfig.StressShock::shock).toList();
  }

  /** Measures {@code book} and advances {@code state}. */
  public Output apply(State state, BookSnapshot book) {
    Map<String, Double> values = new HashMap<>();
    double gross = 0;
    double net = 0;
    double largest = 0;
    double h = 0;
    double e = book.equity();
    boolean daily = config.daily();
    if (state.sessionCloses.length < state.symbols.length) { // state saved before session closes were kept
      RingBuffer[] d = java.util.Arrays.copyOf(state.sessionCloses, state.symbols.length);
      for (int k = state.sessionCloses.length; k < d.length; k++) {
        d[k] = new RingBuffer(daily ? config.windowDays() + 1 : 1);
      }
      state.sessionCloses = d;
    }
    if (daily) {
      long day = newYorkDay(book.timestampMicros());
      if (state.day != Long.MIN_VALUE && day != state.day) {
        // a later day's valuation: the last closes valued are the closes of the session state.day
        for (int k = 0; k < state.symbols.length; k++) {
          state.sessionCloses[k].add(state.lastClose[k]);
        }
      }
      state.day = day;
    }
    for (int i = 0; i < book.symbols().length; i++) {
      String s = book.symbols()[i];
      double c = book.closes()[i];
      if (Double.isNaN(c)) {
        continue;
      }
      int k = daily ? state.index(s, 1, config.windowDays() + 1) : state.index(s, config.windowBars(), 1);
      double last = state.lastClose[k];
      state.lastClose[k] = c;
      if (!daily && !Double.isNaN(last)) {
        state.returns[k].add(c / last - 1);
      }
      double v = book.shares()[i] * c;
      if (v != 0) {
        values.put(s, v);
        gross += Math.abs(v);
        net += v;
        largest = Math.max(largest, Math.abs(v));
        h += (v / e) * (v / e);
      }
    }
    double peak = Math.max(book.peakEquity(), e);
    Window window = window(state, values, e);
    double[] var = var(window);
    Stress stress = stress(state, window, values, e);
    Contributor top = contributor(window);
    List<RiskAlert> alerts = new ArrayList<>();
    double worst = Double.NaN;
    int breaches = 0;
    if (e > 0 && peak > 0 && !limits.equals(RiskLimits.none())) {
      LimitUsage usage = LimitUsage.of(limits, values, e, peak, sectors.isEmpty() ? null : sectors);
      for (LimitUsage.Usage u : usage.usages()) {
        worst = Double.isNaN(worst) ? u.usage() : Math.max(worst, u.usage());
        String key = u.limit().setting() + "|" + u.subject();
        if (u.usage() < 0.9) {
          state.clear(key);
        }
      }
      breaches = usage.breaches().size();
      for (LimitBreach b : usage.breaches()) {
        String key = b.limit().setting() + "|" + b.subject();
        if (state.activate(key)) {
          alerts.add(new RiskAlert(book.timestampMicros(), "portfolio.limits." + b.limit().setting(), b.subject(),
              b.value(), b.threshold(), b.message() + "; cut the position or raise portfolio.limits."
                  + b.limit().setting()));
        }
      }
    }
    if (config.maxVar() != null && !Double.isNaN(var[0])) {
      String key = "risk.maxVar|book";
      worst = Double.isNaN(worst) ? var[0] / config.maxVar() : Math.max(worst, var[0] / config.maxVar());
      if (var[0] > config.maxVar()) {
        breaches++;
        if (state.activate(key)) {
          alerts.add(new RiskAlert(book.timestampMicros(), "risk.maxVar", "book", var[0], config.maxVar(),
              String.format(Locale.ROOT, "%s VaR %.2f%% (%.0f%%, %d %s) of equity is above the limit %.2f%% "
                  + "(risk.maxVar); reduce gross exposure", config.method(), 100 * var[0], 100 * config.confidence(),
                  config.horizon(), daily ? "days" : "bars", 100 * config.maxVar())));
        }
      } else if (var[0] < 0.9 * config.maxVar()) {
        state.clear(key);
      }
    }
    if (config.maxStressLoss() != null && stress != null) {
      String key = "risk.maxStressLoss|book";
      double limit = config.maxStressLoss();
      worst = Double.isNaN(worst) ? stress.loss() / limit : Math.max(worst, stress.loss() / limit);
      if (stress.loss() > limit) {
        breaches++;
        if (state.activate(key)) {
          alerts.add(new RiskAlert(book.timestampMicros(), "risk.maxStressLoss", "book", stress.loss(), limit,
              String.format(Locale.ROOT, "stress scenario '%s' loses %.2f%% of equity, above the limit %.2f%% "
                  + "(risk.maxStressLoss); reduce or hedge the exposure to it", stress.scenario(),
                  100 * stress.loss(), 100 * limit)));
        }
      } else if (stress.loss() < 0.9 * limit) {
        state.clear(key);
      }
    }
    RiskReport report = new RiskReport(book.timestampMicros(), e, gross / e, net / e, largest / e, h,
        peak > 0 ? 1 - e / peak : 0, var[0], var[1], worst, breaches, stress == null ? Double.NaN : stress.loss(),
        stress == null ? "" : stress.scenario(), top == null ? "" : top.symbol(),
        top == null ? Double.NaN : top.share());
    return new Output(report, alerts);
  }

  /**
   * The aligned tail of the held symbols' returns: {@code panel[k]} the last {@code m} returns of {@code held[k]}
   * (sorted), {@code weights[k] = v_k / E}, with the portfolio and the sample covariance the VaR, the stress
   * scenarios and the component VaR of one valuation share (the covariance estimated once, when first asked for).
   */
  private static final class Window {
    final List<String> held;
    final double[][] panel;
    final int m;
    final PortfolioReturns portfolio;
    private Covariance covariance;

    Window(List<String> held, double[][] panel, double[] weights, int m) {
      this.held = held;
      this.panel = panel;
      this.m = m;
      this.portfolio = new PortfolioReturns(panel, weights);
    }

    /** The sample covariance of the panel (per period, divisor {@code m - 1}). */
    Covariance covariance() {
      if (covariance == null) {
        covariance = SampleCovariance.estimate(panel);
      }
      return covariance;
    }
  }

  /** The window of the current book; null when flat, without equity, or before the minimum of returns. */
  private Window window(State state, Map<String, Double> values, double equity) {
    if (values.isEmpty() || !(equity > 0)) {
      return null;
    }
    List<String> held = new ArrayList<>(values.keySet());
    java.util.Collections.sort(held);
    int m = Integer.MAX_VALUE;
    int[] at = new int[held.size()];
    for (int k = 0; k < held.size(); k++) {
      at[k] = java.util.Arrays.binarySearch(state.symbols, held.get(k));
      m = Math.min(m, available(state, at[k]));
    }
    if (m < minimum()) {
      return null;
    }
    double[][] panel = new double[held.size()][];
    double[] w = new double[held.size()];
    for (int k = 0; k < held.size(); k++) {
      panel[k] = returns(state, at[k], m);
      w[k] = values.get(held.get(k)) / equity;
    }
    return new Window(held, panel, w, m);
  }

  /** Returns needed before a figure is reported: {@code minDays} or {@code minBars}. */
  private int minimum() {
    return config.daily() ? config.minDays() : config.minBars();
  }

  /** The returns recorded for the symbol at state index {@code k} (0 for none). */
  private int available(State state, int k) {
    return Math.max(0, k < 0 ? 0 : config.daily() ? state.sessionCloses[k].size() - 1 : state.returns[k].size());
  }

  /** The last {@code m} returns of the symbol at state index {@code k}, oldest first. */
  private double[] returns(State state, int k, int m) {
    return config.daily() ? sessionReturns(state.sessionCloses[k], m) : tail(state.returns[k].toArray(), m);
  }

  /** VaR and CVaR of the current weights over the window; NaN when not ready. */
  private double[] var(Window window) {
    if (window == null) {
      return new double[] {Double.NaN, Double.NaN};
    }
    PortfolioReturns portfolio = window.portfolio;
    VarMethod method = config.varMethod();
    if (method == VarMethod.CORNISH_FISHER && !(SampleMoments.of(portfolio.portfolioReturns())
        .standardDeviation() > 0)) {
      // no variance (e.g. prices that never moved): the expansion is undefined, its limit is the normal figure
      method = VarMethod.PARAMETRIC;
    }
    VarEstimate v = ValueAtRisk.estimate(method, portfolio, spec());
    return new double[] {v.var(), v.cvar()};
  }

  /** The worst scenario of {@link RiskConfig#stress()} and its loss, or null when none or not ready. */
  private Stress stress(State state, Window window, Map<String, Double> values, double equity) {
    if (shocks.isEmpty() || window == null) {
      return null;
    }
    Exposures book = new Exposures(values, equity);
    SymbolCovariance covariance = null;
    if (config.stress().stream().anyMatch(RiskConfig.StressShock::covarianceShock)) {
      // the kernel's VaR is of one period of its covariance: h periods are h times the covariance (square root
      // of time, as the monitor's VaR)
      covariance = new SymbolCovariance(window.held, window.covariance().scaled(config.horizon()));
    }
    Map<String, Map<String, Double>> betas = new HashMap<>();
    Stress worst = null;
    for (int i = 0; i < shocks.size(); i++) {
      RiskConfig.StressShock shock = config.stress().get(i);
      Map<String, Double> beta = shock.covarianceShock() ? Map.of()
          : betas.computeIfAbsent(shock.index(), index -> betas(state, window, index));
      StressResult r = StressTest.apply(shocks.get(i), new StressInputs(book, beta, covariance, config.confidence()));
      double loss = r.var() != null ? r.var().stressedVar() : -r.pnlFraction();
      if (worst == null || loss > worst.loss()) {
        worst = new Stress(loss, shock.name());
      }
    }
    return worst;
  }

  private record Stress(double loss, String scenario) {}

  private record Contributor(String symbol, double share) {}

  /**
   * The position with the largest share of the parametric (normal) VaR of the window by Euler allocation
   * ({@link ComponentVar}), or null when the book is flat, the window not ready or the portfolio variance zero.
   */
  private Contributor contributor(Window window) {
    if (window == null) {
      return null;
    }
    ComponentVar c;
    try { // the mean enters, as VarSpec.of has it and ComponentVar.of(PortfolioReturns, spec) would take it
      c = ComponentVar.of(window.portfolio.mean(), window.covariance().matrix(), window.portfolio.weights(),
          VarSpec.of(config.confidence(), config.horizon()));
    } catch (IllegalArgumentException noVariance) {
      return null; // e.g. prices that never moved in the window: no VaR to allocate
    }
    double[] share = c.percent();
    int best = -1;
    for (int k = 0; k < share.length; k++) {
      if (Double.isFinite(share[k]) && (best < 0 || share[k] > share[best])) {
        best = k;
      }
    }
    return best < 0 ? null : new Contributor(window.held.get(best), share[best]);
  }

  /**
   * The OLS beta of each held symbol to {@code index} over their last {@code min(m, index's returns)} returns; 1
   * for the index itself, and for every symbol while the index has fewer than the minimum of returns (at least 2)
   * or no variance over them (the beta is undefined).
   */
  private Map<String, Double> betas(State state, Window window, String index) {
    int ix = java.util.Arrays.binarySearch(state.symbols, index);
    int n = Math.min(window.m, available(state, ix));
    double[] indexReturns = n >= Math.max(2, minimum()) ? returns(state, ix, n) : null;
    boolean defined = indexReturns != null && SampleMoments.of(indexReturns).standardDeviation() > 0;
    Map<String, Double> betas = new HashMap<>();
    for (int k = 0; k < window.held.size(); k++) {
      String symbol = window.held.get(k);
      betas.put(symbol, symbol.equals(index) || !defined ? 1.0
          : Beta.estimate(tail(window.panel[k], n), indexReturns));
    }
    return betas;
  }

  /** The kernel's settings: confidence, horizon and the Monte Carlo draws. */
  private VarSpec spec() {
    VarSpec spec = VarSpec.of(config.confidence(), config.horizon()).withPaths(config.simulations())
        .withSeed(config.seed());
    return config.studentTDof() == null ? spec : spec.withStudentT(config.studentTDof());
  }

  private static double[] tail(double[] all, int m) {
    return java.util.Arrays.copyOfRange(all, all.length - m, all.length);
  }

  /** The last {@code m} close-to-close returns {@code c_t / c_(t-1) - 1} of {@code closes}, oldest first. */
  private static double[] sessionReturns(RingBuffer closes, int m) {
    int n = closes.size();
    double[] r = new double[m];
    for (int t = 0; t < m; t++) {
      r[t] = closes.get(n - m + t) / closes.get(n - m + t - 1) - 1;
    }
    return r;
  }

  /**
   * The New York epoch day of a valuation at {@code micros} (UTC epoch micros); an instant at midnight ends the day
   * before. The sessions of {@code returns: daily}, and of the run's VaR backtest.
   */
  public static long newYorkDay(long micros) {
    return java.time.Instant.ofEpochSecond(Math.floorDiv(micros - 1, 1_000_000L)).atZone(ExchangeCalendar.NEW_YORK)
        .toLocalDate().toEpochDay();
  }
}
