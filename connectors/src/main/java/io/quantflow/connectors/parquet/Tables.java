package io.quantflow.connectors.parquet;

import io.quantflow.connectors.alpaca.trading.BrokerUpdate;
import io.quantflow.domain.Bar;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Quote;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Trade;
import io.quantflow.domain.WideRow;
import java.util.List;

/**
 * The Parquet tables the platform writes. Column names, types and units are documented in
 * {@code docs/data-format.md}; every timestamp column is {@code INT64 TIMESTAMP(MICROS, UTC)}.
 */
public final class Tables {
  private Tables() {}

  /** Bars: {@code symbol, timestamp, open, high, low, close, volume, trade_count, vwap}. */
  public static final ParquetTable<Bar> BARS = ParquetTable.<Bar>builder("bar")
      .string("symbol", Bar::symbol)
      .timestampMicros("timestamp", Bar::timestampMicros)
      .float64("open", Bar::open)
      .float64("high", Bar::high)
      .float64("low", Bar::low)
      .float64("close", Bar::close)
      .float64("volume", Bar::volume)
      .optionalInt64("trade_count", Bar::tradeCount, Bar.UNKNOWN_TRADE_COUNT)
      .optionalFloat64("vwap", Bar::vwap)
      .build();

  /**
   * Signals: {@code symbol, timestamp, direction, direction_sign, strength, horizon_seconds, reason, revision,
   * retracted} (revision 0 and not retracted unless a STREAMING job revised it).
   */
  public static final ParquetTable<Signal> SIGNALS = ParquetTable.<Signal>builder("signal")
      .string("symbol", Signal::symbol)
      .timestampMicros("timestamp", Signal::timestampMicros)
      .string("direction", s -> s.direction().name())
      .int64("direction_sign", s -> s.direction().sign())
      .float64("strength", Signal::strength)
      .int64("horizon_seconds", s -> s.horizonMicros() / 1_000_000)
      .string("reason", Signal::reason)
      .int64("revision", Signal::revision)
      .bool("retracted", Signal::retracted)
      .build();

  /**
   * Model predictions: {@code symbol, timestamp (the row's available_at), model, model_version, score} (see
   * {@link io.quantflow.domain.Prediction}).
   */
  public static final ParquetTable<io.quantflow.domain.Prediction> PREDICTIONS =
      ParquetTable.<io.quantflow.domain.Prediction>builder("prediction")
          .string("symbol", io.quantflow.domain.Prediction::symbol)
          .timestampMicros("timestamp", io.quantflow.domain.Prediction::timestampMicros)
          .string("model", io.quantflow.domain.Prediction::model)
          .int64("model_version", io.quantflow.domain.Prediction::modelVersion)
          .float64("score", io.quantflow.domain.Prediction::score)
          .build();

  /** Fills: {@code order_id, symbol, timestamp, decision_timestamp, quantity, price, notional, commission}. */
  public static final ParquetTable<Fill> FILLS = ParquetTable.<Fill>builder("fill")
      .string("order_id", Fill::orderId)
      .string("symbol", Fill::symbol)
      .timestampMicros("timestamp", Fill::timestampMicros)
      .timestampMicros("decision_timestamp", Fill::decisionMicros)
      .float64("quantity", Fill::quantity)
      .float64("price", Fill::price)
      .float64("notional", Fill::notional)
      .float64("commission", Fill::commission)
      .build();

  /** Equity curve: {@code timestamp, cash, long_value, short_value, equity, gross_exposure, net_exposure}. */
  public static final ParquetTable<EquityPoint> EQUITY = ParquetTable.<EquityPoint>builder("equity")
      .timestampMicros("timestamp", EquityPoint::timestampMicros)
      .float64("cash", EquityPoint::cash)
      .float64("long_value", EquityPoint::longValue)
      .float64("short_value", EquityPoint::shortValue)
      .float64("equity", EquityPoint::equity)
      .float64("gross_exposure", EquityPoint::grossExposure)
      .float64("net_exposure", EquityPoint::netExposure)
      .build();

  /** Orders: one row per order when it is done (or open at the end of the run); see {@link OrderReport}. */
  public static final ParquetTable<io.quantflow.domain.OrderReport> ORDERS =
      ParquetTable.<io.quantflow.domain.OrderReport>builder("order")
      .string("order_id", io.quantflow.domain.OrderReport::orderId)
      .string("parent_id", io.quantflow.domain.OrderReport::parentId)
      .string("symbol", io.quantflow.domain.OrderReport::symbol)
      .float64("quantity", io.quantflow.domain.OrderReport::quantity)
      .string("type", io.quantflow.domain.OrderReport::type)
      .string("time_in_force", io.quantflow.domain.OrderReport::timeInForce)
      .optionalFloat64("limit_price", io.quantflow.domain.OrderReport::limitPrice)
      .optionalFloat64("stop_price", io.quantflow.domain.OrderReport::stopPrice)
      .timestampMicros("decision_timestamp", io.quantflow.domain.OrderReport::decisionMicros)
      .timestampMicros("submitted_timestamp", io.quantflow.domain.OrderReport::submittedMicros)
      .string("status", io.quantflow.domain.OrderReport::status)
      .timestampMicros("closed_timestamp", io.quantflow.domain.OrderReport::closedMicros)
      .float64("filled_quantity", io.quantflow.domain.OrderReport::filledQuantity)
      .optionalFloat64("average_price", io.quantflow.domain.OrderReport::averagePrice)
      .float64("arrival_price", io.quantflow.domain.OrderReport::arrivalPrice)
      .float64("explicit_costs", io.quantflow.domain.OrderReport::explicitCosts)
      .optionalFloat64("shortfall_bps", io.quantflow.domain.OrderReport::shortfallBps)
      .build();

  /** Positions at the last valuation of each New York day: {@code timestamp, symbol, shares, price, market_value, weight}. */
  public static final ParquetTable<io.quantflow.domain.PositionSnapshot> POSITIONS =
      ParquetTable.<io.quantflow.domain.PositionSnapshot>builder("position")
      .timestampMicros("timestamp", io.quantflow.domain.PositionSnapshot::timestampMicros)
      .string("symbol", io.quantflow.domain.PositionSnapshot::symbol)
      .float64("shares", io.quantflow.domain.PositionSnapshot::shares)
      .float64("price", io.quantflow.domain.PositionSnapshot::price)
      .float64("market_value", io.quantflow.domain.PositionSnapshot::marketValue)
      .optionalFloat64("weight", io.quantflow.domain.PositionSnapshot::weight)
      .build();

  /** Trades: {@code symbol, timestamp, price, size, exchange, trade_id, conditions}. */
  public static final ParquetTable<Trade> TRADES = ParquetTable.<Trade>builder("trade")
      .string("symbol", Trade::symbol)
      .timestampMicros("timestamp", Trade::timestampMicros)
      .float64("price", Trade::price)
      .float64("size", Trade::size)
      .string("exchange", Trade::exchange)
      .int64("trade_id", Trade::tradeId)
      .string("conditions", Trade::conditions)
      .build();

  /** Quotes: {@code symbol, timestamp, bid_price, bid_size, ask_price, ask_size, bid_exchange, ask_exchange}. */
  public static final ParquetTable<Quote> QUOTES = ParquetTable.<Quote>builder("quote")
      .string("symbol", Quote::symbol)
      .timestampMicros("timestamp", Quote::timestampMicros)
      .float64("bid_price", Quote::bidPrice)
      .float64("bid_size", Quote::bidSize)
      .float64("ask_price", Quote::askPrice)
      .float64("ask_size", Quote::askSize)
      .string("bid_exchange", Quote::bidExchange)
      .string("ask_exchange", Quote::askExchange)
      .build();

  /**
   * A recorded tick feed in arrival order: {@code kind} ({@code TRADE, QUOTE, CANCEL, CORRECTION}), {@code symbol,
   * timestamp, received_at}, then the fields of {@link MarketEvent} (0, NaN or empty where the kind has none).
   */
  public static final ParquetTable<MarketEvent> EVENTS = ParquetTable.<MarketEvent>builder("event")
      .string("kind", e -> e.kind().name())
      .string("symbol", MarketEvent::symbol)
      .timestampMicros("timestamp", MarketEvent::timestampMicros)
      .timestampMicros("received_at", MarketEvent::receivedAtMicros)
      .int64("trade_id", MarketEvent::tradeId)
      .float64("price", MarketEvent::price)
      .float64("size", MarketEvent::size)
      .int64("corrected_trade_id", MarketEvent::correctedTradeId)
      .string("exchange", MarketEvent::exchange)
      .string("conditions", MarketEvent::conditions)
      .float64("bid_price", MarketEvent::bidPrice)
      .float64("bid_size", MarketEvent::bidSize)
      .float64("ask_price", MarketEvent::askPrice)
      .float64("ask_size", MarketEvent::askSize)
      .build();

  /**
   * The broker's order updates ({@link BrokerUpdate}): {@code event,
   * client_order_id, broker_order_id, symbol, status, timestamp, fill_qty} (signed shares, + buy, - sell),
   * {@code fill_price} (USD per share), {@code position_qty} (signed shares after the fill), the last three null
   * when the event is not a fill, then {@code filled_qty, execution_id, reconciled}.
   */
  public static final ParquetTable<BrokerUpdate> BROKER_UPDATES =
      ParquetTable.<BrokerUpdate>builder("broker_update")
      .string("event", BrokerUpdate::event)
      .string("client_order_id", BrokerUpdate::clientOrderId)
      .string("broker_order_id", BrokerUpdate::brokerOrderId)
      .string("symbol", BrokerUpdate::symbol)
      .string("status", BrokerUpdate::status)
      .timestampMicros("timestamp", BrokerUpdate::timestampMicros)
      .optionalFloat64("fill_qty", BrokerUpdate::fillQty)
      .optionalFloat64("fill_price", BrokerUpdate::fillPrice)
      .optionalFloat64("position_qty", BrokerUpdate::positionQty)
      .float64("filled_qty", BrokerUpdate::filledQty)
      .string("execution_id", BrokerUpdate::executionId)
      .bool("reconciled", BrokerUpdate::reconciled)
      .build();

  /** Rejected inputs: {@code stage, symbol, timestamp, reason, payload}. */
  public static final ParquetTable<RejectedEvent> REJECTED = ParquetTable.<RejectedEvent>builder("rejected")
      .string("stage", RejectedEvent::stage)
      .string("symbol", RejectedEvent::symbol)
      .timestampMicros("timestamp", RejectedEvent::timestampMicros)
      .string("reason", RejectedEvent::reason)
      .string("payload", RejectedEvent::payload)
      .build();

  /**
   * Features: {@code symbol, timeframe, timestamp, available_at, revision, retracted, close}, then one nullable
   * double column per feature of {@code schema}, in schema order (null while an indicator warms up; every value,
   * close included, null on a retraction).
   */
  public static ParquetTable<FeatureRow> features(FeatureSchema schema) {
    ParquetTable.Builder<FeatureRow> b = ParquetTable.<FeatureRow>builder("features")
        .string("symbol", FeatureRow::symbol)
        .string("timeframe", r -> r.timeframe().label())
        .timestampMicros("timestamp", FeatureRow::timestampMicros)
        .timestampMicros("available_at", FeatureRow::availableAtMicros)
        .int64("revision", FeatureRow::revision)
        .bool("retracted", FeatureRow::retracted)
        .optionalFloat64("close", FeatureRow::close);
    List<String> names = schema.names();
    for (int i = 0; i < names.size(); i++) {
      final int index = i;
      b.optionalFloat64(names.get(i), r -> r.value(index));
    }
    return b.build();
  }

  /**
   * Aligned multi-timeframe rows: {@code symbol, timeframe} (the base), {@code timestamp, available_at, revision,
   * retracted}, then one
   * nullable double per name of {@code schema} ({@code close_5m, ema_20_5m, ...}; null before that timeframe's
   * first close or while its indicator warms up).
   */
  public static ParquetTable<WideRow> wide(FeatureSchema schema) {
    ParquetTable.Builder<WideRow> b = ParquetTable.<WideRow>builder("wide")
        .string("symbol", WideRow::symbol)
        .string("timeframe", r -> r.timeframe().label())
        .timestampMicros("timestamp", WideRow::timestampMicros)
        .timestampMicros("available_at", WideRow::availableAtMicros)
        .int64("revision", WideRow::revision)
        .bool("retracted", WideRow::retracted);
    List<String> names = schema.names();
    for (int i = 0; i < names.size(); i++) {
      final int index = i;
      b.optionalFloat64(names.get(i), r -> r.value(index));
    }
    return b.build();
  }
}
