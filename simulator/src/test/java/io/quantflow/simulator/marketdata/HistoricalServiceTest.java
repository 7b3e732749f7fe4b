package io.quantflow.simulator.marketdata;

import static io.quantflow.simulator.marketdata.SimFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.domain.Bar;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The historical REST API over real sockets: paging, aggregation, errors, rate limits. */
class HistoricalServiceTest {
  @TempDir static Path dir;
  static SimFixture sim;

  @BeforeAll
  static void start() throws Exception {
    sim = SimFixture.start(SimFixture.writeStore(dir), MarketDataService.Options.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
  }

  @Test
  void pagesOfTwoAcrossTwoSymbolsConcatenateToTheStoredRows() throws Exception {
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = null;
    do {
      HttpResponse<String> r = sim.get("/v2/stocks/bars?symbols=MSFT,AAPL&timeframe=1Min&limit=2&feed=iex"
          + "&adjustment=raw" + (token == null ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = json(r.body());
      int size = 0;
      for (var it = body.get("bars").fields(); it.hasNext(); ) {
        var e = it.next();
        for (JsonNode b : e.getValue()) {
          seen.add(e.getKey() + " " + b);
          size++;
        }
      }
      pageSizes.add(size);
      token = body.get("next_page_token").isNull() ? null : body.get("next_page_token").asText();
    } while (token != null && pageSizes.size() < 20);
    List<String> expected = new ArrayList<>();
    for (Bar b : SimFixture.AAPL_BARS) {
      expected.add("AAPL " + json(AlpacaWire.write(g -> AlpacaWire.bar(g, null, WireBar.of(b)))));
    }
    for (Bar b : SimFixture.MSFT_BARS) {
      expected.add("MSFT " + json(AlpacaWire.write(g -> AlpacaWire.bar(g, null, WireBar.of(b)))));
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pageSizes).containsExactly(2, 2, 2, 2, 1);
    // and the first row literally
    assertThat(seen.get(0)).isEqualTo("AAPL {\"t\":\"2019-02-11T14:30:00Z\",\"o\":100.0,\"h\":101.0,\"l\":99.5,"
        + "\"c\":100.5,\"v\":1000,\"n\":10,\"vw\":100.2}");
  }

  @Test
  void fiveMinuteBarsAggregateTheMinutes() throws Exception {
    HttpResponse<String> r = sim.get("/v2/stocks/AAPL/bars?timeframe=5Min");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r.body());
    assertThat(body.get("symbol").asText()).isEqualTo("AAPL");
    assertThat(body.get("next_page_token").isNull()).isTrue();
    JsonNode bars = body.get("bars");
    assertThat(bars).hasSize(2);
    JsonNode first = bars.get(0);
    assertThat(first.get("t").asText()).isEqualTo("2019-02-11T14:30:00Z");
    assertThat(first.get("o").asDouble()).isEqualTo(100.0);
    assertThat(first.get("h").asDouble()).isEqualTo(103.0);
    assertThat(first.get("l").asDouble()).isEqualTo(99.5);
    assertThat(first.get("c").asDouble()).isEqualTo(101.25);
    assertThat(first.get("v").asLong()).isEqualTo(6000);
    assertThat(first.get("n").asLong()).isEqualTo(50); // the 14:34 bar has no count: 0
    // the 14:34 bar has no VWAP: its typical price (102.5 + 101 + 101.25) / 3 = 101.58333...
    double vwap = (100.2 * 1000 + 101.0 * 2000 + 101.1 * 500 + 102.0 * 1500 + 101.583333333333 * 1000) / 6000;
    assertThat(first.get("vw").asDouble()).isCloseTo(vwap, within(1e-9)).isCloseTo(101.2222222, within(1e-6));
    assertThat(bars.get(1)).isEqualTo(json("{\"t\":\"2019-02-11T14:35:00Z\",\"o\":101.25,\"h\":101.5,\"l\":101.0,"
        + "\"c\":101.5,\"v\":300,\"n\":3,\"vw\":101.3}"));
  }

  @Test
  void dayBarsAreStampedAtNewYorkMidnight() throws Exception {
    JsonNode body = json(sim.get("/v2/stocks/bars?symbols=MSFT&timeframe=1D").body());
    JsonNode day = body.get("bars").get("MSFT").get(0);
    assertThat(day.get("t").asText()).isEqualTo("2019-02-11T05:00:00Z");
    assertThat(day.get("o").asDouble()).isEqualTo(105.0);
    assertThat(day.get("h").asDouble()).isEqualTo(106.0);
    assertThat(day.get("l").asDouble()).isEqualTo(104.0);
    assertThat(day.get("c").asDouble()).isEqualTo(104.5);
    assertThat(day.get("v").asLong()).isEqualTo(2400);
  }

  @Test
  void startAndEndAreInclusive() throws Exception {
    JsonNode body = json(sim.get("/v2/stocks/AAPL/bars?timeframe=1Min&start=2019-02-11T14:31:00Z"
        + "&end=2019-02-11T09:33:00-05:00").body());
    assertThat(body.get("bars")).extracting(b -> b.get("t").asText())
        .containsExactly("2019-02-11T14:31:00Z", "2019-02-11T14:32:00Z", "2019-02-11T14:33:00Z");
  }

  @Test
  void tradesAndQuotesCarryTheStoredValues() throws Exception {
    JsonNode trades = json(sim.get("/v2/stocks/trades?symbols=AAPL&limit=2").body());
    assertThat(trades.get("trades").get("AAPL")).hasSize(2);
    assertThat(trades.get("trades").get("AAPL").get(0)).isEqualTo(json("{\"t\":\"2019-02-11T14:30:05.123456Z\","
        + "\"x\":\"V\",\"p\":100.1,\"s\":100,\"c\":[\"@\",\"I\"],\"i\":52983525033527,\"z\":\"C\"}"));
    assertThat(trades.get("next_page_token").isNull()).isFalse();
    JsonNode quotes = json(sim.get("/v2/stocks/AAPL/quotes?start=2019-02-11").body());
    assertThat(quotes.get("quotes").get(1)).isEqualTo(json("{\"t\":\"2019-02-11T14:31:30.000001Z\",\"bx\":\"K\","
        + "\"bp\":101.0,\"bs\":100,\"ax\":\"Q\",\"ap\":101.1,\"as\":200,\"c\":[],\"z\":\"C\"}"));
  }

  @Test
  void emptyResultsHaveAlpacasShapes() throws Exception {
    assertThat(sim.get("/v2/stocks/bars?symbols=ZZZ&timeframe=1Min").body())
        .isEqualTo("{\"bars\":{},\"next_page_token\":null}");
    assertThat(sim.get("/v2/stocks/ZZZ/bars?timeframe=1Min").body())
        .isEqualTo("{\"bars\":null,\"symbol\":\"ZZZ\",\"next_page_token\":null}");
  }

  @Test
  void badParametersGetAlpacasErrorBodies() throws Exception {
    HttpResponse<String> tf = sim.get("/v2/stocks/AAPL/bars?timeframe=7Day");
    assertThat(tf.statusCode()).isEqualTo(422);
    assertThat(tf.body()).isEqualTo("{\"code\":42210000,\"message\":\"invalid timeframe\"}");
    HttpResponse<String> extra = sim.get("/v2/stocks/AAPL/trades?timeframe=1Min");
    assertThat(extra.statusCode()).isEqualTo(400);
    assertThat(extra.body()).isEqualTo("{\"code\":40010000,\"message\":\"unexpected parameter(s): timeframe\"}");
    assertThat(sim.get("/v2/stocks/bars?symbols=AAPL&timeframe=1Min&limit=10001").statusCode()).isEqualTo(422);
    assertThat(sim.get("/v2/stocks/bars?timeframe=1Min").statusCode()).isEqualTo(400);
  }

  @Test
  void requestsNeedTheKeyHeaders() throws Exception {
    HttpResponse<String> none = SimFixture.HTTP.send(HttpRequest.newBuilder(
        sim.sim.baseUri().resolve("/v2/stocks/AAPL/bars?timeframe=1Min")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = SimFixture.HTTP.send(HttpRequest.newBuilder(
        sim.sim.baseUri().resolve("/v2/stocks/AAPL/bars?timeframe=1Min")).header("APCA-API-KEY-ID", "sim-key")
        .header("APCA-API-SECRET-KEY", "bad").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("{\"code\":40110000,\"message\":\"request is not authorized\"}");
  }

  @Test
  void a429FaultThenSuccess() throws Exception {
    sim.postFaults("{\"http429\":1}");
    HttpResponse<String> limited = sim.get("/v2/stocks/AAPL/bars?timeframe=1Min");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-RateLimit-Limit")).hasValue("10000");
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
        .isGreaterThan(System.currentTimeMillis() / 1000 - 1);
    HttpResponse<String> ok = sim.get("/v2/stocks/AAPL/bars?timeframe=1Min");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("10000");
    assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).isPresent();
  }
}
