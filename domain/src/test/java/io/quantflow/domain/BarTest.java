package io.quantflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BarTest {
  @Test
  void rejectsBarsThatBreakTheOhlcRules() {
    assertThatThrownBy(() -> Bar.of("AAPL", Timeframe.M1, 0, 10, 9.5, 9, 9.2, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low <= open, close <= high");
    assertThatThrownBy(() -> Bar.of("AAPL", Timeframe.M1, 0, -1, 10, 9, 9.2, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open");
    assertThatThrownBy(() -> Bar.of("AAPL", Timeframe.M1, 0, Double.NaN, 10, 9, 9.2, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open");
    assertThatThrownBy(() -> Bar.of("AAPL", Timeframe.M1, 0, 9.5, 10, 9, 9.2, -5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume");
    assertThatThrownBy(() -> Bar.of(" ", Timeframe.M1, 0, 9.5, 10, 9, 9.2, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
  }

  @Test
  void optionalFieldsAreMarkedUnknown() {
    Bar bar = Bar.of("AAPL", Timeframe.M1, 0, 9.5, 10, 9, 9.2, 100);
    assertThat(bar.hasTradeCount()).isFalse();
    assertThat(bar.hasVwap()).isFalse();
    Bar full = new Bar("AAPL", Timeframe.M1, 0, 9.5, 10, 9, 9.2, 100, 12, 9.4);
    assertThat(full.tradeCount()).isEqualTo(12);
    assertThat(full.vwap()).isEqualTo(9.4);
  }
}
