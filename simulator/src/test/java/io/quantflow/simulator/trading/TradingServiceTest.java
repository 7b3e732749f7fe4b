package io.quantflow.simulator.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.trading.Account;
import io.quantflow.connectors.alpaca.trading.AlpacaApiException;
import io.quantflow.connectors.alpaca.trading.AlpacaOrder;
import io.quantflow.connectors.alpaca.trading.AlpacaTradingClient;
import io.quantflow.connectors.alpaca.trading.Clock;
import io.quantflow.connectors.alpaca.trading.OrderRequest;
import io.quantflow.connectors.alpaca.trading.Position;
import io.quantflow.connectors.alpaca.trading.TradeUpdate;
import io.quantflow.connectors.alpaca.trading.TradeUpdatesClient;
import io.quantflow.simulator.TapeEvent;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The real trading clients against the real simulator, over sockets, with the market chosen by each test. */
class TradingServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEC = 1_000_000L;
  private static final long T0 = SimHarness.T0;

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  private static OrderRequest marketBuy(String symbol, long qty) {
    return OrderRequest.builder().symbol(symbol).buy(qty).build();
  }

  @Test
  void accountAfterFillEqualsHandComputation() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      AlpacaOrder o = h.client.submit(marketBuy("AAPL", 10));
      h.quote("AAPL", T0 + SEC, 100.00, 100.05);
      h.until(o.id(), "fill");
      h.quote("AAPL", T0 + 2 * SEC, 100.10, 100.20);

      // cash 100000 - 10 * 100.05; position valued at the latest quote's midpoint 100.15
      Account a = h.client.account();
      assertThat(a.cash()).isEqualByComparingTo("98999.5");
      assertThat(a.longMarketValue()).isEqualByComparingTo("1001.5");
      assertThat(a.equity()).isEqualByComparingTo("100001");
      // Reg-T: (equity - 50% of 1001.5) * 2
      assertThat(a.buyingPower()).isEqualByComparingTo("199000.5");
      assertThat(a.multiplier()).isEqualByComparingTo("2");
      Position p = h.client.position("AAPL").orElseThrow();
      assertThat(p.qty()).isEqualByComparingTo("10");
      assertThat(p.avgEntryPrice()).isEqualByComparingTo("100.05");
      assertThat(p.marketValue()).isEqualByComparingTo("1001.5");
      assertThat(p.unrealizedPl()).isEqualByComparingTo("1");
      assertThat(h.client.positions()).extracting(Position::symbol).containsExactly("AAPL");
      assertThat(h.client.position("MSFT")).isEmpty();
      HttpResponse<String> missing = h.raw("GET", "/v2/positions/MSFT", null);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("{\"code\":40410000,\"message\":\"position does not exist\"}");
    }
  }

  @Test
  void marketBuyFillsAtTheNextQuotesAskNotInThePost() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      h.quote("AAPL", T0, 99.00, 99.10);
      AlpacaOrder o = h.client.submit(marketBuy("AAPL", 5));
      assertThat(o.status()).isEqualTo("accepted");
      assertThat(o.filledQty()).isEqualByComparingTo("0");
      assertThat(h.client.order(o.id()).filledAvgPrice()).isNull();

      h.quote("AAPL", T0 + SEC, 101.00, 101.25);
      List<TradeUpdate> seq = h.until(o.id(), "fill");
      assertThat(seq).extracting(TradeUpdate::event).containsExactly("new", "fill");
      TradeUpdate fill = seq.get(1);
      assertThat(fill.price()).isEqualByComparingTo("101.25");
      assertThat(fill.qty()).isEqualByComparingTo("5");
      assertThat(fill.positionQty()).isEqualByComparingTo("5");
      assertThat(fill.executionId()).isNotBlank();
      assertThat(fill.timestampMicros()).isEqualTo(T0 + SEC);
      AlpacaOrder filled = h.client.order(o.id());
      assertThat(filled.status()).isEqualTo("filled");
      assertThat(filled.filledAvgPrice()).isEqualByComparingTo("101.25");
      assertThat(filled.filledAtMicros()).isEqualTo(T0 + SEC);
    }
  }

  @Test
  void limitBuyFillsOnlyWhenTheAskCrosses() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      AlpacaOrder o = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(3).limit(dec("99.50"))
          .timeInForce(OrderRequest.TimeInForce.GTC).build());
      h.quote("AAPL", T0 + SEC, 99.90, 100.00);
      h.quote("AAPL", T0 + 2 * SEC, 99.70, 99.51);
      assertThat(h.client.order(o.id()).status()).isEqualTo("new");
      h.quote("AAPL", T0 + 3 * SEC, 99.30, 99.40);
      AlpacaOrder filled = h.client.order(o.id());
      assertThat(filled.status()).isEqualTo("filled");
      assertThat(filled.filledAvgPrice()).isEqualByComparingTo("99.40");
    }
  }

  @Test
  void stopBuyFillsAtTheOpenWhenABarGapsThroughIt() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      // MSFT has no quotes: the engine fills on bars
      AlpacaOrder stop = h.client.submit(OrderRequest.builder().symbol("MSFT").buy(4).stop(dec("105"))
          .timeInForce(OrderRequest.TimeInForce.GTC).build());
      AlpacaOrder limit = h.client.submit(OrderRequest.builder().symbol("MSFT").buy(2).limit(dec("102.5")).build());
      h.bar("MSFT", T0, 103, 104, 102, 103);
      assertThat(h.client.order(stop.id()).status()).isEqualTo("new");
      // the limit was reached inside the range: filled at the limit
      assertThat(h.client.order(limit.id()).filledAvgPrice()).isEqualByComparingTo("102.5");
      h.bar("MSFT", T0 + 60 * SEC, 107, 108, 106, 107.5);
      AlpacaOrder filled = h.client.order(stop.id());
      assertThat(filled.status()).isEqualTo("filled");
      assertThat(filled.filledAvgPrice()).isEqualByComparingTo("107");
    }
  }

  @Test
  void noFillWhileTheSymbolIsHalted() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      h.tape.publish(new TapeEvent.StatusEvent("AAPL", T0, true));
      AlpacaOrder o = h.client.submit(marketBuy("AAPL", 1));
      h.quote("AAPL", T0 + SEC, 100, 100.1);
      assertThat(h.client.order(o.id()).status()).isEqualTo("new");
      h.tape.publish(new TapeEvent.StatusEvent("AAPL", T0 + 2 * SEC, false));
      h.quote("AAPL", T0 + 3 * SEC, 100.2, 100.3);
      assertThat(h.client.order(o.id()).filledAvgPrice()).isEqualByComparingTo("100.3");
    }
  }

  /** new -> partial_fill* -> fill; returns the executions' quantities. */
  private static List<BigDecimal> partialRun(long seed) throws Exception {
    try (SimHarness h = new SimHarness(seed, TradingService.Options.defaults().withPartialFillProbability(0.9),
        () -> false).listen()) {
      AlpacaOrder o = h.client.submit(marketBuy("AAPL", 100));
      for (int i = 1; i <= 200 && !h.client.order(o.id()).terminal(); i++) {
        h.quote("AAPL", T0 + i * SEC, 100, 100.01);
      }
      List<TradeUpdate> seq = h.until(o.id(), "fill");
      assertThat(seq.get(0).event()).isEqualTo("new");
      assertThat(seq.subList(1, seq.size() - 1)).extracting(TradeUpdate::event)
          .allMatch("partial_fill"::equals);
      BigDecimal cumulative = BigDecimal.ZERO;
      List<BigDecimal> qtys = new java.util.ArrayList<>();
      for (TradeUpdate u : seq.subList(1, seq.size())) {
        cumulative = cumulative.add(u.qty());
        qtys.add(u.qty());
        assertThat(u.positionQty()).isEqualByComparingTo(cumulative);
        assertThat(u.order().filledQty()).isEqualByComparingTo(cumulative);
        assertThat(u.price()).isEqualByComparingTo("100.01");
      }
      assertThat(cumulative).isEqualByComparingTo("100");
      assertThat(seq.get(seq.size() - 1).order().status()).isEqualTo("filled");
      return qtys;
    }
  }

  @Test
  void partialFillsSumToTheOrderQtyAndTheSameSeedReplaysThem() throws Exception {
    List<BigDecimal> first = partialRun(7);
    List<BigDecimal> second = partialRun(7);
    assertThat(first.size()).isGreaterThan(1);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void duplicateClientOrderIdIsRefusedForeverAndIdempotentSubmitReturnsTheFirstOrder() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      String body = "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\","
          + "\"client_order_id\":\"strat-1\",\"notional\":null,\"limit_price\":null,\"order_class\":\"\"}";
      HttpResponse<String> first = h.raw("POST", "/v2/orders", body);
      assertThat(first.statusCode()).isEqualTo(200);
      String firstId = JSON.readTree(first.body()).get("id").asText();
      h.quote("AAPL", T0 + SEC, 100, 100.1); // filled: the id stays taken
      HttpResponse<String> again = h.raw("POST", "/v2/orders", body.replace("\"2\"", "2.0"));
      assertThat(again.statusCode()).isEqualTo(422);
      assertThat(again.body()).isEqualTo("{\"code\":40010001,\"message\":\"client_order_id must be unique\"}");

      OrderRequest same = OrderRequest.builder().symbol("AAPL").buy(2).clientOrderId("strat-1").build();
      assertThatThrownBy(() -> h.client.submit(same)).isInstanceOfSatisfying(AlpacaApiException.class, e -> {
        assertThat(e.duplicateClientOrderId()).isTrue();
        assertThat(e.getMessage()).contains("submitIdempotent");
      });
      AlpacaOrder existing = h.client.submitIdempotent(same);
      assertThat(existing.id()).isEqualTo(firstId);
      assertThat(existing.status()).isEqualTo("filled");
      assertThat(h.client.orders(AlpacaTradingClient.OrderStatus.ALL, 50)).hasSize(1);
      OrderRequest other = OrderRequest.builder().symbol("AAPL").buy(3).clientOrderId("strat-1").build();
      assertThatThrownBy(() -> h.client.submitIdempotent(other)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already used by order " + firstId);
    }
  }

  @Test
  void insufficientBuyingPowerIs403WithTheAmounts() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      h.quote("AAPL", T0, 99.9, 100);
      HttpResponse<String> r = h.raw("POST", "/v2/orders",
          "{\"symbol\":\"AAPL\",\"qty\":3000,\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\"}");
      assertThat(r.statusCode()).isEqualTo(403);
      JsonNode b = JSON.readTree(r.body());
      assertThat(b.get("code").asLong()).isEqualTo(40310000L);
      assertThat(b.get("message").asText()).isEqualTo("insufficient buying power");
      assertThat(b.get("buying_power").asText()).isEqualTo("200000");
      assertThat(b.get("cost_basis").asText()).isEqualTo("300000");
      assertThatThrownBy(() -> h.client.submit(marketBuy("AAPL", 3000)))
          .isInstanceOfSatisfying(AlpacaApiException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo(40310000L);
            assertThat(e.retriable()).isFalse();
            assertThat(e.getMessage()).contains("reduce the order size");
          });
      // an open buy reserves buying power: 1500 @ 100 leaves 50000
      h.client.submit(OrderRequest.builder().symbol("AAPL").buy(1500).limit(dec("100")).build());
      assertThat(h.client.account().buyingPower()).isEqualByComparingTo("50000");
    }
  }

  @Test
  void sellBeyondThePositionIsRefusedWhenShortingIsDisabled() throws Exception {
    try (SimHarness h = new SimHarness(1, TradingService.Options.defaults().withShorting(false), () -> false)) {
      HttpResponse<String> r = h.raw("POST", "/v2/orders",
          "{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"sell\",\"type\":\"market\",\"time_in_force\":\"day\"}");
      assertThat(r.statusCode()).isEqualTo(403);
      JsonNode b = JSON.readTree(r.body());
      assertThat(b.get("code").asLong()).isEqualTo(40310000L);
      assertThat(b.get("message").asText()).isEqualTo("insufficient qty available for order (requested: 10, "
          + "available: 0)");
      assertThat(h.client.account().shortingEnabled()).isFalse();
    }
  }

  @Test
  void validationErrorsName422Fields() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      HttpResponse<String> r = h.raw("POST", "/v2/orders",
          "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\",\"time_in_force\":\"day\"}");
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.body()).isEqualTo("{\"code\":40010000,\"message\":\"limit_price is required for limit orders\"}");
      HttpResponse<String> notUuid = h.raw("GET", "/v2/orders/not-a-uuid", null);
      assertThat(notUuid.statusCode()).isEqualTo(422);
      assertThat(notUuid.body()).isEqualTo("{\"code\":40010001,\"message\":\"order_id is missing\"}");
      assertThat(h.raw("GET", "/v2/orders/" + java.util.UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void cancelAnswers204ThenACanceledUpdateAndAFilledOrderCannotBeCanceled() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      AlpacaOrder o = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(1).limit(dec("50")).build());
      h.until(o.id(), "new");
      HttpResponse<String> r = h.raw("DELETE", "/v2/orders/" + o.id(), null);
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.body()).isEmpty();
      TradeUpdate canceled = h.until(o.id(), "canceled").get(0);
      assertThat(canceled.order().status()).isEqualTo("canceled");
      assertThat(canceled.order().canceledAtMicros()).isNotNull();

      AlpacaOrder m = h.client.submit(marketBuy("AAPL", 1));
      h.quote("AAPL", T0 + SEC, 100, 100.1);
      HttpResponse<String> late = h.raw("DELETE", "/v2/orders/" + m.id(), null);
      assertThat(late.statusCode()).isEqualTo(422);
      assertThat(late.body()).isEqualTo("{\"code\":42210000,\"message\":\"order is already in \\\"filled\\\" state\"}");
    }
  }

  @Test
  void byClientOrderIdPathWithItsLiteralColonWorks() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      AlpacaOrder o = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(1).limit(dec("90"))
          .clientOrderId("abc-123").build());
      HttpResponse<String> r = h.raw("GET", "/v2/orders:by_client_order_id?client_order_id=abc-123", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo(o.id());
      assertThat(h.client.orderByClientId("abc-123").id()).isEqualTo(o.id());
      assertThat(h.raw("GET", "/v2/orders:by_client_order_id?client_order_id=nope", null).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void bracketLegsAreHeldUntilTheEntryFillsAndCancelingOneCancelsTheGroup() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      AlpacaOrder entry = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(10)
          .bracket(dec("110"), dec("95")).build());
      assertThat(entry.legs()).extracting(AlpacaOrder::status).containsExactly("held", "held");
      assertThat(entry.legs()).extracting(AlpacaOrder::type).containsExactly("limit", "stop");
      h.quote("AAPL", T0 + SEC, 100, 100.1);
      AlpacaOrder after = h.client.order(entry.id());
      assertThat(after.status()).isEqualTo("filled");
      assertThat(after.legs()).extracting(AlpacaOrder::status).containsExactly("new", "new");
      h.client.cancel(after.legs().get(0).id());
      h.until(after.legs().get(1).id(), "canceled");
      assertThat(h.client.order(entry.id()).legs()).extracting(AlpacaOrder::status)
          .containsExactly("canceled", "canceled");
    }
  }

  @Test
  void wrongKeysGet401OnRestAndUnauthorizedOnTheStreamWithoutRetries() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      HttpResponse<String> r = h.raw("GET", "/v2/account", null, "wrong-key");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("{\"code\":40110000,\"message\":\"request is not authorized\"}");
      AlpacaConfig bad = AlpacaConfig.simulator(h.sim.baseUri(), "wrong-key", "wrong-secret");
      AlpacaTradingClient badClient = AlpacaTradingClient.builder(bad).maxAttempts(5).build();
      assertThatThrownBy(badClient::account).isInstanceOfSatisfying(AlpacaApiException.class, e -> {
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getSuppressed()).isEmpty();
        assertThat(e.getMessage()).contains("APCA_API_KEY_ID").contains("paper-api").doesNotContain("wrong-secret");
      });
      TradeUpdatesClient stream = TradeUpdatesClient.builder(bad).listener(u -> { }).build();
      assertThatThrownBy(stream::start).isInstanceOfSatisfying(AlpacaApiException.class, e -> {
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("unauthorized").contains("APCA_API_SECRET_KEY");
      });
      stream.close();
    }
  }

  @Test
  void rateLimitedRequestsAreRetriedUntilTheySucceed() throws Exception {
    AtomicInteger limited = new AtomicInteger();
    try (SimHarness h = new SimHarness(1, TradingService.Options.defaults(),
        () -> limited.getAndIncrement() < 2)) {
      Account a = h.client.account(); // two 429s, then 200
      assertThat(a.cash()).isEqualByComparingTo("100000");
      assertThat(limited.get()).isEqualTo(3);
      HttpResponse<String> ok = h.raw("GET", "/v2/account", null);
      assertThat(ok.headers().firstValue("X-Ratelimit-Limit")).contains("200");
      assertThat(ok.headers().firstValue("X-Ratelimit-Remaining")).isPresent();
      assertThat(ok.headers().firstValue("X-Ratelimit-Reset")).isPresent();
      limited.set(0);
      AlpacaTradingClient once = AlpacaTradingClient.builder(h.config).maxAttempts(1).build();
      assertThatThrownBy(once::clock).isInstanceOfSatisfying(AlpacaApiException.class, e -> {
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retriable()).isTrue();
      });
    }
  }

  @Test
  void clockAndCalendarFollowTheSimulatedClockAndTheNyseCalendar() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      Clock c = h.client.clock();
      assertThat(c.timestampMicros()).isEqualTo(T0);
      assertThat(c.open()).isTrue();
      assertThat(c.nextCloseMicros()).isEqualTo(java.time.Instant.parse("2024-03-01T21:00:00Z").getEpochSecond()
          * SEC);
      assertThat(c.nextOpenMicros()).isEqualTo(java.time.Instant.parse("2024-03-04T14:30:00Z").getEpochSecond()
          * SEC);
      JsonNode clock = JSON.readTree(h.raw("GET", "/v2/clock", null).body());
      assertThat(clock.get("next_close").asText()).isEqualTo("2024-03-01T16:00:00-05:00");
      JsonNode cal = JSON.readTree(h.raw("GET", "/v2/calendar?start=2024-11-27&end=2024-11-29", null).body());
      assertThat(cal).hasSize(2);
      assertThat(cal.get(0).get("date").asText()).isEqualTo("2024-11-27");
      assertThat(cal.get(1).get("date").asText()).isEqualTo("2024-11-29");
      assertThat(cal.get(1).get("close").asText()).isEqualTo("13:00");
      assertThat(cal.get(0).get("settlement_date").asText()).isEqualTo("2024-11-29");
    }
  }

  @Test
  void dayOrdersExpireAtTheSessionClose() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      AlpacaOrder o = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(1).limit(dec("50")).build());
      long close = java.time.Instant.parse("2024-03-01T21:00:00Z").getEpochSecond() * SEC;
      h.tape.publish(new TapeEvent.ClockEvent(close));
      List<TradeUpdate> seq = h.until(o.id(), "expired");
      assertThat(seq).extracting(TradeUpdate::event).containsExactly("new", "expired");
      TradeUpdate expired = seq.get(1);
      assertThat(expired.order().status()).isEqualTo("expired");
      assertThat(expired.timestampMicros()).isEqualTo(close);
    }
  }

  @Test
  void replaceGivesANewOrderAndTheOldOneBecomesReplaced() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      AlpacaOrder o = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(2).limit(dec("90")).build());
      h.until(o.id(), "new");
      AlpacaOrder n = h.client.replace(o.id(),
          io.quantflow.connectors.alpaca.trading.ReplaceRequest.limitPrice(dec("101")));
      assertThat(n.id()).isNotEqualTo(o.id());
      assertThat(n.replaces()).isEqualTo(o.id());
      assertThat(n.limitPrice()).isEqualByComparingTo("101");
      TradeUpdate replaced = h.until(o.id(), "replaced").get(0);
      assertThat(replaced.order().replacedBy()).isEqualTo(n.id());
      h.quote("AAPL", T0 + SEC, 100, 100.5);
      assertThat(h.until(n.id(), "fill")).extracting(TradeUpdate::event).containsExactly("new", "fill");
      assertThat(h.client.orders(AlpacaTradingClient.OrderStatus.CLOSED, 10)).extracting(AlpacaOrder::status)
          .containsExactly("filled", "replaced");
    }
  }
}
