package io.quantflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Order.OrderType;
import io.quantflow.domain.Order.TimeInForce;
import org.junit.jupiter.api.Test;

class OrderTest {
  private static final long DECIDED = 1_709_566_260_000_000L; // 2024-03-04T15:31:00Z
  private static final long SUBMITTED = DECIDED + 5_000L;

  @Test
  void factoriesSetTheTypeAndLeaveUnusedPricesNaN() {
    Order market = Order.market("m", "AAPL", 100, TimeInForce.DAY, DECIDED, SUBMITTED);
    assertThat(market.type()).isEqualTo(OrderType.MARKET);
    assertThat(market.limitPrice()).isNaN();
    assertThat(market.stopPrice()).isNaN();
    assertThat(market.parentId()).isEmpty();
    assertThat(market.isChild()).isFalse();
    assertThat(market.side()).isEqualTo(1);

    Order stopLimit = Order.stopLimit("sl", "AAPL", -50, 95, 94, TimeInForce.GTC, DECIDED, SUBMITTED);
    assertThat(stopLimit.type()).isEqualTo(OrderType.STOP_LIMIT);
    assertThat(stopLimit.stopPrice()).isEqualTo(95);
    assertThat(stopLimit.limitPrice()).isEqualTo(94);
    assertThat(stopLimit.side()).isEqualTo(-1);
    assertThat(Order.limit("l", "AAPL", 1, 99.5, TimeInForce.IOC, DECIDED, SUBMITTED).stopPrice()).isNaN();
    assertThat(Order.stop("s", "AAPL", 1, 105, TimeInForce.GTC, DECIDED, SUBMITTED).limitPrice()).isNaN();
  }

  @Test
  void pricesAreValidatedPerType() {
    assertThatThrownBy(() -> Order.limit("l", "AAPL", 1, Double.NaN, TimeInForce.DAY, DECIDED, SUBMITTED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limitPrice");
    assertThatThrownBy(() -> Order.stop("s", "AAPL", 1, -5, TimeInForce.DAY, DECIDED, SUBMITTED))
        .hasMessageContaining("stopPrice");
    assertThatThrownBy(() -> new Order("m", "AAPL", 1, OrderType.MARKET, 100, Double.NaN, TimeInForce.DAY, DECIDED,
        SUBMITTED, "")).hasMessageContaining("Argument 'limitPrice' must be NaN for a MARKET order but was 100.0");
    assertThatThrownBy(() -> new Order("l", "AAPL", 1, OrderType.LIMIT, 100, 99, TimeInForce.DAY, DECIDED,
        SUBMITTED, "")).hasMessageContaining("stopPrice");
  }

  @Test
  void rejectsBadFieldsNamingThem() {
    assertThatThrownBy(() -> Order.market("m", "AAPL", 0, TimeInForce.DAY, DECIDED, SUBMITTED))
        .hasMessageContaining("quantity");
    assertThatThrownBy(() -> Order.market("m", "AAPL", Double.NaN, TimeInForce.DAY, DECIDED, SUBMITTED))
        .hasMessageContaining("quantity");
    assertThatThrownBy(() -> Order.market(" ", "AAPL", 1, TimeInForce.DAY, DECIDED, SUBMITTED))
        .hasMessageContaining("clientOrderId");
    assertThatThrownBy(() -> Order.market("m", "", 1, TimeInForce.DAY, DECIDED, SUBMITTED))
        .hasMessageContaining("symbol");
    assertThatThrownBy(() -> Order.market("m", "AAPL", 1, null, DECIDED, SUBMITTED))
        .hasMessageContaining("timeInForce");
    assertThatThrownBy(() -> Order.market("m", "AAPL", 1, TimeInForce.DAY, DECIDED, DECIDED - 1))
        .hasMessageContaining("before its decision");
    assertThatThrownBy(() -> new Order("m", "AAPL", 1, OrderType.MARKET, Double.NaN, Double.NaN, TimeInForce.DAY,
        DECIDED, SUBMITTED, "m")).hasMessageContaining("own parent");
  }

  @Test
  void aTriggeredStopBecomesMarketAndAStopLimitBecomesLimit() {
    Order stop = new Order("c-2", "AAPL", -10, OrderType.STOP, Double.NaN, 95, TimeInForce.GTC, DECIDED, SUBMITTED,
        "c");
    assertThat(stop.isChild()).isTrue();
    assertThat(stop.triggered()).isEqualTo(new Order("c-2", "AAPL", -10, OrderType.MARKET, Double.NaN, Double.NaN,
        TimeInForce.GTC, DECIDED, SUBMITTED, "c"));
    Order stopLimit = Order.stopLimit("sl", "AAPL", 5, 105, 106, TimeInForce.DAY, DECIDED, SUBMITTED);
    assertThat(stopLimit.triggered()).isEqualTo(Order.limit("sl", "AAPL", 5, 106, TimeInForce.DAY, DECIDED,
        SUBMITTED));
    assertThatThrownBy(() -> Order.market("m", "AAPL", 1, TimeInForce.DAY, DECIDED, SUBMITTED).triggered())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no stop");
  }
}
