package io.quantflow.simulator.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.alpaca.trading.ClientOrderIds;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {
  @Test
  void sameDecisionGivesTheSameIdAndAnyChangeAnotherOne() {
    String id = ClientOrderIds.of("momentum-v2", "AAPL", 1_709_305_200_000_000L, 0);
    assertThat(ClientOrderIds.of("momentum-v2", "AAPL", 1_709_305_200_000_000L, 0)).isEqualTo(id);
    assertThat(ClientOrderIds.of("momentum-v2", "AAPL", 1_709_305_200_000_000L, 1)).isNotEqualTo(id);
    assertThat(ClientOrderIds.of("momentum-v2", "MSFT", 1_709_305_200_000_000L, 0)).isNotEqualTo(id);
    assertThat(ClientOrderIds.of("momentum-v2", "AAPL", 1_709_305_200_000_001L, 0)).isNotEqualTo(id);
    assertThat(id).startsWith("momentumv2-").hasSize(11 + 32);
    assertThat(ClientOrderIds.isValid(id)).isTrue();
    assertThat(ClientOrderIds.of("a very long strategy name with spaces", "AAPL", 0, 0).length())
        .isLessThanOrEqualTo(ClientOrderIds.MAX_LENGTH);
    assertThatThrownBy(() -> ClientOrderIds.of(" ", "AAPL", 0, 0)).hasMessageContaining("'strategyId'");
  }
}
