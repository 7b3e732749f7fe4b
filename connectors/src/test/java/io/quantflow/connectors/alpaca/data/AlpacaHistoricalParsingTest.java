package io.quantflow.connectors.alpaca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The row parsers of the REST client on the exact examples of docs/alpaca-protocol.md §2.3. */
class AlpacaHistoricalParsingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesBarExample() throws Exception {
    Bar b = AlpacaHistoricalClient.parseBar("AAPL", Timeframe.M1, JSON.readTree(
        "{\"t\":\"2022-01-03T09:00:00Z\",\"o\":178.26,\"h\":178.26,\"l\":178.21,\"c\":178.21,\"v\":1118,\"n\":65,"
            + "\"vw\":178.235733}"));
    assertThat(b).isEqualTo(new Bar("AAPL", Timeframe.M1, 1641200400000000L, 178.26, 178.26, 178.21, 178.21, 1118,
        65, 178.235733));
  }

  @Test
  void parsesDailyBarExampleWithLargeVolume() throws Exception {
    Bar b = AlpacaHistoricalClient.parseBar("AAPL", Timeframe.D1, JSON.readTree(
        "{\"t\":\"2023-09-29T04:00:00Z\",\"o\":172.02,\"h\":173.07,\"l\":170.341,\"c\":171.21,\"v\":51861083,"
            + "\"n\":535134,\"vw\":171.599691}"));
    assertThat(b.timestampMicros()).isEqualTo(1695960000000000L);
    assertThat(b.volume()).isEqualTo(51861083.0);
    assertThat(b.tradeCount()).isEqualTo(535134);
  }

  @Test
  void parsesTradeAndQuoteExamples() throws Exception {
    Trade t = AlpacaHistoricalClient.parseTrade("AAPL", JSON.readTree(
        "{\"t\":\"2022-01-03T09:00:00.086175744Z\",\"x\":\"P\",\"p\":178.26,\"s\":246,\"c\":[\"@\",\"T\"],\"i\":1,"
            + "\"z\":\"C\"}"));
    assertThat(t).isEqualTo(new Trade("AAPL", 1641200400086175L, 178.26, 246, "P", 1, "@,T"));
    Quote q = AlpacaHistoricalClient.parseQuote("AAPL", JSON.readTree(
        "{\"t\":\"2022-01-03T09:00:00.028294451Z\",\"ax\":\"Q\",\"ap\":178.8,\"as\":4,\"bx\":\"Q\",\"bp\":177.92,"
            + "\"bs\":4,\"c\":[\"R\"],\"z\":\"C\"}"));
    assertThat(q).isEqualTo(new Quote("AAPL", 1641200400028294L, 177.92, 4, 178.8, 4, "Q", "Q"));
  }

  @Test
  void integerPricesAreAccepted() throws Exception {
    Bar b = AlpacaHistoricalClient.parseBar("X", Timeframe.M1, JSON.readTree(
        "{\"t\":\"2024-07-24T07:56:00Z\",\"o\":132,\"h\":136,\"l\":132,\"c\":134,\"v\":205,\"n\":16,\"vw\":133}"));
    assertThat(b.high()).isEqualTo(136.0);
    assertThat(b.vwap()).isEqualTo(133.0);
  }

  @Test
  void mapsTimeframes() {
    assertThat(AlpacaHistoricalClient.timeframeParam(Timeframe.M1)).isEqualTo("1Min");
    assertThat(AlpacaHistoricalClient.timeframeParam(Timeframe.M5)).isEqualTo("5Min");
    assertThat(AlpacaHistoricalClient.timeframeParam(Timeframe.M15)).isEqualTo("15Min");
    assertThat(AlpacaHistoricalClient.timeframeParam(Timeframe.H1)).isEqualTo("1Hour");
    assertThat(AlpacaHistoricalClient.timeframeParam(Timeframe.D1)).isEqualTo("1Day");
    assertThatThrownBy(() -> AlpacaHistoricalClient.timeframeParam(Timeframe.S1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Alpaca serves no 1s bars");
  }

  @Test
  void backoffIsJitteredAndCapped() {
    AlpacaHistoricalClient c = AlpacaHistoricalClient.builder(io.quantflow.connectors.alpaca.AlpacaConfig.simulator(
        java.net.URI.create("http://localhost:1"), "k", "s")).backoff(Duration.ofMillis(100), Duration.ofMillis(1000))
        .build();
    for (int i = 0; i < 50; i++) {
      assertThat(c.backoff(1).toMillis()).isBetween(50L, 100L);
      assertThat(c.backoff(3).toMillis()).isBetween(200L, 400L);
      assertThat(c.backoff(20).toMillis()).isBetween(500L, 1000L);
    }
  }
}
