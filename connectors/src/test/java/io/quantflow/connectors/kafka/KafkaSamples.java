package io.quantflow.connectors.kafka;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Fill;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Order;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.util.List;

/** One sample message of each kind, the values of the examples in docs/kafka.md. */
public final class KafkaSamples {
  private KafkaSamples() {}

  /** 2024-01-02T14:30:00Z, the open of the first session of 2024, UTC epoch microseconds. */
  public static final long T0 = 1_704_205_800_000_000L;
  /** Half a second after {@link #T0}. */
  public static final long T0_PLUS_HALF_SECOND = T0 + 500_000L;

  /** The features the sample rows carry. */
  public static final FeatureSchema FEATURES = FeatureSchema.of(List.of("ema_20", "rsi_14"));

  /** The AAPL 1m bar of 14:30 with trade count and VWAP. */
  public static Bar bar() {
    return new Bar("AAPL", Timeframe.M1, T0, 187.15, 187.4, 187.05, 187.25, 12_000, 143, 187.21);
  }

  /** A bar from a source without trade count and VWAP. */
  public static Bar barWithoutVwap() {
    return Bar.of("MSFT", Timeframe.M5, T0, 370.5, 371, 370, 370.75, 5_300);
  }

  /** An AAPL trade at {@link #T0}, received 1 ms later. */
  public static MarketEvent trade() {
    return MarketEvent.trade(new Trade("AAPL", T0, 187.2, 100, "V", 52983525029461L, "@,I"), T0 + 1_000);
  }

  /** The cancel of {@link #trade()}. */
  public static MarketEvent cancel() {
    return MarketEvent.cancel("AAPL", T0_PLUS_HALF_SECOND, T0_PLUS_HALF_SECOND + 2_000, 52983525029461L);
  }

  /** A correction of {@link #trade()} to 187.1 x 90. */
  public static MarketEvent correction() {
    return MarketEvent.correction("AAPL", T0_PLUS_HALF_SECOND, T0_PLUS_HALF_SECOND + 2_000, 52983525029461L,
        52983525029462L, 187.1, 90);
  }

  /** An AAPL quote at {@link #T0}. */
  public static MarketEvent quote() {
    return MarketEvent.quote(new Quote("AAPL", T0, 187.19, 300, 187.21, 200, "V", "Q"), T0 + 1_000);
  }

  /** Features of {@link #bar()}, RSI still warming up (NaN). */
  public static FeatureRow features() {
    return new FeatureRow("AAPL", Timeframe.M1, T0, 187.25, new double[] {187.0125, Double.NaN}, 1, false);
  }

  /** A long signal at the close of {@link #bar()}, held 15 minutes. */
  public static Signal signal() {
    return new Signal("AAPL", T0 + 60_000_000L, Direction.LONG, 0.75, 900_000_000L, "1m:up(close>ema_20)");
  }

  /** Version 3 of a model scoring AAPL's row one minute in. */
  public static io.quantflow.domain.Prediction prediction() {
    return new io.quantflow.domain.Prediction("AAPL", T0 + 60_000_000L, "trend-gbt", 3, 0.5731);
  }

  /** A buy of 10 AAPL at market, submitted 1 ms after the decision. */
  public static Order marketOrder() {
    return Order.market("AAPL-1704205860000000", "AAPL", 10, Order.TimeInForce.DAY, T0 + 60_000_000L,
        T0 + 60_001_000L);
  }

  /** A stop-limit sale child order, with both prices. */
  public static Order stopLimitChild() {
    return new Order("MSFT-1704205860000000-2", "MSFT", -5.5, Order.OrderType.STOP_LIMIT, 369.5, 370, Order.TimeInForce.GTC,
        T0 + 60_000_000L, T0 + 120_000_000L, "MSFT-1704205860000000");
  }

  /** The fill of {@link #marketOrder()}. */
  public static Fill fill() {
    return new Fill("AAPL-1704205860000000", "AAPL", T0 + 60_250_000L, T0 + 60_000_000L, 10, 187.26, 0.01);
  }

  /** The broker's partial fill of the protocol document's two-part limit buy (40 of 100 AAPL at 180.01). */
  public static io.quantflow.connectors.alpaca.trading.BrokerUpdate brokerPartialFill() {
    return new io.quantflow.connectors.alpaca.trading.BrokerUpdate("partial_fill", "quant-AAPL-1709303400000000",
        "61e69015-8549-4bfd-b9c3-01e75843f47d", "AAPL", "partially_filled", 40, 180.01, 40, 40, 1_709_303_401_500_000L,
        "2f63ea93-423d-4169-b3f6-3fdafc10c418", false);
  }

  /** A dead letter of a bar with a negative close. */
  public static DeadLetter deadLetter() {
    return new DeadLetter("quant.raw.bars", 1, 42, "AAPL", "{\"schemaVersion\":1,\"close\":-1}",
        "bar: field 'close' must be a positive price but was -1.0", T0 + 5_000_000L);
  }

  /** A warning about a feed disconnect. */
  public static Alert alert() {
    return new Alert("alpaca-source", Alert.Severity.WARNING, "", T0, "market-data stream disconnected; reconnecting");
  }
}
