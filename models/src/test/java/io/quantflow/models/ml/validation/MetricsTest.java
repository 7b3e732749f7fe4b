package io.quantflow.models.ml.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.ml.validation.MetricSummary.Stat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double NAN = Double.NaN;

  /**
   * Positives score 0.4, 0.35, 0.8; negatives 0.1, 0.4, 0.4. Pairs won: 0.4 beats 0.1 and ties twice (2), 0.35 beats
   * 0.1 (1), 0.8 beats all (3): AUC = 6 / 9.
   */
  @Test
  void aucWithTies() {
    double[] score = {0.1, 0.4, 0.4, 0.35, 0.8, 0.4};
    int[] label = {0, 0, 1, 1, 1, 0};
    assertThat(ClassificationMetrics.auc(score, label)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void aucOfPerfectReversedAndOneClass() {
    double[] score = {0.1, 0.2, 0.3, 0.4};
    assertThat(ClassificationMetrics.auc(score, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
    assertThat(ClassificationMetrics.auc(score, new int[] {1, 1, 0, 0})).isEqualTo(0.0);
    assertThat(ClassificationMetrics.auc(score, new int[] {1, 1, 1, 1})).isNaN();
    assertThat(ClassificationMetrics.auc(new double[] {3, 3}, new int[] {0, 1})).isEqualTo(0.5);
  }

  @Test
  void logLossBrierAndAccuracy() {
    double[] p = {0.9, 0.2, 0.6, 1.0, 0.5};
    int[] y = {1, 0, 0, 1, 1};
    // -ln 0.9, -ln 0.8, -ln 0.4, -ln(1 - 1e-15) ~ 1e-15, -ln 0.5
    double expected = (0.10536051565782628 + 0.2231435513142097 + 0.916290731874155 + 1e-15 + 0.6931471805599453) / 5;
    assertThat(ClassificationMetrics.logLoss(p, y)).isCloseTo(expected, within(1e-14));
    assertThat(ClassificationMetrics.logLoss(new double[] {0.0}, new int[] {1}))
        .isCloseTo(15 * Math.log(10), within(1e-9)); // clipped to 1e-15
    assertThat(ClassificationMetrics.brier(p, y)).isCloseTo((0.01 + 0.04 + 0.36 + 0 + 0.25) / 5, within(1e-15));
    // predictions 1, 0, 1, 1, 1 (0.5 counts as 1): four of five right
    assertThat(ClassificationMetrics.accuracy(p, y)).isEqualTo(0.8);
    assertThat(ClassificationMetrics.brier(new double[0], new int[0])).isNaN();
  }

  @Test
  void informationCoefficients() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 50;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble();
      y[i] = 0.3 * x[i] + random.nextGaussian() * 0.2;
    }
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sx += x[i];
      sy += y[i];
      sxy += x[i] * y[i];
      sxx += x[i] * x[i];
      syy += y[i] * y[i];
    }
    double pearson = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    assertThat(InformationCoefficient.pearson(x, y)).isCloseTo(pearson, within(1e-12));

    // without ties Spearman is 1 - 6 sum d^2 / (n (n^2 - 1)) with d the rank differences
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      double d = rank(x, i) - rank(y, i);
      d2 += d * d;
    }
    assertThat(InformationCoefficient.spearman(x, y)).isCloseTo(1 - 6 * d2 / (n * ((double) n * n - 1)),
        within(1e-12));

    // NaN pairs are skipped
    assertThat(InformationCoefficient.spearman(new double[] {1, 2, NAN, 3}, new double[] {3, 2, 9, 1}))
        .isCloseTo(-1, within(1e-12));
    assertThat(InformationCoefficient.pearson(new double[] {1, 1}, new double[] {1, 2})).isNaN();
  }

  @Test
  void foldMetricsAndSummary() {
    Split split = new Split(2, new int[] {0, 1, 2}, new int[] {3, 4, 5, 6});
    FoldMetrics fold = FoldMetrics.of(split, new double[] {0.2, 0.7, 0.6, 0.9}, new int[] {0, 1, 0, 1},
        new double[] {-0.01, 0.02, 0.00, 0.03});
    assertThat(fold.fold()).isEqualTo(2);
    assertThat(fold.nTrain()).isEqualTo(3);
    assertThat(fold.nTest()).isEqualTo(4);
    assertThat(fold.auc()).isEqualTo(1.0);
    assertThat(fold.accuracy()).isEqualTo(0.75);
    assertThat(fold.brier()).isCloseTo((0.04 + 0.09 + 0.36 + 0.01) / 4, within(1e-15));
    assertThat(fold.ic()).isCloseTo(1.0, within(1e-12));
    assertThat(FoldMetrics.of(split, new double[] {0.2, 0.7, 0.6, 0.9}, new int[] {1, 1, 1, 1}, null).ic()).isNaN();

    MetricSummary summary = MetricSummary.of(List.of(
        new FoldMetrics(0, 10, 5, 0.6, 0.5, 0.6, 0.2, 0.05),
        new FoldMetrics(1, 10, 5, NAN, 0.7, 0.8, 0.3, NAN),
        new FoldMetrics(2, 10, 5, 0.8, 0.9, 0.7, 0.25, 0.01)));
    assertThat(summary.folds()).isEqualTo(3);
    assertThat(summary.auc().count()).isEqualTo(2);
    assertThat(summary.auc().mean()).isCloseTo(0.7, within(1e-12));
    assertThat(summary.auc().stdev()).isCloseTo(Math.sqrt(0.02), within(1e-12)); // (0.01 + 0.01) / 1
    assertThat(summary.logLoss().mean()).isCloseTo(0.7, within(1e-12));
    assertThat(summary.logLoss().stdev()).isCloseTo(0.2, within(1e-12)); // (0.04 + 0 + 0.04) / 2
    assertThat(summary.logLoss().count()).isEqualTo(3);
    assertThat(summary.ic().count()).isEqualTo(2);
    assertThat(Stat.of(new double[] {NAN, 0.4})).isEqualTo(new Stat(0.4, NAN, 1));
    assertThat(Stat.of(new double[0]).mean()).isNaN();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ClassificationMetrics.auc(new double[] {0.1}, new int[] {2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    assertThatThrownBy(() -> ClassificationMetrics.logLoss(new double[] {1.2}, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability[0]");
    assertThatThrownBy(() -> ClassificationMetrics.brier(new double[] {0.1, 0.2}, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    assertThatThrownBy(() -> InformationCoefficient.pearson(new double[] {1, Double.POSITIVE_INFINITY},
        new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted[1]");
  }

  /** 1-based rank of x[i] among distinct values. */
  private static int rank(double[] x, int i) {
    int r = 1;
    for (double v : x) {
      if (v < x[i]) {
        r++;
      }
    }
    return r;
  }
}
