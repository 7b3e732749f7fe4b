package io.quantflow.connectors.alpaca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlpacaTimeTest {
  @Test
  void parsesZeroToNineFractionalDigitsAndAnyOffset() {
    assertThat(AlpacaTime.parseMicros("2021-02-22T19:15:00Z")).isEqualTo(1614021300000000L);
    assertThat(AlpacaTime.parseMicros("2021-02-22T15:51:44.208Z")).isEqualTo(1614009104208000L);
    assertThat(AlpacaTime.parseMicros("2021-02-22T15:51:45.335689322Z")).isEqualTo(1614009105335689L);
    // 13:45:04.981350886 at -04:00 is 17:45:04.981350886Z
    assertThat(AlpacaTime.parseMicros("2022-04-19T13:45:04.981350886-04:00")).isEqualTo(1650390304981350L);
    assertThat(AlpacaTime.parseMicros("2022-04-19T17:45:04.981350886Z")).isEqualTo(1650390304981350L);
  }

  @Test
  void formatsRoundTrip() {
    assertThat(AlpacaTime.format(1614009104208000L)).isEqualTo("2021-02-22T15:51:44.208Z");
    assertThat(AlpacaTime.parseMicros(AlpacaTime.format(1614009105335689L))).isEqualTo(1614009105335689L);
  }

  @Test
  void rejectsTextWithoutOffset() {
    assertThatThrownBy(() -> AlpacaTime.parseMicros("2021-02-22T15:51:44"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not RFC-3339 with an offset");
  }
}
