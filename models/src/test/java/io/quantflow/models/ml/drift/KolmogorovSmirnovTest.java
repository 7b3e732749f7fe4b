package io.quantflow.models.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {
  private static final double[] A = {1, 2, 2, 3};
  private static final double[] B = {5, 3, 2, 4, 3};

  /** Q_KS by its defining alternating series, summed to 200 terms with no early stop. */
  private static double seriesQ(double lambda) {
    double sum = 0;
    for (int j = 1; j <= 200; j++) {
      sum += (j % 2 == 1 ? 2 : -2) * Math.exp(-2.0 * j * j * lambda * lambda);
    }
    return sum;
  }

  /** D by brute force: the largest CDF gap at any sample value, counting values at or below it. */
  private static double bruteForceD(double[] a, double[] b) {
    double d = 0;
    for (double[] sample : new double[][] {a, b}) {
      for (double x : sample) {
        double fa = Arrays.stream(a).filter(v -> v <= x).count() / (double) a.length;
        double fb = Arrays.stream(b).filter(v -> v <= x).count() / (double) b.length;
        d = Math.max(d, Math.abs(fa - fb));
      }
    }
    return d;
  }

  @Test
  void statisticWithTiesByHand() {
    // x:    1    2    3    4    5
    // F_A: .25  .75   1    1    1
    // F_B:  0   .2   .6   .8    1
    // gap: .25  .55  .4   .2    0   -> D = .55 (stepping one tied 2 at a time would wrongly show .5 then .75)
    assertThat(KolmogorovSmirnov.statistic(A, B)).isCloseTo(0.55, within(1e-15));
    assertThat(KolmogorovSmirnov.statistic(B, A)).isCloseTo(0.55, within(1e-15));
    assertThat(KolmogorovSmirnov.statistic(new double[] {1, 1, 2}, new double[] {2, 1, 1})).isZero();
    assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2}, new double[] {3, 3, 4})).isEqualTo(1.0);
  }

  @Test
  void statisticMatchesBruteForceOnHeavilyTiedSamples() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      double[] a = random.ints(1 + random.nextInt(30), 0, 6).asDoubleStream().toArray();
      double[] b = random.ints(1 + random.nextInt(30), 0, 6).map(v -> v + random.nextInt(2)).asDoubleStream()
          .toArray();
      assertThat(KolmogorovSmirnov.statistic(a, b)).isCloseTo(bruteForceD(a, b), within(1e-12));
    }
  }

  @Test
  void pValueOfTheSmallExampleBySummingTheSeries() {
    // ne = 4 * 5 / 9; lambda = (sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) * 0.55 = 0.92648; below 1.18 the kernel uses the
    // theta-function form, so this also checks the two forms against each other
    double sqrtNe = Math.sqrt(20.0 / 9);
    double lambda = (sqrtNe + 0.12 + 0.11 / sqrtNe) * 0.55;
    assertThat(lambda).isCloseTo(0.92648, within(1e-5));
    KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(A, B);
    assertThat(r.statistic()).isCloseTo(0.55, within(1e-15));
    assertThat(r.pValue()).isCloseTo(seriesQ(lambda), within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.35723, within(1e-5));
    assertThat(r.n1()).isEqualTo(4);
    assertThat(r.n2()).isEqualTo(5);
    // ne = 50: lambda = (7.07107 + 0.12 + 0.01556) * 0.2 = 1.44133, on the alternating-series side
    double sqrt50 = Math.sqrt(50);
    assertThat(KolmogorovSmirnov.pValue(0.2, 100, 100))
        .isCloseTo(seriesQ((sqrt50 + 0.12 + 0.11 / sqrt50) * 0.2), within(1e-14));
  }

  @Test
  void kolmogorovDistributionAtItsTabulatedCriticalValues() {
    // P(K <= 1.3581) = 0.95 and P(K <= 1.6276) = 0.99 (the usual 5 percent and 1 percent critical values)
    assertThat(KolmogorovSmirnov.qks(1.3581)).isCloseTo(0.05, within(1e-4));
    assertThat(KolmogorovSmirnov.qks(1.6276)).isCloseTo(0.01, within(1e-4));
    assertThat(KolmogorovSmirnov.qks(0)).isEqualTo(1.0);
    assertThat(KolmogorovSmirnov.qks(0.1)).isEqualTo(1.0);
    assertThat(KolmogorovSmirnov.qks(0.5)).isCloseTo(seriesQ(0.5), within(1e-12));
    assertThat(KolmogorovSmirnov.qks(1.18 - 1e-9)).isCloseTo(KolmogorovSmirnov.qks(1.18), within(1e-8));
  }

  @Test
  void thinnedReferenceTakesEvenlySpreadOrderStatistics() {
    double[] sample = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, Double.NaN};
    // ranks floor((2i + 1) * 10 / 8) = 1, 3, 6, 8 of the sorted 1..10
    assertThat(KolmogorovSmirnov.sortedReference(sample, 4)).containsExactly(2, 4, 7, 9);
    assertThat(KolmogorovSmirnov.sortedReference(sample, 50)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void ringBufferWindowIsTestedOnItsLastValues() {
    RingBuffer window = new RingBuffer(5);
    for (double x : new double[] {100, 200, 5, 3, 2, 4, 3}) {
      window.add(x);
    }
    assertThat(window.toArray()).containsExactly(5, 3, 2, 4, 3);
    double[] reference = KolmogorovSmirnov.sortedReference(A, 10);
    assertThat(KolmogorovSmirnov.test(reference, window)).isEqualTo(KolmogorovSmirnov.test(A, B));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> KolmogorovSmirnov.statistic(new double[] {Double.NaN}, A))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a[0]'");
    assertThatThrownBy(() -> KolmogorovSmirnov.statistic(new double[0], A))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> KolmogorovSmirnov.pValue(1.5, 3, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'d'");
  }
}
