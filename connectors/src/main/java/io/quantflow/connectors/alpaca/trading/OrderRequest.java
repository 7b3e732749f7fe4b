package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * An order to submit ({@code POST /v2/orders}, protocol document §3.4). Quantities in shares, prices USD per share.
 * Build one with {@link #builder()}; {@link #build()} checks the combination. Immutable.
 *
 * <pre>{@code
 * OrderRequest r = OrderRequest.builder().symbol("AAPL").buy(10).limit(new BigDecimal("150"))
 *     .timeInForce(OrderRequest.TimeInForce.DAY).clientOrderId(ClientOrderIds.of("mom", "AAPL", tsMicros, 0))
 *     .build();
 * }</pre>
 *
 * @param symbol ticker
 * @param qty shares, positive (up to 9 decimals)
 * @param side buy or sell
 * @param type market, limit, stop or stop_limit
 * @param timeInForce how long the order works
 * @param limitPrice limit price (limit, stop_limit), else null
 * @param stopPrice stop price (stop, stop_limit), else null
 * @param clientOrderId the client's id (at most 128 characters), or null to let the client generate a UUID
 * @param extendedHours whether it may fill outside the regular session (limit + day only)
 * @param bracket whether take-profit and stop-loss legs are attached
 * @param takeProfitLimit bracket take-profit limit price, else null
 * @param stopLossStop bracket stop-loss stop price, else null
 * @param stopLossLimit bracket stop-loss limit price (makes the stop leg a stop-limit), or null
 */
public record OrderRequest(String symbol, BigDecimal qty, Side side, Type type, TimeInForce timeInForce,
    BigDecimal limitPrice, BigDecimal stopPrice, String clientOrderId, boolean extendedHours, boolean bracket,
    BigDecimal takeProfitLimit, BigDecimal stopLossStop, BigDecimal stopLossLimit) {

  /** Order side. */
  public enum Side { BUY, SELL;
    /** The wire value, e.g. {@code buy}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Order type. */
  public enum Type { MARKET, LIMIT, STOP, STOP_LIMIT;
    /** The wire value, e.g. {@code stop_limit}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Time in force: day (expires at the session close), gtc, ioc, fok, opg (opening auction), cls (closing). */
  public enum TimeInForce { DAY, GTC, IOC, FOK, OPG, CLS;
    /** The wire value, e.g. {@code gtc}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Checks the combination of fields. */
  public OrderRequest {
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalStateException("Property symbol is required but not provided");
    }
    if (qty == null || qty.signum() <= 0) {
      throw new IllegalStateException("Property qty must be positive but was " + qty + ": call buy(..) or sell(..)");
    }
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeInForce, "timeInForce");
    boolean needsLimit = type == Type.LIMIT || type == Type.STOP_LIMIT;
    boolean needsStop = type == Type.STOP || type == Type.STOP_LIMIT;
    if (needsLimit != (limitPrice != null)) {
      throw new IllegalStateException("limitPrice is " + (needsLimit ? "required" : "not allowed") + " for type "
          + type);
    }
    if (needsStop != (stopPrice != null)) {
      throw new IllegalStateException("stopPrice is " + (needsStop ? "required" : "not allowed") + " for type "
          + type);
    }
    if (extendedHours && !(type == Type.LIMIT && timeInForce == TimeInForce.DAY)) {
      throw new IllegalStateException("extendedHours requires type LIMIT and timeInForce DAY");
    }
    if (bracket) {
      if (takeProfitLimit == null || stopLossStop == null) {
        throw new IllegalStateException("bracket requires takeProfitLimit and stopLossStop");
      }
      if (timeInForce != TimeInForce.DAY && timeInForce != TimeInForce.GTC) {
        throw new IllegalStateException("bracket requires timeInForce DAY or GTC but was " + timeInForce);
      }
      if (extendedHours) {
        throw new IllegalStateException("bracket and extendedHours exclude each other");
      }
    } else if (takeProfitLimit != null || stopLossStop != null || stopLossLimit != null) {
      throw new IllegalStateException("takeProfitLimit/stopLossStop/stopLossLimit need bracket(..)");
    }
    if (clientOrderId != null && clientOrderId.length() > 128) {
      throw new IllegalStateException("clientOrderId must be at most 128 characters but has "
          + clientOrderId.length());
    }
  }

  /** This request with another client order id. */
  public OrderRequest withClientOrderId(String id) {
    return new OrderRequest(symbol, qty, side, type, timeInForce, limitPrice, stopPrice, id, extendedHours, bracket,
        takeProfitLimit, stopLossStop, stopLossLimit);
  }

  /** A builder: a market day order until told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OrderRequest}; defaults: type MARKET, time in force DAY, no client id (generated). */
  public static final class Builder {
    private String symbol;
    private BigDecimal qty;
    private Side side = Side.BUY;
    private Type type = Type.MARKET;
    private TimeInForce tif = TimeInForce.DAY;
    private BigDecimal limitPrice;
    private BigDecimal stopPrice;
    private String clientOrderId;
    private boolean extendedHours;
    private boolean bracket;
    private BigDecimal tp;
    private BigDecimal sl;
    private BigDecimal slLimit;

    Builder() {}

    /** The ticker. */
    public Builder symbol(String s) {
      this.symbol = s;
      return this;
    }

    /** Buy {@code shares}. */
    public Builder buy(BigDecimal shares) {
      this.side = Side.BUY;
      this.qty = shares;
      return this;
    }

    /** Buy {@code shares}. */
    public Builder buy(long shares) {
      return buy(BigDecimal.valueOf(shares));
    }

    /** Sell {@code shares}. */
    public Builder sell(BigDecimal shares) {
      this.side = Side.SELL;
      this.qty = shares;
      return this;
    }

    /** Sell {@code shares}. */
    public Builder sell(long shares) {
      return sell(BigDecimal.valueOf(shares));
    }

    /** A market order (the default). */
    public Builder market() {
      type = Type.MARKET;
      limitPrice = null;
      stopPrice = null;
      return this;
    }

    /** A limit order at {@code price}. */
    public Builder limit(BigDecimal price) {
      type = Type.LIMIT;
      limitPrice = price;
      stopPrice = null;
      return this;
    }

    /** A stop (market once triggered) at {@code price}. */
    public Builder stop(BigDecimal price) {
      type = Type.STOP;
      stopPrice = price;
      limitPrice = null;
      return this;
    }

    /** A stop-limit: triggers at {@code stop}, then works as a limit at {@code limit}. */
    public Builder stopLimit(BigDecimal stop, BigDecimal limit) {
      type = Type.STOP_LIMIT;
      stopPrice = stop;
      limitPrice = limit;
      return this;
    }

    /** Attaches bracket legs: a take-profit limit and a stop-loss stop (both exits of the entry). */
    public Builder bracket(BigDecimal takeProfitLimit, BigDecimal stopLossStop) {
      return bracket(takeProfitLimit, stopLossStop, null);
    }

    /** Attaches bracket legs; a non-null {@code stopLossLimit} makes the stop leg a stop-limit. */
    public Builder bracket(BigDecimal takeProfitLimit, BigDecimal stopLossStop, BigDecimal stopLossLimit) {
      bracket = true;
      tp = takeProfitLimit;
      sl = stopLossStop;
      slLimit = stopLossLimit;
      return this;
    }

    /** Time in force (default DAY). */
    public Builder timeInForce(TimeInForce t) {
      tif = t;
      return this;
    }

    /** Whether it may fill in extended hours (limit + day only). */
    public Builder extendedHours(boolean ext) {
      extendedHours = ext;
      return this;
    }

    /** The client order id (see {@link ClientOrderIds}); absent, the client generates a UUID. */
    public Builder clientOrderId(String id) {
      clientOrderId = id;
      return this;
    }

    /** The request; fails with a message naming the missing or conflicting setting. */
    public OrderRequest build() {
      return new OrderRequest(symbol, qty, side, type, tif, limitPrice, stopPrice, clientOrderId, extendedHours,
          bracket, tp, sl, slLimit);
    }
  }
}
