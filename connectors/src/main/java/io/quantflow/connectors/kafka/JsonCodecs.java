package io.quantflow.connectors.kafka;

import static io.quantflow.connectors.kafka.Json.bool;
import static io.quantflow.connectors.kafka.Json.enumField;
import static io.quantflow.connectors.kafka.Json.intField;
import static io.quantflow.connectors.kafka.Json.longField;
import static io.quantflow.connectors.kafka.Json.nullableNumber;
import static io.quantflow.connectors.kafka.Json.number;
import static io.quantflow.connectors.kafka.Json.price;
import static io.quantflow.connectors.kafka.Json.putNullable;
import static io.quantflow.connectors.kafka.Json.required;
import static io.quantflow.connectors.kafka.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.connectors.alpaca.trading.BrokerUpdate;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The JSON schemas (version {@value Json#SCHEMA_VERSION}) of the messages on the QuantFlow topics, one codec per
 * message kind; docs/kafka.md lists every field with its type and unit.
 *
 * <p>Conventions of every schema: field names are the domain's, times are UTC epoch microseconds in fields ending
 * in {@code Micros}, prices USD per share, sizes and quantities shares (signed: + buy, - sell); every field is
 * required, and an unknown value (NaN in the domain) is written as JSON {@code null}, never omitted. Readers ignore
 * fields they do not know, so a producer may add fields without a version bump; renaming, removing or changing the
 * meaning of a field needs a new {@code schemaVersion}. Enum values are the constant names ({@code LONG},
 * {@code STOP_LIMIT}); timeframes their labels ({@code 1m}).
 */
public final class JsonCodecs {
  private JsonCodecs() {}

  /** Trades, trade cancels and trade corrections ({@code kind}: trade, cancel, correction) of the raw trades topic. */
  public static JsonCodec<MarketEvent> trades() {
    return new MarketEventCodec("trade", EnumSet.of(MarketEvent.Kind.TRADE, MarketEvent.Kind.CANCEL,
        MarketEvent.Kind.CORRECTION));
  }

  /** Top-of-book quotes ({@code kind}: quote) of the raw quotes topic. */
  public static JsonCodec<MarketEvent> quotes() {
    return new MarketEventCodec("quote", EnumSet.of(MarketEvent.Kind.QUOTE));
  }

  /** OHLCV bars of the raw bars topic. */
  public static JsonCodec<Bar> bars() {
    return new BarCodec();
  }

  /** Feature rows with the features of {@code schema}, written as a name-to-value object. */
  public static JsonCodec<FeatureRow> features(FeatureSchema schema) {
    return new FeatureCodec(Checks.notNull(schema, "schema"));
  }

  /** Trading signals. */
  public static JsonCodec<Signal> signals() {
    return new SignalCodec();
  }

  /** Model predictions ({@link io.quantflow.domain.Prediction}). */
  public static JsonCodec<io.quantflow.domain.Prediction> predictions() {
    return new PredictionCodec();
  }

  /** Orders sent to the broker. */
  public static JsonCodec<Order> orders() {
    return new OrderCodec();
  }

  /** Fills ({@code kind}: fill), the order updates of schema version 1. */
  public static JsonCodec<Fill> fills() {
    return new FillCodec();
  }

  /**
   * The broker's order updates ({@code kind}: broker) of the order-updates topic, as
   * {@link io.quantflow.connectors.alpaca.trading.TradeUpdatesSource} emits them: every {@code trade_updates}
   * event, fills signed (+ buy, - sell), reconciled fills flagged.
   */
  public static JsonCodec<BrokerUpdate> brokerUpdates() {
    return new BrokerUpdateCodec();
  }

  /** Dead letters. */
  public static JsonCodec<DeadLetter> deadLetters() {
    return new DeadLetterCodec();
  }

  /** Operational alerts. */
  public static JsonCodec<Alert> alerts() {
    return new AlertCodec();
  }

  /** Checks the version, reads the value and turns the domain type's refusals into bad messages. */
  private abstract static class Base<T> implements JsonCodec<T> {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final Class<T> type;

    Base(String kind, Class<T> type) {
      this.kind = kind;
      this.type = type;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public TypeInformation<T> type() {
      return TypeInformation.of(type);
    }

    @Override
    public final T decode(JsonNode node) throws BadMessageException {
      Json.checkVersion(node);
      try {
        return read(node);
      } catch (IllegalArgumentException e) {
        throw new BadMessageException("invalid " + kind + ": " + e.getMessage());
      }
    }

    abstract T read(JsonNode node) throws BadMessageException;
  }

  private static final class MarketEventCodec extends Base<MarketEvent> {
    private static final long serialVersionUID = 1L;
    private final Set<MarketEvent.Kind> kinds;

    MarketEventCodec(String kind, Set<MarketEvent.Kind> kinds) {
      super(kind, MarketEvent.class);
      this.kinds = EnumSet.copyOf(kinds);
    }

    @Override
    public String key(MarketEvent e) {
      return e.symbol();
    }

    @Override
    public ObjectNode encode(MarketEvent e) {
      if (!kinds.contains(e.kind())) {
        throw new IllegalArgumentException("A " + e.kind() + " event cannot be written as a " + kind()
            + " message (it takes " + names() + "); send it to its own topic");
      }
      ObjectNode n = Json.object();
      n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
      n.put("symbol", e.symbol());
      n.put("timestampMicros", e.timestampMicros());
      n.put("receivedAtMicros", e.receivedAtMicros());
      switch (e.kind()) {
        case TRADE -> {
          n.put("tradeId", e.tradeId());
          n.put("price", e.price());
          n.put("size", e.size());
          n.put("exchange", e.exchange());
          n.put("conditions", e.conditions());
        }
        case CANCEL -> n.put("tradeId", e.tradeId());
        case CORRECTION -> {
          n.put("tradeId", e.tradeId());
          n.put("correctedTradeId", e.correctedTradeId());
          n.put("price", e.price());
          n.put("size", e.size());
        }
        case QUOTE -> {
          Quote q = e.toQuote();
          n.put("bidPrice", q.bidPrice());
          n.put("bidSize", q.bidSize());
          n.put("askPrice", q.askPrice());
          n.put("askSize", q.askSize());
          n.put("bidExchange", q.bidExchange());
          n.put("askExchange", q.askExchange());
        }
        default -> throw new IllegalStateException("unreachable: " + e.kind());
      }
      return n;
    }

    @Override
    MarketEvent read(JsonNode n) throws BadMessageException {
      String kindText = text(n, "kind");
      MarketEvent.Kind k = kinds.stream().filter(x -> x.name().equalsIgnoreCase(kindText)).findFirst()
          .orElseThrow(() -> new BadMessageException("field 'kind' must be one of " + names() + " on this topic but was \""
              + kindText + "\""));
      String symbol = text(n, "symbol");
      long ts = longField(n, "timestampMicros");
      long received = longField(n, "receivedAtMicros");
      return switch (k) {
        case TRADE -> MarketEvent.trade(new Trade(symbol, ts, price(n, "price"), number(n, "size"),
            text(n, "exchange"), longField(n, "tradeId"), text(n, "conditions")), received);
        case CANCEL -> MarketEvent.cancel(symbol, ts, received, longField(n, "tradeId"));
        case CORRECTION -> MarketEvent.correction(symbol, ts, received, longField(n, "tradeId"),
            longField(n, "correctedTradeId"), price(n, "price"), number(n, "size"));
        case QUOTE -> MarketEvent.quote(new Quote(symbol, ts, number(n, "bidPrice"), number(n, "bidSize"),
            number(n, "askPrice"), number(n, "askSize"), text(n, "bidExchange"), text(n, "askExchange")), received);
        default -> throw new IllegalStateException("unreachable: " + k);
      };
    }

    private String names() {
      return kinds.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
  }

  private static final class BarCodec extends Base<Bar> {
    private static final long serialVersionUID = 1L;

    BarCodec() {
      super("bar", Bar.class);
    }

    @Override
    public String key(Bar b) {
      return b.symbol();
    }

    @Override
    public ObjectNode encode(Bar b) {
      ObjectNode n = Json.object();
      n.put("symbol", b.symbol());
      n.put("timeframe", b.timeframe().label());
      n.put("timestampMicros", b.timestampMicros());
      n.put("open", b.open());
      n.put("high", b.high());
      n.put("low", b.low());
      n.put("close", b.close());
      n.put("volume", b.volume());
      if (b.tradeCount() == Bar.UNKNOWN_TRADE_COUNT) {
        n.putNull("tradeCount");
      } else {
        n.put("tradeCount", b.tradeCount());
      }
      putNullable(n, "vwap", b.vwap());
      return n;
    }

    @Override
    Bar read(JsonNode n) throws BadMessageException {
      JsonNode count = n.get("tradeCount");
      if (count == null) {
        throw new BadMessageException("missing field 'tradeCount' (write null when unknown)");
      }
      long tradeCount = count.isNull() ? Bar.UNKNOWN_TRADE_COUNT : longField(n, "tradeCount");
      if (tradeCount < 0 && !count.isNull()) {
        throw new BadMessageException("field 'tradeCount' must not be negative but was " + tradeCount);
      }
      return new Bar(text(n, "symbol"), Timeframe.parse(text(n, "timeframe")), longField(n, "timestampMicros"),
          price(n, "open"), price(n, "high"), price(n, "low"), price(n, "close"), number(n, "volume"), tradeCount,
          nullableNumber(n, "vwap"));
    }
  }

  private static final class FeatureCodec extends Base<FeatureRow> {
    private static final long serialVersionUID = 1L;
    private final List<String> names;

    FeatureCodec(FeatureSchema schema) {
      super("features", FeatureRow.class);
      this.names = List.copyOf(schema.names());
    }

    @Override
    public String key(FeatureRow r) {
      return r.symbol();
    }

    @Override
    public ObjectNode encode(FeatureRow r) {
      Checks.isTrue(r.values().length == names.size(), "Feature row %s has %d values but the schema has %d names %s",
          r, r.values().length, names.size(), names);
      ObjectNode n = Json.object();
      n.put("symbol", r.symbol());
      n.put("timeframe", r.timeframe().label());
      n.put("timestampMicros", r.timestampMicros());
      putNullable(n, "close", r.close());
      ObjectNode features = n.putObject("features");
      for (int i = 0; i < names.size(); i++) {
        putNullable(features, names.get(i), r.values()[i]);
      }
      n.put("revision", r.revision());
      n.put("retracted", r.retracted());
      return n;
    }

    @Override
    FeatureRow read(JsonNode n) throws BadMessageException {
      JsonNode features = required(n, "features");
      if (!features.isObject()) {
        throw new BadMessageException("field 'features' must be an object of name to number but was "
            + Json.kindOf(features));
      }
      double[] values = new double[names.size()];
      for (int i = 0; i < values.length; i++) {
        String name = names.get(i);
        if (!features.has(name)) {
          throw new BadMessageException("missing feature '" + name + "' in 'features' (write null while warming up)");
        }
        values[i] = nullableNumber(features, name);
      }
      return new FeatureRow(text(n, "symbol"), Timeframe.parse(text(n, "timeframe")),
          longField(n, "timestampMicros"), nullableNumber(n, "close"), values, intField(n, "revision"),
          bool(n, "retracted"));
    }
  }

  private static final class SignalCodec extends Base<Signal> {
    private static final long serialVersionUID = 1L;

    SignalCodec() {
      super("signal", Signal.class);
    }

    @Override
    public String key(Signal s) {
      return s.symbol();
    }

    @Override
    public ObjectNode encode(Signal s) {
      ObjectNode n = Json.object();
      n.put("symbol", s.symbol());
      n.put("timestampMicros", s.timestampMicros());
      n.put("direction", s.direction().name());
      n.put("strength", s.strength());
      n.put("horizonMicros", s.horizonMicros());
      n.put("reason", s.reason());
      n.put("revision", s.revision());
      n.put("retracted", s.retracted());
      return n;
    }

    @Override
    Signal read(JsonNode n) throws BadMessageException {
      return new Signal(text(n, "symbol"), longField(n, "timestampMicros"), enumField(n, "direction", Direction.class),
          number(n, "strength"), longField(n, "horizonMicros"), text(n, "reason"), intField(n, "revision"),
          bool(n, "retracted"));
    }
  }

  private static final class PredictionCodec extends Base<io.quantflow.domain.Prediction> {
    private static final long serialVersionUID = 1L;

    PredictionCodec() {
      super("prediction", io.quantflow.domain.Prediction.class);
    }

    @Override
    public String key(io.quantflow.domain.Prediction p) {
      return p.symbol();
    }

    @Override
    public ObjectNode encode(io.quantflow.domain.Prediction p) {
      ObjectNode n = Json.object();
      n.put("symbol", p.symbol());
      n.put("timestampMicros", p.timestampMicros());
      n.put("model", p.model());
      n.put("modelVersion", p.modelVersion());
      n.put("score", p.score());
      return n;
    }

    @Override
    io.quantflow.domain.Prediction read(JsonNode n) throws BadMessageException {
      return new io.quantflow.domain.Prediction(text(n, "symbol"), longField(n, "timestampMicros"), text(n, "model"),
          intField(n, "modelVersion"), number(n, "score"));
    }
  }

  private static final class OrderCodec extends Base<Order> {
    private static final long serialVersionUID = 1L;

    OrderCodec() {
      super("order", Order.class);
    }

    @Override
    public String key(Order o) {
      return o.symbol();
    }

    @Override
    public ObjectNode encode(Order o) {
      ObjectNode n = Json.object();
      n.put("clientOrderId", o.clientOrderId());
      n.put("symbol", o.symbol());
      n.put("quantity", o.quantity());
      n.put("type", o.type().name());
      putNullable(n, "limitPrice", o.limitPrice());
      putNullable(n, "stopPrice", o.stopPrice());
      n.put("timeInForce", o.timeInForce().name());
      n.put("decisionMicros", o.decisionMicros());
      n.put("submittedAtMicros", o.submittedAtMicros());
      n.put("parentId", o.parentId());
      return n;
    }

    @Override
    Order read(JsonNode n) throws BadMessageException {
      return new Order(text(n, "clientOrderId"), text(n, "symbol"), number(n, "quantity"),
          enumField(n, "type", Order.OrderType.class), nullableNumber(n, "limitPrice"),
          nullableNumber(n, "stopPrice"), enumField(n, "timeInForce", Order.TimeInForce.class),
          longField(n, "decisionMicros"), longField(n, "submittedAtMicros"), text(n, "parentId"));
    }
  }

  private static final class FillCodec extends Base<Fill> {
    private static final long serialVersionUID = 1L;

    FillCodec() {
      super("fill", Fill.class);
    }

    @Override
    public String key(Fill f) {
      return f.symbol();
    }

    @Override
    public ObjectNode encode(Fill f) {
      ObjectNode n = Json.object();
      n.put("kind", "fill");
      n.put("orderId", f.orderId());
      n.put("symbol", f.symbol());
      n.put("timestampMicros", f.timestampMicros());
      n.put("decisionMicros", f.decisionMicros());
      n.put("quantity", f.quantity());
      n.put("price", f.price());
      n.put("commission", f.commission());
      return n;
    }

    @Override
    Fill read(JsonNode n) throws BadMessageException {
      String kind = text(n, "kind");
      if (!kind.equals("fill")) {
        throw new BadMessageException("field 'kind' must be \"fill\" (the only order update of schema version 1) "
            + "but was \"" + kind + "\"");
      }
      return new Fill(text(n, "orderId"), text(n, "symbol"), longField(n, "timestampMicros"),
          longField(n, "decisionMicros"), number(n, "quantity"), price(n, "price"), number(n, "commission"));
    }
  }

  private static final class BrokerUpdateCodec extends Base<BrokerUpdate> {
    private static final long serialVersionUID = 1L;

    BrokerUpdateCodec() {
      super("broker", BrokerUpdate.class);
    }

    @Override
    public String key(BrokerUpdate u) {
      return u.symbol();
    }

    @Override
    public ObjectNode encode(BrokerUpdate u) {
      ObjectNode n = Json.object();
      n.put("kind", "broker");
      n.put("event", u.event());
      n.put("clientOrderId", u.clientOrderId());
      n.put("brokerOrderId", u.brokerOrderId());
      n.put("symbol", u.symbol());
      n.put("status", u.status());
      putNullable(n, "fillQty", u.fillQty());
      putNullable(n, "fillPrice", u.fillPrice());
      putNullable(n, "positionQty", u.positionQty());
      n.put("filledQty", u.filledQty());
      n.put("timestampMicros", u.timestampMicros());
      n.put("executionId", u.executionId());
      n.put("reconciled", u.reconciled());
      return n;
    }

    @Override
    BrokerUpdate read(JsonNode n) throws BadMessageException {
      String kind = text(n, "kind");
      if (!kind.equals("broker")) {
        throw new BadMessageException("field 'kind' must be \"broker\" for a broker update but was \"" + kind
            + "\" (read simulated fills with JsonCodecs.fills())");
      }
      return new BrokerUpdate(text(n, "event"), text(n, "clientOrderId"), text(n, "brokerOrderId"),
          text(n, "symbol"), text(n, "status"), nullableNumber(n, "fillQty"), nullableNumber(n, "fillPrice"),
          nullableNumber(n, "positionQty"), number(n, "filledQty"), longField(n, "timestampMicros"),
          text(n, "executionId"), bool(n, "reconciled"));
    }
  }

  private static final class DeadLetterCodec extends Base<DeadLetter> {
    private static final long serialVersionUID = 1L;

    DeadLetterCodec() {
      super("deadletter", DeadLetter.class);
    }

    @Override
    public String key(DeadLetter d) {
      return d.key();
    }

    @Override
    public ObjectNode encode(DeadLetter d) {
      ObjectNode n = Json.object();
      n.put("topic", d.topic());
      n.put("partition", d.partition());
      n.put("offset", d.offset());
      n.put("key", d.key());
      n.put("payload", d.payload());
      n.put("reason", d.reason());
      n.put("receivedAtMicros", d.receivedAtMicros());
      return n;
    }

    @Override
    DeadLetter read(JsonNode n) throws BadMessageException {
      return new DeadLetter(text(n, "topic"), intField(n, "partition"), longField(n, "offset"), text(n, "key"),
          text(n, "payload"), text(n, "reason"), longField(n, "receivedAtMicros"));
    }
  }

  private static final class AlertCodec extends Base<Alert> {
    private static final long serialVersionUID = 1L;

    AlertCodec() {
      super("alert", Alert.class);
    }

    @Override
    public String key(Alert a) {
      return a.symbol().isEmpty() ? a.source() : a.symbol();
    }

    @Override
    public ObjectNode encode(Alert a) {
      ObjectNode n = Json.object();
      n.put("source", a.source());
      n.put("severity", a.severity().name());
      n.put("symbol", a.symbol());
      n.put("timestampMicros", a.timestampMicros());
      n.put("message", a.message());
      return n;
    }

    @Override
    Alert read(JsonNode n) throws BadMessageException {
      return new Alert(text(n, "source"), enumField(n, "severity", Alert.Severity.class), text(n, "symbol"),
          longField(n, "timestampMicros"), text(n, "message"));
    }
  }
}
