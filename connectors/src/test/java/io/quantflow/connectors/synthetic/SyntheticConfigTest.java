package io.quantflow.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Timeframe;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SyntheticConfigTest {
  @Test
  void hasTheDocumentedDefaults() {
    SyntheticConfig c = SyntheticConfig.defaults(400, 250, Timeframe.M1, 1);
    assertThat(c.startDate()).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(c.marketVol()).isEqualTo(0.16);
    assertThat(c.betaMin()).isEqualTo(0.5);
    assertThat(c.betaMax()).isEqualTo(1.6);
    assertThat(c.tailDegreesOfFreedom()).isEqualTo(4);
    assertThat(c.haltMinMinutes()).isEqualTo(5);
    assertThat(c.haltMaxMinutes()).isEqualTo(30);
    assertThat(c.priceMin()).isEqualTo(10);
    assertThat(c.priceMax()).isEqualTo(500);
    assertThat(c.priceDecimals()).isEqualTo(2);
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toBuilder().haltProbability(0.1).build().haltProbability()).isEqualTo(0.1);
  }

  @Test
  void rejectsInvalidArgumentsNamingThem() {
    assertThatThrownBy(() -> SyntheticConfig.defaults(0, 10, Timeframe.M1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Argument 'symbols' must be positive but was 0");
    assertThatThrownBy(() -> SyntheticConfig.defaults(1, -5, Timeframe.M1, 1))
        .hasMessage("Argument 'days' must be positive but was -5");
    assertThatThrownBy(() -> SyntheticConfig.defaults(1, 1, null, 1))
        .hasMessage("Argument 'timeframe' must not be null");
    SyntheticConfig.Builder b = SyntheticConfig.builder(1, 1, Timeframe.M1, 1);
    assertThatThrownBy(() -> b.beta(1.5, 0.5).build())
        .hasMessage("Argument 'betaMin' (1.5) must not exceed 'betaMax' (0.5)");
    assertThatThrownBy(() -> SyntheticConfig.builder(1, 1, Timeframe.M1, 1).tailDegreesOfFreedom(2).build())
        .hasMessageContaining("'tailDegreesOfFreedom' must be above 2");
    assertThatThrownBy(() -> SyntheticConfig.builder(1, 1, Timeframe.M1, 1).haltMinutes(5, 400).build())
        .hasMessageContaining("'haltMaxMinutes' must be at most 360");
    assertThatThrownBy(() -> SyntheticConfig.builder(1, 1, Timeframe.M1, 1).haltProbability(1.5).build())
        .hasMessage("Argument 'haltProbability' must be in [0.0, 1.0] but was 1.5");
    assertThatThrownBy(() -> SyntheticConfig.builder(1, 1, Timeframe.M1, 1).startPrice(0, 10).build())
        .hasMessage("Argument 'priceMin' must be finite and positive but was 0.0");
    assertThatThrownBy(() -> SyntheticConfig.builder(1, 1, Timeframe.M1, 1).priceDecimals(9).build())
        .hasMessage("Argument 'priceDecimals' must be in [0, 8] but was 9");
  }
}
