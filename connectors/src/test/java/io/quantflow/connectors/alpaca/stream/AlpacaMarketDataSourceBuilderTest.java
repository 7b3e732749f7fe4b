package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlpacaMarketDataSourceBuilderTest {
  private static AlpacaMarketDataSource.Builder basic() {
    return AlpacaMarketDataSource.builder()
        .setConfig(AlpacaConfig.simulator(URI.create("http://localhost:8080"), "key", "s3cr3t-value"))
        .setSymbols("AAPL", "MSFT");
  }

  @Test
  void defaultsSubscribeBarsAndUpdatedBarsWithBackfill() {
    AlpacaMarketDataSource.Settings s = basic().build().settings();
    assertThat(s.subscriptions(s.symbols()).toMessage("subscribe"))
        .isEqualTo("{\"action\":\"subscribe\",\"bars\":[\"AAPL\",\"MSFT\"],\"updatedBars\":[\"AAPL\",\"MSFT\"]}");
    assertThat(s.backfill()).isTrue();
    assertThat(s.historyFeed()).isEqualTo("iex");
  }

  @Test
  void tradesAndQuotesAreAddedOnRequest() {
    AlpacaMarketDataSource.Settings s = basic().setUpdatedBars(false).setTrades(true).setQuotes(true).build()
        .settings();
    assertThat(s.subscriptions(s.symbols()).toMessage("subscribe")).isEqualTo("{\"action\":\"subscribe\","
        + "\"trades\":[\"AAPL\",\"MSFT\"],\"quotes\":[\"AAPL\",\"MSFT\"],\"bars\":[\"AAPL\",\"MSFT\"]}");
  }

  @Test
  void missingSettingsAreNamed() {
    assertThatThrownBy(() -> AlpacaMarketDataSource.builder().setSymbols("AAPL").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Property config is required");
    assertThatThrownBy(() -> AlpacaMarketDataSource.builder()
        .setConfig(AlpacaConfig.simulator(URI.create("http://localhost:1"), "k", "s")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Property symbols is required");
    assertThatThrownBy(() -> basic().setBars(false).setUpdatedBars(false).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nothing to subscribe");
    assertThatThrownBy(() -> basic().setBackfill(false).setBackfillFrom(Instant.EPOCH).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("setBackfillFrom(..) needs setBackfill(true)");
    assertThatThrownBy(() -> basic().setSymbols("*"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Symbol '*' is not supported");
  }

  @Test
  void theSecretStaysOutOfTheSettingsText() {
    assertThat(basic().build().settings().toString()).doesNotContain("s3cr3t-value").contains("secretKey=***");
  }
}
