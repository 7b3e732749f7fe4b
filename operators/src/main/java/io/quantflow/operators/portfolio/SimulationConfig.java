package io.quantflow.operators.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Order;
import io.quantflow.models.execution.BarFillModel;
import java.io.Serializable;

/**
 * Settings of the portfolio simulation (the reference is {@code docs/backtesting.md}).
 *
 * @param initialCash starting cash, USD
 * @param universeSize number of symbols traded; each LONG (SHORT) signal targets {@code +(-) grossLeverage /
 *     universeSize} of equity
 * @param grossLeverage target gross exposure when every symbol holds a position, as a fraction of equity (1.0 =
 *     fully invested, no leverage)
 * @param maxGrossLeverage margin limit: an order is cut so that gross exposure after it, at the decision close, does
 *     not exceed this fraction of equity (Reg T: 2.0); orders that reduce exposure are never cut
 * @param costBps an extra proportional cost per fill, basis points of notional, on top of the fill model's costs
 *     (0 for none; use it for costs the model does not know, e.g. a broker's payment-for-order-flow spread)
 * @param fillModel how orders fill and what they cost
 * @param borrowRate annual fee for borrowing shares sold short, decimal (0.01 = 1 percent), charged on the short
 *     market value per calendar day (actual/360) at each New York day change
 * @param marginRate annual interest on negative cash, decimal, charged like {@code borrowRate}
 * @param execution how a decision becomes orders
 * @param corporateActions splits and dividends to apply on their ex-dates (prices in the store are raw): a split
 *     multiplies shares and working orders by its ratio and divides prices; a dividend pays (a short pays)
 *     {@code shares * cashPerShare} in cash; empty for none
 * @param limits pre-trade risk limits every order must keep ({@link io.quantflow.models.risk.limits.RiskLimits}:
 *     position, sector, gross and net exposure, concentration, drawdown kill switch); an order that breaks one is
 *     cut to the largest size that keeps them, or refused with the reason ({@code rejected} output)
 * @param sectors sector of each symbol, for the sector limit and sector constraints; empty for none
 * @param construction how signals become target weights
 * @param hedge how the book is hedged ({@link Hedge#NONE}: not at all)
 */
public record SimulationConfig(double initialCash, int universeSize, double grossLeverage, double maxGrossLeverage,
    double costBps, BarFillModel fillModel, double borrowRate, double marginRate, Execution execution,
    java.util.List<io.quantflow.domain.CorporateAction> corporateActions,
    io.quantflow.models.risk.limits.RiskLimits limits, java.util.Map<String, String> sectors,
    Construction construction, Hedge hedge) implements Serializable {

  /** Settings without corporate actions, limits or construction. */
  public SimulationConfig(double initialCash, int universeSize, double grossLeverage, double maxGrossLeverage,
      double costBps, BarFillModel fillModel, double borrowRate, double marginRate, Execution execution) {
    this(initialCash, universeSize, grossLeverage, maxGrossLeverage, costBps, fillModel, borrowRate, marginRate,
        execution, java.util.List.of(), null, null, null, null);
  }

  /** A copy that applies {@code actions}. */
  public SimulationConfig withCorporateActions(java.util.List<io.quantflow.domain.CorporateAction> actions) {
    return new SimulationConfig(initialCash, universeSize, grossLeverage, maxGrossLeverage, costBps, fillModel,
        borrowRate, marginRate, execution, actions, limits, sectors, construction, hedge);
  }

  /** A copy that enforces {@code newLimits} with the sector map {@code newSectors} (null: none). */
  public SimulationConfig withLimits(io.quantflow.models.risk.limits.RiskLimits newLimits,
      java.util.Map<String, String> newSectors) {
    return new SimulationConfig(initialCash, universeSize, grossLeverage, maxGrossLeverage, costBps, fillModel,
        borrowRate, marginRate, execution, corporateActions, newLimits, newSectors, construction, hedge);
  }

  /** A copy that builds targets with {@code c}. */
  public SimulationConfig withConstruction(Construction c) {
    return new SimulationConfig(initialCash, universeSize, grossLeverage, maxGrossLeverage, costBps, fillModel,
        borrowRate, marginRate, execution, corporateActions, limits, sectors, c, hedge);
  }

  /** A copy that hedges with {@code h}. */
  public SimulationConfig withHedge(Hedge h) {
    return new SimulationConfig(initialCash, universeSize, grossLeverage, maxGrossLeverage, costBps, fillModel,
        borrowRate, marginRate, execution, corporateActions, limits, sectors, construction, h);
  }

  /** Checks every field. */
  public SimulationConfig {
    Checks.positive(initialCash, "initialCash");
    Checks.positive(universeSize, "universeSize");
    Checks.positive(grossLeverage, "grossLeverage");
    Checks.positive(maxGrossLeverage, "maxGrossLeverage");
    Checks.notNegative(costBps, "costBps");
    Checks.notNull(fillModel, "fillModel");
    Checks.notNegative(borrowRate, "borrowRate");
    Checks.notNegative(marginRate, "marginRate");
    Checks.notNull(execution, "execution");
    corporateActions = corporateActions == null ? java.util.List.of() : java.util.List.copyOf(corporateActions);
    limits = limits == null ? io.quantflow.models.risk.limits.RiskLimits.none() : limits;
    sectors = sectors == null ? java.util.Map.of() : java.util.Map.copyOf(sectors);
    construction = construction == null ? Construction.SIGNAL : construction;
    hedge = hedge == null ? Hedge.NONE : hedge;
  }

  /**
   * The idealised settings of the first backtests: fills at the next open with no spread, impact, fees or
   * participation cap, {@code costBps} per fill, no borrow or margin cost, market orders. Useful to check a strategy
   * against a hand calculation; {@link #realistic} is what a backtest should use.
   */
  public static SimulationConfig frictionless(double initialCash, int universeSize, double grossLeverage,
      double costBps) {
    return new SimulationConfig(initialCash, universeSize, grossLeverage, Math.max(2.0, grossLeverage), costBps,
        BarFillModel.frictionless(),
        0, 0, Execution.DEFAULT);
  }

  /**
   * The pessimistic defaults: {@link BarFillModel#defaults()} (half-spread, square-root impact, 10 percent
   * participation, SEC and FINRA fees), Reg T margin, 1 percent borrow fee, 6 percent margin interest, market
   * orders.
   */
  public static SimulationConfig realistic(double initialCash, int universeSize, double grossLeverage) {
    return new SimulationConfig(initialCash, universeSize, grossLeverage, Math.max(2.0, grossLeverage), 0,
        BarFillModel.defaults(), 0.01, 0.06, Execution.DEFAULT);
  }

  /** USD 1,000,000, fully invested at most, frictionless with 1 bp per fill. */
  public static SimulationConfig defaults(int universeSize) {
    return frictionless(1_000_000, universeSize, 1.0, 1.0);
  }

  /** A copy for another universe size. */
  public SimulationConfig withUniverseSize(int n) {
    return new SimulationConfig(initialCash, n, grossLeverage, maxGrossLeverage, costBps, fillModel, borrowRate,
        marginRate, execution, corporateActions, limits, sectors, construction, hedge);
  }

  /**
   * How a decision becomes orders.
   *
   * @param algorithm {@code NONE} (one order), {@code TWAP} or {@code VWAP} (slices over {@code horizonBars} base
   *     bars; VWAP follows the volume profile of the days seen so far, pooled over symbols, TWAP before the first
   *     complete day)
   * @param horizonBars bars a TWAP/VWAP parent is spread over, positive
   * @param orderType {@code MARKET} or {@code LIMIT} (a limit at the decision close moved {@code limitOffsetBps}
   *     in the trade's favour's opposite direction: a buy limit at {@code close * (1 + offset)}, a sell at
   *     {@code close * (1 - offset)})
   * @param limitOffsetBps limit distance from the decision close, basis points, not negative
   * @param timeInForce {@code DAY} (expires at the close; the next decision re-issues it), {@code GTC} or {@code IOC}
   */
  public record Execution(Algorithm algorithm, int horizonBars, Order.OrderType orderType, double limitOffsetBps,
      Order.TimeInForce timeInForce) implements Serializable {
    /** One market order, good till cancelled (the next decision replaces it). */
    public static final Execution DEFAULT =
        new Execution(Algorithm.NONE, 1, Order.OrderType.MARKET, 0, Order.TimeInForce.GTC);

    /** Checks the fields. */
    public Execution {
      Checks.notNull(algorithm, "algorithm");
      Checks.positive(horizonBars, "horizonBars");
      Checks.notNull(orderType, "orderType");
      Checks.isTrue(orderType == Order.OrderType.MARKET || orderType == Order.OrderType.LIMIT,
          "Argument 'orderType' must be MARKET or LIMIT for decisions but was %s", orderType);
      Checks.notNegative(limitOffsetBps, "limitOffsetBps");
      Checks.notNull(timeInForce, "timeInForce");
    }
  }

  /** Execution algorithms. */
  public enum Algorithm {
    /** One order for the whole change. */
    NONE,
    /** Equal slices over the horizon. */
    TWAP,
    /** Slices in proportion to the expected volume of each bar. */
    VWAP
  }
}
