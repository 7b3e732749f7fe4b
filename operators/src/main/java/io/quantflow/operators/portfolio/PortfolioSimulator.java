package io.quantflow.operators.portfolio;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarView;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Order;
import io.quantflow.domain.OrderReport;
import io.quantflow.domain.PositionSnapshot;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.models.execution.FillModel;
import io.quantflow.models.execution.MarketContext;
import io.quantflow.models.execution.Twap;
import io.quantflow.models.execution.VolumeProfile;
import io.quantflow.models.execution.Vwap;
import io.quantflow.models.risk.limits.RiskLimits;
import io.quantflow.operators.portfolio.PortfolioState.WorkingOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Event-driven portfolio bookkeeping, the same in backtest and live: signals become target positions, targets become
 * orders, orders fill against later bars through a {@link FillModel}, and fills move cash and positions. Equity is
 * marked at each symbol's last close.
 *
 * <p><b>Sizing.</b> A LONG (SHORT) signal targets {@code +(-) equity * grossLeverage / universeSize} USD of the
 * symbol at the decision close, in whole shares rounded towards zero; FLAT targets zero. If the target would raise
 * gross exposure above {@code maxGrossLeverage * equity} (at current closes) it is cut to the limit. A new decision
 * cancels the symbol's working orders and orders the difference between the target and the shares held. With an
 * optimising {@link Construction} signals are only recorded, and at each rebalance (at the end of an instant) the
 * {@link PortfolioConstructor}'s target weights become share targets the same way, symbol by symbol.
 *
 * <p><b>Orders and fills.</b> Orders are submitted at the decision instant (the close of the decision bar), so the
 * first bar that can fill them is the next one: never the bar that produced the signal. Each bar of a symbol is
 * offered to its working orders in submission order; the fill model decides price, size (participation cap,
 * partial fills), triggers and costs; the simulator pays the notional and the explicit costs from cash. DAY orders
 * expire at the session close. TWAP/VWAP split a decision into child orders over the following bars.
 *
 * <p><b>Financing.</b> At each New York day change the short market value pays {@code borrowRate} and negative cash
 * pays {@code marginRate}, actual/360, for the calendar days since the last charge.
 *
 * <p>Callers feed one instant at a time, in event-time order: {@link #beginInstant}, the bars that close then
 * ({@link #onBar}, in symbol order), the signals decided then ({@link #onSignal}, in symbol order),
 * {@link #endInstant}; and {@link #finish} at the end of the input. Not thread-safe.
 */
public final class PortfolioSimulator {
  /** 30-minute buckets of a New York day for the pooled VWAP volume profile. */
  public static final int PROFILE_BUCKETS = 48;
  private static final Duration PROFILE_BUCKET = Duration.ofMinutes(30);
  private static final ZoneId NEW_YORK = ExchangeCalendar.NEW_YORK;
  private static final double DAY_EWMA = 2.0 / 21.0; // ~20-day exponential averages of volume and variance
  private static final double DEFAULT_DAILY_VOL = 0.02;
  private static final long SESSION_MICROS = 390L * 60_000_000L;

  /** Receives what the simulator produces. */
  public interface Output {
    /** A fill. */
    void fill(Fill fill);

    /** An order that is done, or still open at the end. */
    void order(OrderReport report);

    /** A position at the end of a New York day. */
    void position(PositionSnapshot position);

    /** A valuation. */
    void equity(EquityPoint point);

    /**
     * An instruction for the broker: an order reaches the market (at its decision for a simple order or a
     * schedule's first slice, at the first instant at or after its submission time for a later slice), or a routed
     * order still working is cancelled by a new decision. What a live job routes; a backtest ignores it.
     */
    default void routed(io.quantflow.domain.RoutedOrder instruction) {}

    /** A target the risk limits cut or refused, with the reason (stage {@code risk-limits}). */
    default void rejected(RejectedEvent refusal) {}

    /** The book at a valuation, for the risk monitor; called only when {@link #wantsBook()}. */
    default void book(BookSnapshot book) {}

    /** Whether this output takes {@link #book} snapshots (false: none is built). */
    default boolean wantsBook() {
      return false;
    }
  }

  /** An {@link Output} that keeps everything in lists. */
  public static final class Collected implements Output {
    /** Fills. */
    public final List<Fill> fills = new ArrayList<>();
    /** Order reports. */
    public final List<OrderReport> orders = new ArrayList<>();
    /** Position snapshots. */
    public final List<PositionSnapshot> positions = new ArrayList<>();
    /** Valuations. */
    public final List<EquityPoint> equity = new ArrayList<>();
    /** Orders as they reached the market. */
    public final List<io.quantflow.domain.RoutedOrder> routed = new ArrayList<>();
    /** Targets the risk limits cut or refused. */
    public final List<RejectedEvent> rejected = new ArrayList<>();

    @Override
    public void rejected(RejectedEvent r) {
      rejected.add(r);
    }

    @Override
    public void routed(io.quantflow.domain.RoutedOrder o) {
      routed.add(o);
    }

    @Override
    public void fill(Fill f) {
      fills.add(f);
    }

    @Override
    public void order(OrderReport r) {
      orders.add(r);
    }

    @Override
    public void position(PositionSnapshot p) {
      positions.add(p);
    }

    @Override
    public void equity(EquityPoint p) {
      equity.add(p);
    }
  }

  /** Discards everything: for working out what the limits allow without reporting it. */
  private static final Output QUIET = new Output() {
    @Override
    public void fill(Fill fill) {}

    @Override
    public void order(OrderReport report) {}

    @Override
    public void position(PositionSnapshot position) {}

    @Override
    public void equity(EquityPoint point) {}
  };

  private final SimulationConfig config;
  private final Timeframe base;
  private final ExchangeCalendar calendar;
  private final MutableBar barView;
  private final java.util.Map<String, java.util.Map<Long, List<io.quantflow.domain.CorporateAction>>> actions =
      new java.util.HashMap<>();
  private final PortfolioConstructor constructor; // null for method: signal
  private final Hedger hedger; // null without portfolio.hedge
  private final String[] hedgeInstruments;
  private PortfolioState s = new PortfolioState();

  /** A simulator trading bars of {@code base}. */
  public PortfolioSimulator(SimulationConfig config, Timeframe base) {
    this.config = config;
    this.base = base;
    this.calendar = ExchangeCalendar.nyse();
    this.barView = new MutableBar(base);
    for (io.quantflow.domain.CorporateAction a : config.corporateActions()) {
      actions.computeIfAbsent(a.symbol(), k -> new java.util.HashMap<>())
          .computeIfAbsent(a.exDate().toEpochDay(), k -> new ArrayList<>()).add(a);
    }
    s.cash = config.initialCash();
    s.lastEquity = config.initialCash();
    s.peakEquity = config.initialCash();
    this.constructor = config.construction().perSignal() ? null : new PortfolioConstructor(config);
    this.hedger = config.hedge().enabled() ? new Hedger(config.hedge()) : null;
    this.hedgeInstruments = config.hedge().instruments().toArray(new String[0]);
  }

  /** A simulator of one-minute bars. */
  public PortfolioSimulator(SimulationConfig config) {
    this(config, Timeframe.M1);
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
   * Starts the instant {@code instantMicros} (when the bars fed next close): at a New York day change, writes the
   * previous day's positions and charges financing.
   */
  public void beginInstant(long instantMicros, Output out) {
    if (s.unrouted > 0) {
      route(instantMicros, out);
    }
    long day = nyDay(instantMicros - 1);
    if (s.lastInstantDay != Long.MIN_VALUE && day != s.lastInstantDay) {
      snapshot(out);
      if (constructor != null) {
        constructor.recordCloses(s, s.lastInstantDay);
      }
      long days = day - s.lastInstantDay;
      double shortValue = 0;
      for (int i = 0; i < s.symbols.length; i++) {
        if (s.shares[i] < 0 && !Double.isNaN(s.lastClose[i])) {
          shortValue += -s.shares[i] * s.lastClose[i];
        }
      }
      double charge = shortValue * config.borrowRate() * days / 360.0;
      if (s.cash < 0) {
        charge += -s.cash * config.marginRate() * days / 360.0;
      }
      s.cash -= charge;
    }
  }

  /**
   * A bar of {@code symbol} closed: its working orders may fill at it, then the symbol is marked at the close.
   *
   * @param startMicros the bar's start (its label), UTC epoch micros
   * @param spreadBps the bar's quoted spread, NaN when unknown
   */
  public void onBar(String symbol, long startMicros, double open, double high, double low, double close,
      double volume, double spreadBps, Output out) {
    onBar(indexOf(symbol), startMicros, open, high, low, close, volume, spreadBps, out);
  }

  /**
   * {@link #onBar(String, long, double, double, double, double, double, double, Output)} for the symbol at
   * {@code i} of {@link #symbolIndices}: no lookup, for callers that feed millions of bars.
   */
  public void onBar(int i, long startMicros, double open, double high, double low, double close, double volume,
      double spreadBps, Output out) {
    String symbol = s.symbols[i];
    dayBookkeeping(i, startMicros, volume, out);
    if (s.working[i] > 0) {
      barView.set(symbol, startMicros, open, high, low, close, volume, spreadBps);
      fillOrders(i, barView, out);
    }
    s.lastClose[i] = close;
  }

  /** {@link #onBar} for a {@link Bar}. */
  public void onBar(Bar bar, Output out) {
    onBar(bar.symbol(), bar.timestampMicros(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
        bar.spreadBps(), out);
  }

  /**
   * Registers {@code symbols} and returns their indices for {@link #onBar(int, long, double, double, double,
   * double, double, double, Output)}; valid until another symbol is first seen.
   */
  public int[] symbolIndices(String[] symbols) {
    for (String sym : symbols) {
      indexOf(sym);
    }
    int[] out = new int[symbols.length];
    for (int k = 0; k < symbols.length; k++) {
      out[k] = indexOf(symbols[k]);
    }
    return out;
  }

  /**
   * A signal was decided: set the symbol's target and place the orders that reach it. With an optimising
   * {@link Construction} the signal is only recorded; the targets come at the next rebalance ({@link #endInstant}).
   */
  public void onSignal(Signal signal, Output out) {
    if (hedger != null && config.hedge().isInstrument(signal.symbol())) {
      out.rejected(new RejectedEvent("hedge", signal.symbol(), signal.timestampMicros(), signal.symbol()
          + " is a hedge instrument (portfolio.hedge.instruments), so its own signals are not traded; remove it "
          + "from the hedge instruments to trade it", signal.direction() + " " + signal.strength()));
      return;
    }
    int i = indexOf(signal.symbol());
    if (constructor != null) {
      constructor.onSignal(s, i, signal.direction().sign(), signal.strength());
      return;
    }
    double price = s.lastClose[i];
    if (Double.isNaN(price)) {
      return; // no price yet to size with
    }
    long t = signal.timestampMicros();
    cancelOrders(signal.symbol(), t, out);
    double equity = equity();
    double targetValue = signal.direction().sign() * equity * config.grossLeverage() / config.universeSize();
    double target = Math.signum(targetValue) * Math.floor(Math.abs(targetValue) / price);
    placeTarget(i, target, equity, t, out);
  }

  /**
   * Orders symbol {@code i} towards {@code targetShares} at the decision instant {@code t}: the target cut to the
   * margin limit and to the pre-trade risk limits, then the difference to the shares held as one order or
   * TWAP/VWAP slices. The caller has cancelled the symbol's working orders.
   */
  private void placeTarget(int i, double targetShares, double equity, long t, Output out) {
    double target = capToMargin(i, targetShares, equity);
    target = applyLimits(i, target, equity, t, out);
    double qty = target - s.shares[i];
    if (Math.abs(qty) < 1) {
      return;
    }
    String symbol = s.symbols[i];
    double price = s.lastClose[i];
    String id = orderId(symbol, t);
    SimulationConfig.Execution ex = config.execution();
    Order parent = ex.orderType() == Order.OrderType.LIMIT
        ? Order.limit(id, symbol, qty,
            price * (1 + Math.signum(qty) * ex.limitOffsetBps() / 1e4), ex.timeInForce(), t, t)
        : Order.market(id, symbol, qty, ex.timeInForce(), t, t);
    List<Order> orders = switch (ex.algorithm()) {
      case NONE -> List.of(parent);
      case TWAP -> new Twap(ex.horizonBars(), base).slice(parent);
      case VWAP -> s.profileDays == 0 ? new Twap(ex.horizonBars(), base).slice(parent)
          : new Vwap(ex.horizonBars(), base, profile()).slice(parent);
    };
    for (Order o : orders) {
      add(o, price);
    }
    route(t, out);
  }

  /**
   * A rebalance of an optimising {@link Construction}: every symbol the {@link PortfolioConstructor} gives a target
   * is ordered towards {@code weight x equity / close} shares (whole shares towards zero), in symbol order.
   */
  private void rebalance(long t, Output out) {
    double equity = equity();
    PortfolioConstructor.Targets targets = constructor.targets(s, equity);
    if (targets.fallback() != null && !targets.fallback().equals(s.constructionFallback)) {
      out.rejected(new RejectedEvent("construction", "", t, String.format(java.util.Locale.ROOT,
          "%s could not size the book (%s), so %s weights were used; later rebalances with the same reason are "
              + "not reported again", config.construction().method(), targets.fallback(), targets.basis()), ""));
    }
    s.constructionFallback = targets.fallback();
    double[] w = targets.weights();
    for (int i = 0; i < w.length; i++) {
      if (Double.isNaN(w[i]) || (hedger != null && config.hedge().isInstrument(s.symbols[i]))) {
        continue;
      }
      double value = w[i] * equity;
      double target = Math.signum(value) * Math.floor(Math.abs(value) / s.lastClose[i]);
      cancelOrders(s.symbols[i], t, out);
      placeTarget(i, target, equity, t, out);
    }
  }

  /** Routes every working order whose submission time is at or before {@code instantMicros}. */
  private void route(long instantMicros, Output out) {
    for (int k = 0; k < s.orderCount && s.unrouted > 0; k++) {
      WorkingOrder w = s.orders[k];
      if (!w.routed && w.submittedMicros <= instantMicros) {
        w.routed = true;
        s.unrouted--;
        out.routed(io.quantflow.domain.RoutedOrder.submit(toOrder(w), w.arrivalPrice));
      }
    }
  }

  /**
   * Ends the instant: a rebalance when an optimising {@link Construction} is due, then one valuation when bars
   * closed at it.
   */
  public void endInstant(long instantMicros, boolean hadBars, Output out) {
    if (constructor != null && constructor.due(s, hadBars, nyDay(instantMicros - 1))) {
      rebalance(instantMicros, out);
    }
    if (hadBars) {
      EquityPoint p = valuation(instantMicros);
      out.equity(p);
      s.lastEquity = p.equity();
      s.peakEquity = Math.max(s.peakEquity, p.equity());
      if (hedger != null) {
        hedger.record(s);
      }
      killSwitch(instantMicros, p.equity(), out);
      if (hedger != null && s.killSwitchMicros == Long.MIN_VALUE) {
        hedge(instantMicros, p.equity(), out);
      }
      if (out.wantsBook()) { // three array copies per valuation: only for the risk monitor
        out.book(new BookSnapshot(instantMicros, p.equity(), Math.max(s.peakEquity, config.initialCash()),
            s.symbols.clone(), s.shares.clone(), s.lastClose.clone()));
      }
      s.lastInstantMicros = instantMicros;
      s.lastInstantDay = nyDay(instantMicros - 1);
    }
  }

  /**
   * Trips the drawdown kill switch when the valuation's {@code equity} is below {@code (1 - maxDrawdown)} times its
   * peak: every working order is cancelled, every position (the hedge included) is ordered closed at once, and a
   * {@code risk-limits} row says so. It stays on: later decisions can only close.
   */
  private void killSwitch(long t, double equity, Output out) {
    if (s.killSwitchMicros != Long.MIN_VALUE || !belowDrawdownLimit(equity)) {
      return;
    }
    double maxDrawdown = config.limits().maxDrawdown();
    double peak = Math.max(s.peakEquity, config.initialCash());
    s.killSwitchMicros = t;
    int open = 0;
    for (int i = 0; i < s.symbols.length; i++) {
      if (s.shares[i] != 0 || s.working[i] > 0) {
        cancelOrders(s.symbols[i], t, out);
        if (s.shares[i] != 0) {
          open++;
          placeTarget(i, 0, equity, t, out);
        }
      }
    }
    out.rejected(new RejectedEvent("risk-limits", "", t, String.format(java.util.Locale.ROOT,
        "drawdown kill switch tripped: equity %.2f is %.2f%% below its peak %.2f (limit %.2f%%, "
            + "portfolio.limits.maxDrawdown); every working order is cancelled and all %d positions are ordered "
            + "closed; no position opens again in this run (a live job keeps this in its state: start it without "
            + "the old state to trade again)", equity, 100 * (1 - equity / peak), peak, 100 * maxDrawdown, open),
        ""));
  }

  /**
   * Orders each hedge instrument towards the {@link Hedger}'s target when the shares held plus those still
   * working are off it, as far as the margin cap and the pre-trade limits let it go, by more than
   * {@code portfolio.hedge.threshold} of equity.
   */
  private void hedge(long t, double equity, Output out) {
    Hedger.Target target = hedger.target(s, symbolIndices(hedgeInstruments), equity);
    if (target == null) {
      return;
    }
    for (int j = 0; j < target.instruments().length; j++) {
      int i = target.instruments()[j];
      // what the margin cap and the limits would let through, worked out quietly first: a hedge the limits hold
      // below its target is re-ordered (and its cut reported) only when that changes what is held or working
      double allowed = applyLimits(i, capToMargin(i, target.shares()[j], equity), equity, t, QUIET);
      double off = Math.abs(allowed - projectedShares(i)) * s.lastClose[i];
      if (off >= s.lastClose[i] && off > config.hedge().threshold() * equity) {
        cancelOrders(s.symbols[i], t, out);
        placeTarget(i, target.shares()[j], equity, t, out);
      }
    }
  }

  /**
   * Whether {@code equity} is below {@code (1 - portfolio.limits.maxDrawdown)} times the peak valuation (at least
   * the initial cash); false without the limit.
   */
  private boolean belowDrawdownLimit(double equity) {
    Double maxDrawdown = config.limits().maxDrawdown();
    return maxDrawdown != null && equity < (1 - maxDrawdown) * Math.max(s.peakEquity, config.initialCash());
  }

  /** Shares of symbol {@code i} held plus those its working orders would still add. */
  private double projectedShares(int i) {
    double q = s.shares[i];
    if (s.working[i] > 0) {
      for (int k = 0; k < s.orderCount; k++) {
        if (s.orders[k].symbol.equals(s.symbols[i])) {
          q += s.orders[k].remaining;
        }
      }
    }
    return q;
  }

  /** The input ended: the last day's positions and every order still working (status {@code OPEN}). */
  public void finish(Output out) {
    if (s.lastInstantDay != Long.MIN_VALUE) {
      snapshot(out);
    }
    for (int k = 0; k < s.orderCount; k++) {
      out.order(report(s.orders[k], "OPEN", s.lastInstantMicros));
    }
    s.orderCount = 0;
    s.unrouted = 0;
    Arrays.fill(s.working, 0);
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
      if (s.shares[i] > 0) {
        longValue += s.shares[i] * s.lastClose[i];
      } else if (s.shares[i] < 0) {
        shortValue += s.shares[i] * s.lastClose[i];
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

  /**
   * Feeds a whole instant (bars first, then signals) and returns its fills: a convenience for tests and small
   * callers. The instant is the bars' end, or the signals' time when there are no bars.
   */
  public List<Fill> onInstant(List<Bar> bars, List<Signal> signals) {
    Collected c = new Collected();
    long instant = !bars.isEmpty() ? bars.get(0).availableAtMicros()
        : !signals.isEmpty() ? signals.get(0).timestampMicros() : s.lastInstantMicros;
    beginInstant(instant, c);
    for (Bar b : bars) {
      onBar(b, c);
    }
    for (Signal sig : signals) {
      onSignal(sig, c);
    }
    endInstant(instant, !bars.isEmpty(), c);
    return c.fills;
  }

  private void fillOrders(int i, BarView bar, Output out) {
    String symbol = s.symbols[i];
    MarketContext ctx = null;
    int k = 0;
    while (k < s.orderCount) {
      WorkingOrder w = s.orders[k];
      if (!w.symbol.equals(symbol)) {
        k++;
        continue;
      }
      if (bar.timestampMicros() >= w.expiresMicros) {
        out.order(report(w, "EXPIRED", bar.timestampMicros()));
        remove(k);
        continue;
      }
      if (bar.timestampMicros() < w.submittedMicros) {
        k++;
        continue;
      }
      if (ctx == null) {
        ctx = market(i, bar);
      }
      Order order = toOrder(w);
      FillModel.Result r = config.fillModel().fill(w.triggered ? order.triggered() : order, bar, w.remaining, ctx);
      w.triggered |= r.triggered();
      if (r.isFilled()) {
        double qty = r.shares();
        double notional = qty * r.price();
        double explicit = r.costs().explicit() + Math.abs(notional) * config.costBps() / 1e4;
        s.cash -= notional + explicit;
        s.shares[i] += qty;
        w.remaining -= qty;
        w.filled += qty;
        w.filledNotional += notional;
        w.explicitCosts += explicit;
        out.fill(new Fill(w.id, symbol, bar.timestampMicros(), w.decisionMicros, qty, r.price(), explicit));
      }
      if (Math.abs(w.remaining) < 1e-9) {
        out.order(report(w, "FILLED", bar.timestampMicros()));
        remove(k);
      } else if (!r.working()) {
        out.order(report(w, "CANCELLED", bar.timestampMicros()));
        remove(k);
      } else {
        k++;
      }
    }
  }

  private MarketContext market(int i, BarView bar) {
    double vol = Double.isNaN(s.dailyVariance[i]) ? DEFAULT_DAILY_VOL : Math.sqrt(s.dailyVariance[i]);
    double adv = s.adv[i];
    if (Double.isNaN(adv) || adv <= 0) {
      // no completed day yet: extrapolate today's volume so far (this bar excluded) to a whole session
      long elapsed = Math.max(bar.timestampMicros() - s.dayFirstBarMicros[i], base.durationMicros());
      adv = Math.max(1, (s.dayVolume[i] - bar.volume()) * (double) SESSION_MICROS / elapsed);
    }
    return new MarketContext(vol, Math.max(1, adv));
  }

  private double capToMargin(int i, double target, double equity) {
    double price = s.lastClose[i];
    if (Math.abs(target) <= Math.abs(s.shares[i]) && Math.signum(target) * Math.signum(s.shares[i]) >= 0) {
      return target; // reduces exposure: never cut
    }
    double others = 0;
    for (int j = 0; j < s.symbols.length; j++) {
      if (j != i && s.shares[j] != 0) {
        others += Math.abs(s.shares[j] * s.lastClose[j]);
      }
    }
    double room = config.maxGrossLeverage() * equity - others;
    double maxShares = Math.max(0, Math.floor(room / price));
    return Math.abs(target) > maxShares ? Math.signum(target) * maxShares : target;
  }

  /**
   * The target of symbol {@code i} as the pre-trade limits ({@link SimulationConfig#limits()}) let it through: the
   * change from the filled position, valued at the last close, is checked against the other symbols' positions
   * as they will be once their working orders fill (held plus still to fill: an order in flight counts against a
   * limit as soon as it is placed, so two quick decisions cannot both use the same room); a resized change is
   * floored to whole shares, and a refusal keeps the position and is reported with the breached limits. While the
   * equity is below the drawdown limit, and for good once the kill switch has tripped at a valuation
   * ({@link #killSwitch}, which closes the whole book at once), a decision can only close its symbol's position.
   */
  private double applyLimits(int i, double target, double equity, long t, Output out) {
    RiskLimits limits = config.limits();
    if (limits.equals(RiskLimits.none())) {
      return target;
    }
    double price = s.lastClose[i];
    double peak = Math.max(Math.max(s.peakEquity, config.initialCash()), equity);
    String symbol = s.symbols[i];
    if (equity <= 0) {
      return 0; // no equity left: nothing may add risk, and closing always may
    }
    if (s.killSwitchMicros != Long.MIN_VALUE || belowDrawdownLimit(equity)) {
      if (target != 0) {
        out.rejected(new RejectedEvent("risk-limits", symbol, t, String.format(java.util.Locale.ROOT,
            "drawdown kill switch: equity %.2f is %.2f%% below its peak %.2f (limit %.2f%%, "
                + "portfolio.limits.maxDrawdown); %s goes to 0 shares instead of %.0f", equity,
            100 * (1 - equity / peak), peak, 100 * limits.maxDrawdown(), symbol, target), "target " + target));
      }
      return 0;
    }
    double change = (target - s.shares[i]) * price;
    if (change == 0) {
      return target;
    }
    // the others as held plus still to fill; symbol i as held (the caller cancelled its orders)
    double[] q = s.shares.clone();
    for (int k = 0; k < s.orderCount; k++) {
      WorkingOrder w = s.orders[k];
      int j = Arrays.binarySearch(s.symbols, w.symbol);
      if (j != i) {
        q[j] += w.remaining;
      }
    }
    java.util.Map<String, Double> positions = new java.util.HashMap<>();
    for (int j = 0; j < s.symbols.length; j++) {
      if (q[j] != 0) {
        positions.put(s.symbols[j], q[j] * s.lastClose[j]);
      }
    }
    io.quantflow.models.risk.limits.LimitDecision d = new io.quantflow.models.risk.limits.PreTradeRiskCheck(limits)
        .check(positions, new io.quantflow.models.risk.limits.ProposedOrder(symbol, change), equity, peak,
            config.sectors().isEmpty() ? null : config.sectors());
    if (d.action() == io.quantflow.models.risk.limits.LimitDecision.Action.ACCEPT) {
      return target;
    }
    StringBuilder why = new StringBuilder();
    java.util.Set<String> settings = new java.util.TreeSet<>();
    for (io.quantflow.models.risk.limits.LimitBreach b : d.breaches()) {
      why.append(why.length() == 0 ? "" : "; ").append(b.message());
      settings.add("portfolio.limits." + b.limit().setting());
    }
    double allowed = d.action() == io.quantflow.models.risk.limits.LimitDecision.Action.RESIZE
        ? s.shares[i] + Math.signum(d.acceptedChangeUsd()) * Math.floor(Math.abs(d.acceptedChangeUsd()) / price)
        : s.shares[i];
    out.rejected(new RejectedEvent("risk-limits", symbol, t, String.format(java.util.Locale.ROOT,
        "%s: target %.0f shares cut to %.0f (%s); raise %s to allow more",
        d.action() == io.quantflow.models.risk.limits.LimitDecision.Action.RESIZE ? "resized" : "refused", target,
        allowed, why, String.join(", ", settings)), "target " + target));
    return allowed;
  }

  private void cancelOrders(String symbol, long t, Output out) {
    if (s.working[indexOf(symbol)] == 0) {
      return;
    }
    int k = 0;
    while (k < s.orderCount) {
      if (s.orders[k].symbol.equals(symbol)) {
        WorkingOrder w = s.orders[k];
        out.order(report(w, "CANCELLED", t));
        if (w.routed) { // the broker holds it: ask for the cancel of what is still open
          Order o = toOrder(w);
          out.routed(io.quantflow.domain.RoutedOrder.cancel(new Order(o.clientOrderId(), o.symbol(), w.remaining,
              o.type(), o.limitPrice(), o.stopPrice(), o.timeInForce(), o.decisionMicros(), t, o.parentId()),
              w.arrivalPrice));
        }
        remove(k);
      } else {
        k++;
      }
    }
  }

  private void add(Order o, double arrival) {
    WorkingOrder w = new WorkingOrder();
    w.id = o.clientOrderId();
    w.parentId = o.parentId();
    w.symbol = o.symbol();
    w.quantity = o.quantity();
    w.remaining = o.quantity();
    w.type = o.type().name();
    w.timeInForce = o.timeInForce().name();
    w.limitPrice = o.limitPrice();
    w.stopPrice = o.stopPrice();
    w.decisionMicros = o.decisionMicros();
    w.submittedMicros = o.submittedAtMicros();
    w.expiresMicros = FillModel.expiresAtMicros(o, calendar);
    w.arrivalPrice = arrival;
    if (s.orderCount == s.orders.length) {
      s.orders = Arrays.copyOf(s.orders, Math.max(8, s.orders.length * 2));
    }
    s.orders[s.orderCount++] = w;
    s.working[indexOf(w.symbol)]++;
    s.unrouted++;
  }

  private void remove(int k) {
    if (!s.orders[k].routed) {
      s.unrouted--;
    }
    s.working[Arrays.binarySearch(s.symbols, s.orders[k].symbol)]--;
    System.arraycopy(s.orders, k + 1, s.orders, k, s.orderCount - k - 1);
    s.orders[--s.orderCount] = null;
  }

  private static Order toOrder(WorkingOrder w) {
    return new Order(w.id, w.symbol, w.quantity, orderType(w.type), w.limitPrice, w.stopPrice,
        timeInForce(w.timeInForce), w.decisionMicros, w.submittedMicros, w.parentId);
  }

  // Enum.valueOf hashes the name on every call; working orders are converted once per bar they work through
  private static Order.OrderType orderType(String name) {
    for (Order.OrderType t : ORDER_TYPES) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return Order.OrderType.valueOf(name); // throws with the enum's message
  }

  private static Order.TimeInForce timeInForce(String name) {
    for (Order.TimeInForce t : TIME_IN_FORCE) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return Order.TimeInForce.valueOf(name);
  }

  private static final Order.OrderType[] ORDER_TYPES = Order.OrderType.values();
  private static final Order.TimeInForce[] TIME_IN_FORCE = Order.TimeInForce.values();

  private static OrderReport report(WorkingOrder w, String status, long at) {
    double avg = w.filled != 0 ? w.filledNotional / w.filled : Double.NaN;
    double shortfall = Double.NaN;
    if (w.filled != 0) {
      double side = Math.signum(w.quantity);
      shortfall = side * (avg - w.arrivalPrice) / w.arrivalPrice * 1e4
          + w.explicitCosts / (Math.abs(w.filled) * w.arrivalPrice) * 1e4;
    }
    return new OrderReport(w.id, w.parentId, w.symbol, w.quantity, w.type, w.timeInForce, w.limitPrice, w.stopPrice,
        w.decisionMicros, w.submittedMicros, status, at, w.filled, avg, w.arrivalPrice, w.explicitCosts, shortfall);
  }

  private void snapshot(Output out) {
    double equity = s.lastEquity;
    for (int i = 0; i < s.symbols.length; i++) {
      if (s.shares[i] != 0) {
        double mv = s.shares[i] * s.lastClose[i];
        out.position(new PositionSnapshot(s.lastInstantMicros, s.symbols[i], s.shares[i], s.lastClose[i], mv,
            equity != 0 ? mv / equity : Double.NaN));
      }
    }
  }

  /** Per-symbol day statistics (volume, daily returns) and the pooled intraday volume profile. */
  private void dayBookkeeping(int i, long startMicros, double volume, Output out) {
    if (startMicros >= s.dayEndMicros[i] || s.day[i] == Long.MIN_VALUE) {
      if (s.day[i] != Long.MIN_VALUE) { // close the previous day
        double v = s.dayVolume[i];
        s.adv[i] = Double.isNaN(s.adv[i]) ? v : s.adv[i] + DAY_EWMA * (v - s.adv[i]);
        double close = s.lastClose[i];
        if (!Double.isNaN(s.prevDayClose[i]) && close > 0) {
          double r = Math.log(close / s.prevDayClose[i]);
          s.dailyVariance[i] = Double.isNaN(s.dailyVariance[i]) ? r * r
              : s.dailyVariance[i] + DAY_EWMA * (r * r - s.dailyVariance[i]);
        }
        s.prevDayClose[i] = close;
      }
      // a daily bar is labelled by the UTC midnight of its session date; intraday bars by their instant
      ZoneId zone = base == Timeframe.D1 ? java.time.ZoneOffset.UTC : NEW_YORK;
      ZonedDateTime local = Instant.ofEpochSecond(Math.floorDiv(startMicros, 1_000_000L)).atZone(zone);
      LocalDate date = local.toLocalDate();
      s.day[i] = date.toEpochDay();
      s.dayEndMicros[i] = date.plusDays(1).atStartOfDay(zone).toEpochSecond() * 1_000_000L;
      applyCorporateActions(i, date.toEpochDay(), out);
      s.dayFirstBarMicros[i] = startMicros;
      s.dayVolume[i] = 0;
    }
    s.dayVolume[i] += volume;
    if (config.execution().algorithm() == SimulationConfig.Algorithm.VWAP) {
      profileVolume(s.day[i], startMicros, volume);
    }
  }

  /**
   * The symbol's splits and dividends on {@code epochDay}, before its first bar of the day trades: a split of ratio
   * r turns n shares into n * r (fractions kept, as a broker pays cash in lieu only on the fraction) and divides the
   * last close, the previous day's close and working orders' prices by r, multiplying their shares; a dividend adds
   * {@code shares * cash} to cash (a short position pays it).
   */
  private void applyCorporateActions(int i, long epochDay, Output out) {
    java.util.Map<Long, List<io.quantflow.domain.CorporateAction>> mine = actions.get(s.symbols[i]);
    List<io.quantflow.domain.CorporateAction> today = mine == null ? null : mine.get(epochDay);
    if (today == null) {
      return;
    }
    for (io.quantflow.domain.CorporateAction a : today) {
      if (a.kind() == io.quantflow.domain.CorporateAction.Kind.SPLIT) {
        double r = a.splitRatio();
        s.shares[i] *= r;
        s.lastClose[i] /= r;
        s.prevDayClose[i] /= r;
        for (int k = 0; k < s.dailyCloses[i].length; k++) { // keeps the construction's returns split-free
          s.dailyCloses[i][k] /= r;
        }
        for (int k = 0; k < s.orderCount; k++) {
          WorkingOrder w = s.orders[k];
          if (w.symbol.equals(s.symbols[i])) {
            w.quantity *= r;
            w.remaining *= r;
            w.filled *= r;
            w.limitPrice /= r;
            w.stopPrice /= r;
            w.arrivalPrice /= r;
          }
        }
      } else {
        s.cash += s.shares[i] * a.cashPerShare();
      }
    }
  }

  private void profileVolume(long day, long startMicros, double volume) {
    if (day != s.profileDay) {
      if (s.profileDay != Long.MIN_VALUE) {
        double total = 0;
        for (double v : s.profileToday) {
          total += v;
        }
        if (total > 0) {
          for (int b = 0; b < PROFILE_BUCKETS; b++) {
            s.profileSum[b] += s.profileToday[b] / total;
          }
          s.profileDays++;
        }
      }
      Arrays.fill(s.profileToday, 0);
      s.profileDay = day;
    }
    long dayStartSeconds = LocalDate.ofEpochDay(day).atStartOfDay(NEW_YORK).toEpochSecond();
    int bucket = (int) ((Math.floorDiv(startMicros, 1_000_000L) - dayStartSeconds) / PROFILE_BUCKET.getSeconds());
    if (bucket >= 0 && bucket < PROFILE_BUCKETS) {
      s.profileToday[bucket] += volume;
    }
  }

  private VolumeProfile profile() {
    double[] mean = new double[PROFILE_BUCKETS];
    for (int b = 0; b < PROFILE_BUCKETS; b++) {
      mean[b] = s.profileSum[b] / s.profileDays;
    }
    return VolumeProfile.of(NEW_YORK, PROFILE_BUCKET, mean, s.profileDays);
  }

  private static long nyDay(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(NEW_YORK).toLocalDate().toEpochDay();
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
    s.day = insert(s.day, at, Long.MIN_VALUE);
    s.dayEndMicros = insert(s.dayEndMicros, at, Long.MIN_VALUE);
    s.dayFirstBarMicros = insert(s.dayFirstBarMicros, at, 0);
    s.dayVolume = insert(s.dayVolume, at, 0);
    s.prevDayClose = insert(s.prevDayClose, at, Double.NaN);
    s.adv = insert(s.adv, at, Double.NaN);
    s.dailyVariance = insert(s.dailyVariance, at, Double.NaN);
    s.signalDirection = insert(s.signalDirection, at, 0);
    s.signalStrength = insert(s.signalStrength, at, 0);
    double[] closes = new double[constructor == null ? 0 : constructor.historyLength()];
    Arrays.fill(closes, Double.NaN);
    s.dailyCloses = insert(s.dailyCloses, at, closes);
    s.valuationClose = insert(s.valuationClose, at, Double.NaN);
    double[] returns = new double[hedger == null ? 0 : hedger.historyLength()];
    Arrays.fill(returns, Double.NaN);
    s.barReturns = insert(s.barReturns, at, returns);
    s.working = insert(s.working, at, 0);
    return at;
  }

  private static <T> T[] insert(T[] a, int at, T v) {
    T[] out = Arrays.copyOf(a, a.length + 1);
    System.arraycopy(a, at, out, at + 1, a.length - at);
    out[at] = v;
    return out;
  }

  private static double[] insert(double[] a, int at, double v) {
    double[] out = new double[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
  }

  private static int[] insert(int[] a, int at, int v) {
    int[] out = new int[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
  }

  private static long[] insert(long[] a, int at, long v) {
    long[] out = new long[a.length + 1];
    System.arraycopy(a, 0, out, 0, at);
    out[at] = v;
    System.arraycopy(a, at, out, at + 1, a.length - at);
    return out;
  }

  /** A reusable bar view for the fill model, so the hot loop allocates nothing. */
  private static final class MutableBar implements BarView {
    private final Timeframe tf;
    private String symbol;
    private long start;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private double spreadBps;

    MutableBar(Timeframe tf) {
      this.tf = tf;
    }

    void set(String sym, long ts, double o, double h, double l, double c, double v, double spread) {
      symbol = sym;
      start = ts;
      open = o;
      high = h;
      low = l;
      close = c;
      volume = v;
      spreadBps = spread;
    }

    @Override
    public String symbol() {
      return symbol;
    }

    @Override
    public Timeframe timeframe() {
      return tf;
    }

    @Override
    public long timestampMicros() {
      return start;
    }

    @Override
    public double open() {
      return open;
    }

    @Override
    public double high() {
      return high;
    }

    @Override
    public double low() {
      return low;
    }

    @Override
    public double close() {
      return close;
    }

    @Override
    public double volume() {
      return volume;
    }

    @Override
    public long tradeCount() {
      return 0;
    }

    @Override
    public double vwap() {
      return Double.NaN;
    }

    @Override
    public double spreadBps() {
      return spreadBps;
    }
  }
}
