package io.quantflow.operators.portfolio;

import io.quantflow.domain.Bar;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Signal;
import io.quantflow.models.costs.BpsCostModel;
import io.quantflow.models.costs.CostModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Event-driven portfolio bookkeeping, the same in backtest and live: signals become target positions, targets
 * become orders, orders fill at the <em>next</em> bar's open of their symbol (never the bar that produced the
 * signal), and fills move cash and positions. Equity is marked at each symbol's last close.
 *
 * <p>Sizing: a LONG (SHORT) signal targets {@code +(-) equity * grossLeverage / universeSize} USD of the symbol,
 * rounded towards zero to whole shares at the decision-time close; FLAT targets zero. A new signal replaces a
 * pending order of the same symbol. Costs come from a {@link CostModel} and are paid from cash.
 *
 * <p>Callers feed events in event-time order: at each instant, first the bars that close then, then the signals
 * decided then. Not thread-safe.
 */
public final class PortfolioSimulator {
  private final SimulationConfig config;
  private final CostModel costs;
  private PortfolioState s = new PortfolioState();

  /** A simulator with the cost model {@code costBps} basis points of notional. */
  public PortfolioSimulator(SimulationConfig config) {
    this.config = config;
    this.costs = new BpsCostModel(config.costBps());
    s.cash = config.initialCash();
  }

  /** Replaces the state (for restoring from Flink state). */
  public void restore(PortfolioState state) {
    this.s = state;
  }

  /** The current state; the object is live, not a copy. */
  public PortfolioState state() {
    return s;
  }

  /**
   * A bar of {@code bar.symbol()} closed: fill that symbol's pending order at the bar's open if the order was
   * decided at or before the bar's start, then mark the position at the close.
   *
   * @return the fill, or null
   */
  public Fill onBar(Bar bar) {
    int i = indexOf(bar.symbol());
    Fill fill = null;
    if (s.pendingQuantity[i] != 0 && s.pendingDecisionMicros[i] <= bar.timestampMicros()) {
      double qty = s.pendingQuantity[i];
      double price = bar.open();
      double cost = costs.cost(bar.symbol(), qty, price);
      s.cash -= qty * price + cost;
      s.shares[i] += qty;
      fill = new Fill(orderId(bar.symbol(), s.pendingDecisionMicros[i]), bar.symbol(), bar.timestampMicros(),
          s.pendingDecisionMicros[i], qty, price, cost);
      s.pendingQuantity[i] = 0;
    }
    s.lastClose[i] = bar.close();
    return fill;
  }

  /** A signal was decided: set the symbol's target and (re)place the order that reaches it. */
  public void onSignal(Signal signal) {
    int i = indexOf(signal.symbol());
    s.targetSign[i] = signal.direction().sign();
    double price = s.lastClose[i];
    if (Double.isNaN(price)) {
      return; // no price yet to size with; the target applies from the next signal
    }
    double targetValue = signal.direction().sign() * equity() * config.grossLeverage() / config.universeSize();
    double targetShares = Math.signum(targetValue) * Math.floor(Math.abs(targetValue) / price);
    double qty = targetShares - s.shares[i];
    s.pendingQuantity[i] = qty;
    s.pendingDecisionMicros[i] = signal.timestampMicros();
  }

  /** Equity marked at the last closes, USD. */
  public double equity() {
    double e = s.cash;
    for (int i = 0; i < s.symbols.length; i++) {
      if (s.shares[i] != 0) {
        e += s.shares[i] * s.lastClose[i];
      }
    }
    return e;
  }

  /** A valuation at {@code timestampMicros}. */
  public EquityPoint valuation(long timestampMicros) {
    double longValue = 0;
    double shortValue = 0;
    for (int i = 0; i < s.symbols.length; i++) {
      double v = s.shares[i] * s.lastClose[i];
      if (s.shares[i] > 0) {
        longValue += v;
      } else if (s.shares[i] < 0) {
        shortValue += v;
      }
    }
    return new EquityPoint(timestampMicros, s.cash, longValue, shortValue, s.cash + longValue + shortValue);
  }

  /** Shares held of {@code symbol}. */
  public double position(String symbol) {
    int i = Arrays.binarySearch(s.symbols, symbol);
    return i >= 0 ? s.shares[i] : 0;
  }

  /** The deterministic id of the order decided for {@code symbol} at {@code decisionMicros}. */
  public static String orderId(String symbol, long decisionMicros) {
    return symbol + "-" + decisionMicros;
  }

  /** Feeds a whole instant: bars first, then signals; returns the fills. */
  public List<Fill> onInstant(List<Bar> bars, List<Signal> signals) {
    List<Fill> fills = new ArrayList<>();
    for (Bar b : bars) {
      Fill f = onBar(b);
      if (f != null) {
        fills.add(f);
      }
    }
    for (Signal sig : signals) {
      onSignal(sig);
    }
    return fills;
  }

  private int indexOf(String symbol) {
    int i = Arrays.binarySearch(s.symbols, symbol);
    if (i >= 0) {
      return i;
    }
    int at = -i - 1;
    s.symbols = insert(s.symbols, at, symbol);
    s.shares = insert(s.shares, at, 0);
    s.lastClose = insert(s.lastClose, at, Double.NaN);
    s.pendingQuantity = insert(s.pendingQuantity, at, 0);
    long[] pd = new long[s.pendingDecisionMicros.length + 1];
    System.arraycopy(s.pendingDecisionMicros, 0, pd, 0, at);
    System.arraycopy(s.pendingDecisionMicros, at, pd, at + 1, s.pendingDecisionMicros.length - at);
    s.pendingDecisionMicros = pd;
    int[] ts = new int[s.targetSign.length + 1];
    System.arraycopy(s.targetSign, 0, ts, 0, at);
    System.arraycopy(s.targetSign, at, ts, at + 1, s.targetSign.length - at);
    s.targetSign = ts;
    return at;
  }

  private static String[] insert(String[] a, int at, String v) {
    String[] out = new String[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
  }

  private static double[] insert(double[] a, int at, double v) {
    double[] out = new double[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
  }
}
