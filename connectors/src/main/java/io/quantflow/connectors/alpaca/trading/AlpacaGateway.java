package io.quantflow.connectors.alpaca.trading;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.broker.BrokerGateway;
import io.quantflow.domain.Order;
import io.quantflow.domain.RoutedOrder;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link BrokerGateway} of an Alpaca account: orders become {@code POST /v2/orders} with the client order id
 * {@code <strategyId>-<portfolio order id>} (at most 128 characters, Alpaca's limit), so that a replay of a decision
 * finds the order already placed ({@code 422 client_order_id must be unique}) and places nothing. Different
 * strategies or runs trading one account must use different strategy ids.
 */
public final class AlpacaGateway implements BrokerGateway {
  private final AlpacaTradingClient client;
  private final String strategyId;

  /** A gateway over {@code client} for orders of {@code strategyId} ({@code [A-Za-z0-9]}, 1 to 24 characters). */
  public AlpacaGateway(AlpacaTradingClient client, String strategyId) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(strategyId, "strategyId");
    if (!strategyId.matches("[A-Za-z0-9]{1,24}")) {
      throw new IllegalArgumentException("strategyId must be 1 to 24 letters or digits but was '" + strategyId + "'");
    }
    this.strategyId = strategyId;
  }

  /** A serializable factory: each task builds its own client from {@code config} (paper unless it says live). */
  public static BrokerGateway.Factory factory(AlpacaConfig config, String strategyId) {
    return () -> new AlpacaGateway(AlpacaTradingClient.create(config), strategyId);
  }

  /** The Alpaca client order id of portfolio order {@code orderId}. */
  public String clientOrderId(String orderId) {
    String id = strategyId + "-" + orderId;
    return id.length() <= 128 ? id : ClientOrderIds.of(strategyId, orderId, 0, 0);
  }

  /** The Alpaca request of {@code routed}: side from the sign, type and time in force as decided. */
  public OrderRequest request(RoutedOrder routed) {
    Order o = routed.order();
    BigDecimal qty = BigDecimal.valueOf(Math.abs(o.quantity())).stripTrailingZeros();
    OrderRequest.Builder b = OrderRequest.builder().symbol(o.symbol()).clientOrderId(clientOrderId(o.clientOrderId()));
    b = o.quantity() > 0 ? b.buy(qty) : b.sell(qty);
    b = switch (o.type()) {
      case MARKET -> b.market();
      case LIMIT -> b.limit(price(o.limitPrice()));
      case STOP -> b.stop(price(o.stopPrice()));
      case STOP_LIMIT -> b.stopLimit(price(o.stopPrice()), price(o.limitPrice()));
    };
    return b.timeInForce(switch (o.timeInForce()) {
      case DAY -> OrderRequest.TimeInForce.DAY;
      case GTC -> OrderRequest.TimeInForce.GTC;
      case IOC -> OrderRequest.TimeInForce.IOC;
    }).build();
  }

  // Alpaca accepts 2 decimals at or above $1 and 4 below
  private static BigDecimal price(double p) {
    return BigDecimal.valueOf(p).setScale(p >= 1 ? 2 : 4, java.math.RoundingMode.HALF_EVEN);
  }

  @Override
  public Placement submit(RoutedOrder order) throws IOException {
    OrderRequest request = request(order);
    try {
      AlpacaOrder placed = client.submit(request);
      return new Placement(true, false, placed.id(), placed.status());
    } catch (AlpacaApiException e) {
      if (e.duplicateClientOrderId()) {
        AlpacaOrder existing = client.orderByClientId(request.clientOrderId());
        return new Placement(true, true, existing.id(), existing.status());
      }
      if (e.retriable()) {
        throw new IOException("Alpaca stayed unavailable for order " + request.clientOrderId() + ": "
            + e.getMessage(), e);
      }
      return new Placement(false, false, "", e.status() + " " + e.code() + " " + e.apiMessage());
    }
  }

  @Override
  public boolean cancel(String orderId) throws IOException {
    try {
      AlpacaOrder o = client.orderByClientId(clientOrderId(orderId));
      if (o.terminal()) {
        return false;
      }
      client.cancel(o.id());
      return true;
    } catch (AlpacaApiException e) {
      if (e.retriable()) {
        throw new IOException("Alpaca stayed unavailable cancelling " + orderId + ": " + e.getMessage(), e);
      }
      return false; // unknown or already done: nothing to cancel
    }
  }

  @Override
  public java.util.OptionalLong clockMicros() throws IOException {
    try {
      return java.util.OptionalLong.of(client.clock().timestampMicros());
    } catch (AlpacaApiException e) {
      throw new IOException("Could not read the Alpaca clock: " + e.getMessage(), e);
    }
  }

  @Override
  public Holdings holdings() throws IOException {
    try {
      Map<String, Double> positions = new LinkedHashMap<>();
      for (Position p : client.positions()) {
        positions.put(p.symbol(), p.qty().doubleValue());
      }
      List<String> open = client.openOrders().stream().map(AlpacaOrder::clientOrderId).toList();
      return new Holdings(positions, open);
    } catch (AlpacaApiException e) {
      throw new IOException("Could not read the Alpaca account: " + e.getMessage(), e);
    }
  }
}
