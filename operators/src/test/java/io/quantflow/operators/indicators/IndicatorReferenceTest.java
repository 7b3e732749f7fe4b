package io.quantflow.operators.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.testing.SampleBars;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Indicators on the first twelve real AAPL 1-minute closes of 2019-02-11 (data/sample), against values computed by
 * hand from the textbook formulas (non-incremental: a plain mean, Wilder's recursion written out, Python's
 * statistics.stdev). Period 5 keeps the hand computation short.
 */
class IndicatorReferenceTest {
  private static final double[] CLOSES = {170.97, 170.7701, 170.35, 170.5974, 170.7125, 170.99, 170.73, 170.38,
      170.6, 170.38, 169.98, 170.25};

  @BeforeAll
  static void theSampleHoldsTheseCloses() {
    List<Bar> aapl = SampleBars.of("AAPL");
    double[] first = aapl.subList(0, CLOSES.length).stream().mapToDouble(Bar::close).toArray();
    assertThat(first).containsExactly(CLOSES);
  }

  private static double[] run(Indicator indicator) {
    return Arrays.stream(CLOSES).map(indicator::update).toArray();
  }

  private static void assertValues(double[] actual, int firstWarm, double... expected) {
    for (int i = 0; i < firstWarm; i++) {
      assertThat(actual[i]).as("value %d while warming up", i).isNaN();
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[firstWarm + i]).as("value %d", firstWarm + i).isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void sma() {
    // (170.97 + 170.7701 + 170.35 + 170.5974 + 170.7125) / 5 = 853.4 / 5 = 170.68
    assertValues(run(new Sma(5)), 4, 170.68, 170.684, 170.67598, 170.68198, 170.6825, 170.616, 170.414, 170.318);
  }

  @Test
  void emaIsSeededWithTheSmaOfTheFirstPeriodValues() {
    // seed 170.68; then 170.99 * 1/3 + 170.68 * 2/3 = 170.78333...
    assertValues(run(new Ema(5)), 4, 170.68, 170.78333333333336, 170.76555555555558, 170.63703703703706,
        170.62469135802473, 170.5431275720165, 170.35541838134435, 170.32027892089624);
  }

  @Test
  void rsiUsesWilderSmoothingSeededWithPlainAverages() {
    // first 5 changes: -0.1999, -0.4201, +0.2474, +0.1151, +0.2775 -> avg gain 0.128, avg loss 0.124
    // RSI = 100 * 0.128 / (0.128 + 0.124) = 50.7936...
    assertValues(run(new RsiWilder(5)), 5, 50.793650793651175, 40.378548895898874, 30.020521841102518,
        41.759180187873575, 34.52083806066114, 24.764867602373045, 39.25072030326477);
  }

  @Test
  void realizedVolatilityIsTheSampleStdevOfLogReturns() {
    assertValues(run(new RealizedVolatility(5)), 5, 0.001777056227584825, 0.0018418998589531453,
        0.0017117055573788733, 0.0016796501890484438, 0.001712817447453063, 0.0014458794589711403,
        0.0018708202178180265);
  }

  @Test
  void simpleReturn() {
    // 170.7701 / 170.97 - 1
    assertValues(run(new SimpleReturn()), 1, -0.0011692109726851863, -0.0024600325232579934,
        0.0014523040798355424);
  }

  @Test
  void aFlatSeriesHasRsi50AndZeroVolatility() {
    Indicator rsi = new RsiWilder(3);
    Indicator vol = new RealizedVolatility(3);
    double r = Double.NaN;
    double v = Double.NaN;
    for (int i = 0; i < 6; i++) {
      r = rsi.update(100);
      v = vol.update(100);
    }
    assertThat(r).isEqualTo(50.0);
    assertThat(v).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void savedStateResumesExactly() {
    for (Indicator[] pair : new Indicator[][] {{new Sma(5), new Sma(5)}, {new Ema(5), new Ema(5)},
        {new RsiWilder(5), new RsiWilder(5)}, {new RealizedVolatility(5), new RealizedVolatility(5)},
        {new SimpleReturn(), new SimpleReturn()}}) {
      Indicator whole = pair[0];
      Indicator resumed = pair[1];
      double[] buf = new double[whole.stateSize()];
      for (int i = 0; i < CLOSES.length; i++) {
        double expected = whole.update(CLOSES[i]);
        double actual = resumed.update(CLOSES[i]);
        assertThat(Double.valueOf(actual)).as("%s at %d", whole.getClass().getSimpleName(), i)
            .isEqualTo(Double.valueOf(expected));
        resumed.save(buf, 0);
        resumed = i % 2 == 0 ? fresh(whole) : resumed;
        resumed.load(buf, 0);
      }
    }
  }

  private static Indicator fresh(Indicator like) {
    if (like instanceof Sma) {
      return new Sma(5);
    } else if (like instanceof Ema) {
      return new Ema(5);
    } else if (like instanceof RsiWilder) {
      return new RsiWilder(5);
    } else if (like instanceof RealizedVolatility) {
      return new RealizedVolatility(5);
    }
    return new SimpleReturn();
  }
}
