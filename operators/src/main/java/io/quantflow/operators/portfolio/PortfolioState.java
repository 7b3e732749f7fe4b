package io.quantflow.operators.portfolio;

/**
 * The whole state of a {@link PortfolioSimulator} as flat arrays and POJOs, so Flink keeps it in keyed state with
 * its POJO serializer (no Kryo). Index {@code i} of every per-symbol array belongs to {@code symbols[i]}.
 */
public final class PortfolioState {
  /** Cash, USD (negative: a margin loan). */
  public double cash;
  /** Known symbols, sorted. */
  public String[] symbols = new String[0];
  /** Shares held (negative short). */
  public double[] shares = new double[0];
  /** Last close seen, USD, NaN if none. */
  public double[] lastClose = new double[0];
  /** New York day (epoch day) of the symbol's last bar, {@code Long.MIN_VALUE} before the first. */
  public long[] day = new long[0];
  /** End of that New York day, UTC epoch micros (the next local midnight). */
  public long[] dayEndMicros = new long[0];
  /** Start of the symbol's first bar that day, UTC epoch micros. */
  public long[] dayFirstBarMicros = new long[0];
  /** Volume traded so far that day, shares. */
  public double[] dayVolume = new double[0];
  /** Close of the last completed day, NaN before one. */
  public double[] prevDayClose = new double[0];
  /** Exponentially weighted mean of completed days' volumes, shares, NaN before one. */
  public double[] adv = new double[0];
  /** Exponentially weighted variance of daily log returns, NaN before two days. */
  public double[] dailyVariance = new double[0];

  /** Working orders, {@code orderCount} of them in use, in submission order. */
  public WorkingOrder[] orders = new WorkingOrder[0];
  /** Orders in use. */
  public int orderCount;
  /** Working orders whose submission time has not come yet (future TWAP/VWAP slices). */
  public int unrouted;
  /** Working orders per symbol (index of {@link #symbols}), so a bar of a symbol without orders skips the scan. */
  public int[] working = new int[0];

  /** The last valuation instant, UTC epoch micros, {@code Long.MIN_VALUE} before the first. */
  public long lastInstantMicros = Long.MIN_VALUE;
  /** New York day of the last valuation instant. */
  public long lastInstantDay = Long.MIN_VALUE;
  /** Equity at the last valuation, USD. */
  public double lastEquity;
  /**
   * Highest equity at a valuation so far, USD, starting at the initial cash (the peak of the drawdown kill switch
   * and of the construction's drawdown rule).
   */
  public double peakEquity;
  /**
   * When the drawdown kill switch tripped (the valuation whose equity fell below {@code (1 - maxDrawdown)} times
   * {@link #peakEquity}), UTC epoch micros; {@code Long.MIN_VALUE} while it has not. It stays on for the rest of
   * the run (and across restores from Flink state).
   */
  public long killSwitchMicros = Long.MIN_VALUE;

  /** Summed shares of daily volume per 30-minute New York bucket over completed days, pooled over symbols. */
  public double[] profileSum = new double[PortfolioSimulator.PROFILE_BUCKETS];
  /** Completed days in {@link #profileSum}. */
  public int profileDays;
  /** Volume per bucket of the current day, pooled over symbols. */
  public double[] profileToday = new double[PortfolioSimulator.PROFILE_BUCKETS];
  /** New York day of {@link #profileToday}. */
  public long profileDay = Long.MIN_VALUE;

  // Portfolio construction (PortfolioConstructor); unused, and the arrays per symbol empty, with method: signal.
  /** Direction of each symbol's last signal: +1 long, -1 short, 0 flat or none yet. */
  public int[] signalDirection = new int[0];
  /** Strength in [0, 1] of each symbol's last signal. */
  public double[] signalStrength = new double[0];
  /**
   * Each symbol's close at the end of the last New York sessions, USD: a ring of {@code lookbackDays + 1} slots
   * shared by all symbols ({@link #closeHead}, {@link #closeCount}); NaN where the symbol had no price yet.
   */
  public double[][] dailyCloses = new double[0][];
  /** The ring slot the next session's closes go to. */
  public int closeHead;
  /** Sessions held in the ring, at most its length. */
  public int closeCount;
  /** New York day (epoch day) of the last session in the ring, {@code Long.MIN_VALUE} before the first. */
  public long closeDay = Long.MIN_VALUE;
  /** Whether a signal arrived since the last rebalance ({@code rebalance: signal}). */
  public boolean rebalanceDue;
  /** Instants with bars since the last rebalance ({@code rebalance: N}). */
  public int barsSinceRebalance;
  /**
   * Why the last rebalance used fallback weights (reported once per new reason as a {@code construction} row of
   * the {@code rejected} output), null when its method ran.
   */
  public String constructionFallback;

  // Hedging (Hedger); the arrays per symbol empty without portfolio.hedge.
  /** Each symbol's close at the last valuation, USD, NaN before one. */
  public double[] valuationClose = new double[0];
  /**
   * Each symbol's returns between valuations, a ring of {@code hedge.lookbackBars} slots shared by all symbols
   * ({@link #returnHead}, {@link #returnCount}); NaN where a close was unknown.
   */
  public double[][] barReturns = new double[0][];
  /** The ring slot the next valuation's returns go to. */
  public int returnHead;
  /** Valuations held in the ring, at most its length. */
  public int returnCount;

  /** An order still working, with its progress. A POJO. */
  public static final class WorkingOrder {
    /** Client order id. */
    public String id;
    /** Parent id or empty. */
    public String parentId;
    /** Symbol. */
    public String symbol;
    /** Signed ordered shares. */
    public double quantity;
    /** Signed shares not yet filled. */
    public double remaining;
    /** {@code Order.OrderType} name. */
    public String type;
    /** {@code Order.TimeInForce} name. */
    public String timeInForce;
    /** Limit price or NaN. */
    public double limitPrice;
    /** Stop price or NaN. */
    public double stopPrice;
    /** Decision time, UTC epoch micros. */
    public long decisionMicros;
    /** Submission time, UTC epoch micros. */
    public long submittedMicros;
    /** When a DAY order expires ({@code Long.MAX_VALUE} otherwise). */
    public long expiresMicros;
    /** Whether its stop has triggered. */
    public boolean triggered;
    /** Whether {@code Output.submitted} has been told (its submission time has come). */
    public boolean routed;
    /** Signed shares filled. */
    public double filled;
    /** Signed filled notional, USD. */
    public double filledNotional;
    /** Explicit costs paid, USD. */
    public double explicitCosts;
    /** Last close at the decision, USD. */
    public double arrivalPrice;

    /** For Flink's POJO serializer. */
    public WorkingOrder() {}
  }
}
