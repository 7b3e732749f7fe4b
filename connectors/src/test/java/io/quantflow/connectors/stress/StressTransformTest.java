package io.quantflow.connectors.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every transform on a few bars whose results are worked out by hand in the comments. */
class StressTransformTest {
  /** 2019-02-11T14:30:00Z in UTC epoch microseconds. */
  static final long T0 = 1_549_895_400_000_000L;
  static final long MINUTE = 60_000_000L;
  static final double EPS = 1e-9;

  static Bar bar(String symbol, int minute, double o, double h, double l, double c, double v) {
    return Bar.of(symbol, Timeframe.M1, T0 + minute * MINUTE, o, h, l, c, v);
  }

  static final List<Bar> A = List.of(
      bar("A", 0, 100, 102, 99, 101, 1000),
      bar("A", 1, 101, 105, 100, 104, 2000),
      bar("A", 2, 104, 104, 96, 98, 3000),
      bar("A", 3, 98, 101, 97, 100, 4000));

  /** Asserts open, high, low, close, volume and the timestamp minute of {@code b}. */
  static void assertBar(Bar b, int minute, double o, double h, double l, double c, double v) {
    assertThat(b.timestampMicros()).isEqualTo(T0 + minute * MINUTE);
    assertThat(new double[] {b.open(), b.high(), b.low(), b.close(), b.volume()})
        .containsExactly(new double[] {o, h, l, c, v}, within(EPS));
  }

  @Test
  void gapDownScalesEveryPriceFromTheFirstBarAtOrAfterTheInstant() {
    List<Bar> out = StressTransform.gapDown(List.of(), T0 + 2 * MINUTE, 0.10).apply(A);
    assertThat(out.subList(0, 2)).isEqualTo(A.subList(0, 2));
    // x 0.9: 104 -> 93.6, 96 -> 86.4, 98 -> 88.2; 101 -> 90.9, 97 -> 87.3, 100 -> 90
    assertBar(out.get(2), 2, 93.6, 93.6, 86.4, 88.2, 3000);
    assertBar(out.get(3), 3, 88.2, 90.9, 87.3, 90.0, 4000);
    // an instant between bars hits the next one: 14:31:30 -> from 14:32 on, the same as above
    assertThat(StressTransform.gapDown(List.of(), T0 + 90_000_000L, 0.10).apply(A)).isEqualTo(out);
    // other symbols are untouched
    assertThat(StressTransform.gapDown(List.of("B"), T0, 0.10).apply(A)).isEqualTo(A);
  }

  @Test
  void volatilityMultiplierSquaresPricesWhenTheTrendIsFlatAndKIsTwo() {
    // closes 100, 110, 99, 100: first = last, so mu = 0 and c' = 100 (c / 100)^2; p' = c' (p / c)^2 = p^2 / 100
    List<Bar> bars = List.of(
        bar("A", 0, 99, 101, 98, 100, 10),
        bar("A", 1, 100, 112, 99, 110, 20),
        bar("A", 2, 110, 111, 98, 99, 30),
        bar("A", 3, 99, 100.5, 98.5, 100, 40));
    List<Bar> out = StressTransform.volatilityMultiplier(2).apply(bars);
    assertBar(out.get(0), 0, 98.01, 102.01, 96.04, 100, 10);
    assertBar(out.get(1), 1, 100, 125.44, 98.01, 121, 20);
    assertBar(out.get(2), 2, 121, 123.21, 96.04, 98.01, 30);
    assertBar(out.get(3), 3, 98.01, 101.0025, 97.0225, 100, 40);
  }

  @Test
  void volatilityMultiplierKeepsTheTrendAndScalesTheLogReturnDeviations() {
    // closes 100, 103, 101, 106, 104: mu = ln(104 / 100) / 4; each new log return is mu + 3 (r - mu)
    List<Bar> bars = new ArrayList<>();
    double[] closes = {100, 103, 101, 106, 104};
    for (int i = 0; i < closes.length; i++) {
      bars.add(bar("A", i, closes[i], closes[i] + 1, closes[i] - 1, closes[i], 1));
    }
    List<Bar> out = StressTransform.volatilityMultiplier(3).apply(bars);
    double mu = Math.log(1.04) / 4;
    assertThat(out.get(0).close()).isEqualTo(100);
    assertThat(out.get(4).close()).isCloseTo(104, within(EPS));
    for (int i = 1; i < closes.length; i++) {
      double r = Math.log(closes[i] / closes[i - 1]);
      assertThat(Math.log(out.get(i).close() / out.get(i - 1).close())).isCloseTo(mu + 3 * (r - mu), within(1e-12));
    }
    // the second close by hand: ln c'_1 = ln 100 + mu + 3 (ln 1.03 - mu) = ln 100 + 3 ln 1.03 - 2 mu
    assertThat(out.get(1).close()).isCloseTo(100 * Math.pow(1.03, 3) / Math.pow(1.04, 0.5), within(EPS));
  }

  @Test
  void volatilityMultiplierScalesTheStandardDeviationOfRealLogReturnsExactlyByK() {
    List<Bar> aapl = SampleBars.of("AAPL");
    for (double k : new double[] {0.5, 3}) {
      List<Bar> out = StressTransform.volatilityMultiplier(k).apply(aapl);
      assertThat(stdevOfLogReturns(out) / stdevOfLogReturns(aapl)).isCloseTo(k, within(1e-9));
      for (int i = 0; i < out.size(); i++) {
        Bar b = out.get(i);
        // each price keeps its place relative to the close: (p' / c')^(1/k) = p / c
        assertThat(Math.pow(b.high() / b.close(), 1 / k)).isCloseTo(aapl.get(i).high() / aapl.get(i).close(),
            within(1e-12));
        assertThat(Math.pow(b.low() / b.close(), 1 / k)).isCloseTo(aapl.get(i).low() / aapl.get(i).close(),
            within(1e-12));
      }
    }
  }

  private static double stdevOfLogReturns(List<Bar> bars) {
    int n = bars.size() - 1;
    double[] r = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      r[i] = Math.log(bars.get(i + 1).close() / bars.get(i).close());
      mean += r[i] / n;
    }
    double ss = 0;
    for (double x : r) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (n - 1));
  }

  @Test
  void volumeMultiplierScalesVolumeAndTradeCountOnly() {
    Bar b = new Bar("A", Timeframe.M1, T0, 100, 102, 99, 101, 1000, 15, 100.5);
    Bar out = StressTransform.volumeMultiplier(0.1).apply(List.of(b)).get(0);
    // 1000 * 0.1 = 100 shares; 15 trades * 0.1 = 1.5, rounded to 2
    assertThat(out).isEqualTo(new Bar("A", Timeframe.M1, T0, 100, 102, 99, 101, 100, 2, 100.5));
  }

  @Test
  void flashCrashFallsLinearlyToTheTroughAndRecoversWhileVolumesSpike() {
    List<Bar> bars = List.of(
        bar("A", 0, 100, 101, 99, 100, 1000),
        bar("A", 1, 100, 102, 99, 101, 1000),
        bar("A", 2, 101, 101, 97, 98, 1000),
        bar("A", 3, 98, 100, 97, 99, 1000),
        bar("A", 4, 99, 101, 98, 100, 1000),
        bar("A", 5, 100, 100, 99, 99.5, 1000));
    FlashCrash crash = new FlashCrash(List.of(), T0 + MINUTE, 0.10, 2, 2, 5);
    // m_-1 = 1; down: m_0 = 1 - 0.1 * 1/2 = 0.95, m_1 = 0.9 (trough); up: m_2 = 1 - 0.1 * (1 - 1/2) = 0.95, m_3 = 1
    assertThat(new double[] {crash.multiplier(-1), crash.multiplier(0), crash.multiplier(1), crash.multiplier(2),
        crash.multiplier(3), crash.multiplier(4)}).containsExactly(new double[] {1, 0.95, 0.9, 0.95, 1, 1},
            within(EPS));
    List<Bar> out = crash.apply(bars);
    assertThat(out.get(0)).isEqualTo(bars.get(0));
    // open * m_{j-1}, high * max, low * min, close * m_j; volume x 5
    assertBar(out.get(1), 1, 100, 102, 94.05, 95.95, 5000); // 99 * 0.95, 101 * 0.95
    assertBar(out.get(2), 2, 95.95, 95.95, 87.3, 88.2, 5000); // 101 * 0.95, 97 * 0.9, 98 * 0.9
    assertBar(out.get(3), 3, 88.2, 95, 87.3, 94.05, 5000); // 98 * 0.9, 100 * 0.95, 97 * 0.9, 99 * 0.95
    assertBar(out.get(4), 4, 94.05, 101, 93.1, 100, 5000); // 99 * 0.95, 98 * 0.95
    assertThat(out.get(5)).isEqualTo(bars.get(5));
    assertThat(StressTransform.flashCrash(List.of("B"), T0, 0.1, 2, 2).apply(bars)).isEqualTo(bars);
  }

  @Test
  void haltRemovesTheBarsAndReopensAtTheLastPriceGapped() {
    List<Bar> bars = List.of(
        bar("A", 0, 99, 101, 98, 100, 10),
        bar("A", 1, 100, 110, 100, 108, 20),
        bar("A", 2, 108, 121, 107, 120, 30),
        bar("A", 3, 120, 124, 116, 122, 40),
        bar("A", 4, 122, 126, 120, 124, 50));
    List<Bar> out = new Halt("A", T0 + MINUTE, T0 + 3 * MINUTE, 0.10).apply(bars);
    // 14:31 and 14:32 removed; reopen at 100 * (1 - 0.1) = 90: F = 90 / 120 = 0.75 on every later price
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo(bars.get(0));
    assertBar(out.get(1), 3, 90, 93, 87, 91.5, 40);
    assertBar(out.get(2), 4, 91.5, 94.5, 90, 93, 50);
    // without a gap the reopening is at the last close: F = 100 / 120
    assertThat(StressTransform.halt("A", T0 + MINUTE, T0 + 3 * MINUTE).apply(bars).get(1).open())
        .isCloseTo(100, within(EPS));
    // a halt from the first bar has no last price: the bars are only removed
    assertThat(StressTransform.halt("A", T0, T0 + 2 * MINUTE).apply(bars)).isEqualTo(bars.subList(2, 5));
    assertThat(StressTransform.halt("B", T0, T0 + 2 * MINUTE).apply(bars)).isEqualTo(bars);
  }

  @Test
  void delistRemovesEveryBarFromTheInstantOn() {
    assertThat(StressTransform.delist("A", T0 + 2 * MINUTE).apply(A)).isEqualTo(A.subList(0, 2));
    assertThat(StressTransform.delist("A", T0).apply(A)).isEmpty();
    assertThat(StressTransform.delist("B", T0).apply(A)).isEqualTo(A);
  }

  @Test
  void argumentsAreCheckedByName() {
    assertThatThrownBy(() -> StressTransform.gapDown(List.of(), T0, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fraction'");
    assertThatThrownBy(() -> StressTransform.volatilityMultiplier(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
    assertThatThrownBy(() -> StressTransform.volumeMultiplier(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'factor'");
    assertThatThrownBy(() -> StressTransform.flashCrash(List.of(), T0, 0.1, 0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'downBars'");
    assertThatThrownBy(() -> StressTransform.halt("A", T0, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'toMicros'");
    assertThatThrownBy(() -> new Halt("A", T0, T0 + 1, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gapFraction'");
    assertThatThrownBy(() -> StressTransform.delist(" ", T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'symbol'");
  }

  @Test
  void descriptionsNameTheParameters() {
    assertThat(StressTransform.gapDown(List.of(), T0, 0.1).describe())
        .isEqualTo("gapDown(all, 2019-02-11T14:30:00Z, 0.1)");
    assertThat(StressTransform.flashCrash(List.of("SPY"), T0, 0.09, 15, 20).describe())
        .isEqualTo("flashCrash([SPY], 2019-02-11T14:30:00Z, depth 0.09, 15 bars down, 20 up, volume x5.0)");
  }
}
