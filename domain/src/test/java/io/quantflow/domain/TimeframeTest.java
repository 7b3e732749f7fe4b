package io.quantflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeframeTest {
  private static long micros(String iso) {
    return Instant.parse(iso).getEpochSecond() * 1_000_000L;
  }

  @Test
  void parsesLabelsAlpacaNamesAndEnumNames() {
    assertThat(Timeframe.parse("1m")).isEqualTo(Timeframe.M1);
    assertThat(Timeframe.parse("15s")).isEqualTo(Timeframe.S15);
    assertThat(Timeframe.parse("5Min")).isEqualTo(Timeframe.M5);
    assertThat(Timeframe.parse("1Hour")).isEqualTo(Timeframe.H1);
    assertThat(Timeframe.parse("1Day")).isEqualTo(Timeframe.D1);
    assertThat(Timeframe.parse("M15")).isEqualTo(Timeframe.M15);
    assertThatThrownBy(() -> Timeframe.parse("2m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid timeframes are 1s, 15s, 1m, 5m, 15m, 1h, 1d");
  }

  @Test
  void intervalsAreLabelledByTheirStartAndAlignedToTheSessionOpen() {
    long t = micros("2019-02-11T14:37:42Z"); // 09:37:42 New York
    assertThat(Timeframe.M1.startOf(t)).isEqualTo(micros("2019-02-11T14:37:00Z"));
    assertThat(Timeframe.M5.startOf(t)).isEqualTo(micros("2019-02-11T14:35:00Z"));
    assertThat(Timeframe.M15.startOf(t)).isEqualTo(micros("2019-02-11T14:30:00Z"));
    assertThat(Timeframe.S15.startOf(t)).isEqualTo(micros("2019-02-11T14:37:30Z"));
    assertThat(Timeframe.H1.startOf(t)).isEqualTo(micros("2019-02-11T14:00:00Z"));
    assertThat(Timeframe.D1.startOf(t)).isEqualTo(micros("2019-02-11T00:00:00Z"));
    assertThat(Timeframe.M5.durationMicros()).isEqualTo(300_000_000L);
    assertThat(Timeframe.M15.isMultipleOf(Timeframe.M5)).isTrue();
    assertThat(Timeframe.M5.isMultipleOf(Timeframe.M15)).isFalse();
    assertThat(Timeframe.M1.isMultipleOf(Timeframe.S15)).isTrue();
  }

  @Test
  void aBarBecomesAvailableAtTheEndOfItsInterval() {
    Bar bar = Bar.of("AAPL", Timeframe.M5, micros("2019-02-11T14:30:00Z"), 171.14, 171.2, 170.5, 170.9, 1000);
    assertThat(bar.availableAtMicros()).isEqualTo(micros("2019-02-11T14:35:00Z"));
  }
}
