package io.quantflow.operators.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.drift.RingBuffer;
import io.quantflow.models.risk.PortfolioReturns;
import io.quantflow.models.risk.ValueAtRisk;
import io.quantflow.models.risk.VarEstimate;
import io.quantflow.models.risk.VarMethod;
import io.quantflow.models.risk.VarSpec;
import io.quantflow.models.risk.limits.LimitBreach;
import io.quantflow.models.risk.limits.LimitUsage;
import io.quantflow.models.risk.limits.RiskLimits;
import io.quantflow.operators.portfolio.BookSnapshot;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The book's risk at each valuation: exposures, drawdown, the usage of every configured limit
 * ({@link LimitUsage}), and the VaR and CVaR of the current weights over the last {@link RiskConfig#windowBars()}
 * base-bar returns of the symbols held ({@link ValueAtRisk}, scaled to {@link RiskConfig#horizonBars()} by the
 * square root of time). Returns are {@code close_t / close_{t-1} - 1} between consecutive valuations; a symbol
 * without a new bar contributes 0. Breaches raise a {@link RiskAlert} once, re-armed when the measure is back below
 * 90 percent of its limit. Plain Java; {@link RiskMonitorFunction} keeps the {@link State} in Flink state.
 */
public final class RiskMonitor {
  private final RiskConfig config;
  private final RiskLimits limits;
  private final Map<String, String> sectors;

  /**
   * Per-book state. A Flink POJO of arrays (no collections: the pipeline's jobs disable generic types): the
   * symbols seen, sorted, with their last close and recent returns, and the keys of the active alerts.
   */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Symbols seen, sorted. */
    public String[] symbols = new String[0];
    /** Last close per symbol, NaN before its first. */
    public double[] lastClose = new double[0];
    /** Recent returns per symbol. */
    public RingBuffer[] returns = new RingBuffer[0];
    /** Active alerts as {@code setting|subject}. */
    public String[] active = new String[0];

    int index(String symbol, int window) {
      int i = java.util.Arrays.binarySearch(symbols, symbol);
      if (i >= 0) {
        return i;
      }
      int at = -i - 1;
      String[] s = new String[symbols.length + 1];
      double[] c = new double[s.length];
      RingBuffer[] r = new RingBuffer[s.length];
      for (int k = 0, j = 0; k < s.length; k++) {
        if (k == at) {
          s[k] = symbol;
          c[k] = Double.NaN;
          r[k] = new RingBuffer(window);
        } else {
          s[k] = symbols[j];
          c[k] = lastClose[j];
          r[k] = returns[j];
          j++;
        }
      }
      symbols = s;
      lastClose = c;
      returns = r;
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
  }

  /** Measures {@code book} and advances {@code state}. */
  public Output apply(State state, BookSnapshot book) {
    Map<String, Double> values = new HashMap<>();
    double gross = 0;
    double net = 0;
    double largest = 0;
    double h = 0;
    double e = book.equity();
    for (int i = 0; i < book.symbols().length; i++) {
      String s = book.symbols()[i];
      double c = book.closes()[i];
      if (Double.isNaN(c)) {
        continue;
      }
      int k = state.index(s, config.windowBars());
      double last = state.lastClose[k];
      state.lastClose[k] = c;
      if (!Double.isNaN(last)) {
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
    double[] var = var(state, values, e);
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
              String.format(Locale.ROOT, "%s VaR %.2f%% (%.0f%%, %d bars) of equity is above the limit %.2f%% "
                  + "(risk.maxVar); reduce gross exposure", config.method(), 100 * var[0], 100 * config.confidence(),
                  config.horizonBars(), 100 * config.maxVar())));
        }
      } else if (var[0] < 0.9 * config.maxVar()) {
        state.clear(key);
      }
    }
    RiskReport report = new RiskReport(book.timestampMicros(), e, gross / e, net / e, largest / e, h,
        peak > 0 ? 1 - e / peak : 0, var[0], var[1], worst, breaches);
    return new Output(report, alerts);
  }

  /** VaR and CVaR of the current weights over the aligned tail of the held symbols' returns; NaN when not ready. */
  private double[] var(State state, Map<String, Double> values, double equity) {
    if (values.isEmpty() || !(equity > 0)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    List<String> held = new ArrayList<>(values.keySet());
    java.util.Collections.sort(held);
    int m = Integer.MAX_VALUE;
    int[] at = new int[held.size()];
    for (int k = 0; k < held.size(); k++) {
      at[k] = java.util.Arrays.binarySearch(state.symbols, held.get(k));
      m = Math.min(m, at[k] < 0 ? 0 : state.returns[at[k]].size());
    }
    if (m < config.minBars()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[][] panel = new double[held.size()][];
    double[] w = new double[held.size()];
    for (int k = 0; k < held.size(); k++) {
      double[] all = state.returns[at[k]].toArray();
      panel[k] = java.util.Arrays.copyOfRange(all, all.length - m, all.length);
      w[k] = values.get(held.get(k)) / equity;
    }
    VarSpec spec = VarSpec.of(config.confidence(), config.horizonBars());
    VarEstimate v = ValueAtRisk.estimate(config.method().equals("parametric") ? VarMethod.PARAMETRIC
        : VarMethod.HISTORICAL, new PortfolioReturns(panel, w), spec);
    return new double[] {v.var(), v.cvar()};
  }
}
