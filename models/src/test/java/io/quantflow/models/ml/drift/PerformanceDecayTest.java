package io.quantflow.models.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.signals.Spearman;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerformanceDecayTest {
  private static final DriftThresholds FOUR = new DriftThresholds(0.1, 0.25, 0.01, 0.05, 0.0, 0.02, 0.5, 0.52, 4);

  /** Equal, NaN included. */
  private static void assertSameValue(double actual, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(actual).isNaN();
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void smallWindowByHand() {
    PerformanceDecay decay = new PerformanceDecay(4, 0.5, FOUR);
    PerformanceDecay.State s = decay.newState();
    double[] p = {0.6, 0.4, 0.7, 0.2};
    double[] r = {-0.01, -0.02, 0.03, 0.0};
    for (int i = 0; i < 4; i++) {
      decay.add(s, p[i], r[i]);
    }
    // ranks of p: 3 2 4 1; of r: 2 1 4 3; d = 1 1 0 -2; rho = 1 - 6 * 6 / (4 * 15) = 0.4
    assertThat(decay.ic(s)).isCloseTo(0.4, within(1e-12));
    // .6 up vs -1%: miss; .4 down vs -2%: hit; .7 up vs +3%: hit; zero return left out -> 2 / 3
    assertThat(decay.hitRate(s)).isCloseTo(2.0 / 3, within(1e-15));
    // (0.5, +1%) evicts (0.6, -1%): 0.5 is not above 0.5, so "down" against an up move, a miss -> 2 / 3 again
    // ranks of p {.4 .7 .2 .5}: 2 4 1 3; of r {-2% 3% 0 1%}: 1 4 2 3; d = 1 0 -1 0; rho = 1 - 12 / 60 = 0.8
    decay.add(s, 0.5, 0.01);
    assertThat(decay.ic(s)).isCloseTo(0.8, within(1e-12));
    assertThat(decay.hitRate(s)).isCloseTo(2.0 / 3, within(1e-15));
    PerformanceDecay.Snapshot snap = decay.check(s);
    assertThat(snap.ready()).isTrue();
    assertThat(snap.icDecayed()).isFalse();
    assertThat(snap.hitRateDecayed()).isFalse();
  }

  @Test
  void rollingValuesMatchADirectComputationOverTheWindow() {
    int window = 50;
    PerformanceDecay decay = new PerformanceDecay(window, 0.0, DriftThresholds.DEFAULT);
    PerformanceDecay.State s = decay.newState();
    Random random = new Random(3);
    int n = 400;
    double[] p = new double[n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      // predicted and realised returns rounded to basis points: ties, exact zeros on both sides
      p[i] = Math.round(random.nextGaussian() * 3) / 1e4;
      r[i] = Math.round(0.5 * p[i] * 1e4 + random.nextGaussian() * 3) / 1e4;
      decay.add(s, p[i], r[i]);
      int from = Math.max(0, i + 1 - window);
      double[] wp = Arrays.copyOfRange(p, from, i + 1);
      double[] wr = Arrays.copyOfRange(r, from, i + 1);
      int hits = 0;
      int directional = 0;
      for (int k = 0; k < wp.length; k++) {
        if (wr[k] != 0) {
          directional++;
          hits += (wp[k] > 0) == (wr[k] > 0) ? 1 : 0;
        }
      }
      assertSameValue(decay.ic(s), Spearman.correlation(wp, wr));
      assertSameValue(decay.hitRate(s), directional == 0 ? Double.NaN : (double) hits / directional);
      assertThat(decay.check(s).ready()).isEqualTo(i + 1 >= 50);
    }
  }

  @Test
  void flagsDecayOnlyOnceEnoughObservationsAreIn() {
    PerformanceDecay decay = new PerformanceDecay(10, 0.5, FOUR);
    PerformanceDecay.State s = decay.newState();
    // perfectly wrong: high probability before falls, low before rises
    double[][] pairs = {{0.9, -0.03}, {0.1, 0.02}, {0.8, -0.01}};
    for (double[] pair : pairs) {
      decay.add(s, pair[0], pair[1]);
    }
    assertThat(decay.check(s)).isEqualTo(new PerformanceDecay.Snapshot(3, -1.0, 0.0, false, false, false));
    decay.add(s, 0.2, 0.01); // ranks of p 4 1 3 2, of r 1 4 2 3: exactly reversed
    assertThat(decay.check(s)).isEqualTo(new PerformanceDecay.Snapshot(4, -1.0, 0.0, true, true, true));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> new PerformanceDecay(3, 0.5, FOUR)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'window'");
    PerformanceDecay decay = new PerformanceDecay(4, 0.5, FOUR);
    assertThatThrownBy(() -> decay.add(decay.newState(), 0.5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'realisedReturn'");
  }
}
