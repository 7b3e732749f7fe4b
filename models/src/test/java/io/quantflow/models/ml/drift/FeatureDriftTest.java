package io.quantflow.models.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureDriftTest {
  @Test
  void smallReportByHand() {
    double[][] reference = new double[10][];
    for (int i = 0; i < 10; i++) {
      reference[i] = new double[] {i + 1};
    }
    FeatureDrift drift = FeatureDrift.of(List.of("a"), reference, 4, 100);
    double[] current = {1, 2, Double.NaN, 4, 6, 7, 8, 9, 10};
    double[][] rows = new double[current.length][];
    for (int i = 0; i < current.length; i++) {
      rows[i] = new double[] {current[i]};
    }
    DriftReport.Feature a = drift.report(rows).features().get(0);
    // PSI as in PopulationStabilityTest; KS: F_ref(x) = x / 10, F_cur(5) = 3 / 8 against 0.5 is the widest gap
    assertThat(a.psi()).isCloseTo(0.0722595, within(1e-6));
    assertThat(a.ks()).isCloseTo(0.125, within(1e-15));
    assertThat(a.ksPValue()).isEqualTo(KolmogorovSmirnov.pValue(0.125, 10, 8));
    assertThat(List.of(a.nReference(), a.nCurrent(), a.nMissing())).containsExactly(10, 8, 1);
    assertThat(a.level()).isEqualTo(DriftThresholds.PsiLevel.STABLE);
    assertThat(a.ksShift()).isFalse();
  }

  @Test
  void aShiftedColumnIsSignificantAndTheOthersAreStable() {
    Random random = new Random(21);
    double[][] reference = new double[4000][];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = new double[] {random.nextGaussian(), random.nextGaussian(), 100 + random.nextGaussian()};
    }
    double[][] current = new double[1000][];
    for (int i = 0; i < current.length; i++) {
      double missing = i % 10 == 0 ? Double.NaN : random.nextGaussian();
      current[i] = new double[] {1 + random.nextGaussian(), missing, 100 + Math.sqrt(3) * random.nextGaussian()};
    }
    DriftReport report = FeatureDrift.of(List.of("mean_shift", "same", "variance_x3"), reference).report(current);
    DriftReport.Feature shifted = report.features().get(0);
    DriftReport.Feature same = report.features().get(1);
    DriftReport.Feature wider = report.features().get(2);
    assertThat(shifted.level()).isEqualTo(DriftThresholds.PsiLevel.SIGNIFICANT);
    assertThat(shifted.ksPValue()).isLessThan(1e-10);
    assertThat(wider.level()).isEqualTo(DriftThresholds.PsiLevel.SIGNIFICANT);
    assertThat(wider.ksShift()).isTrue();
    assertThat(same.level()).isEqualTo(DriftThresholds.PsiLevel.STABLE);
    assertThat(same.ksShift()).isFalse();
    assertThat(List.of(same.nReference(), same.nCurrent(), same.nMissing())).containsExactly(4000, 900, 100);
    assertThat(report.maxPsi()).isEqualTo(Math.max(shifted.psi(), wider.psi()));
    assertThat(report.drifted()).extracting(DriftReport.Feature::name).containsExactly("mean_shift", "variance_x3");
  }

  @Test
  void levelsFollowTheThresholds() {
    DriftThresholds t = DriftThresholds.DEFAULT;
    assertThat(t.psiLevel(0.099)).isEqualTo(DriftThresholds.PsiLevel.STABLE);
    assertThat(t.psiLevel(0.10)).isEqualTo(DriftThresholds.PsiLevel.MODERATE);
    assertThat(t.psiLevel(0.25)).isEqualTo(DriftThresholds.PsiLevel.MODERATE);
    assertThat(t.psiLevel(0.2501)).isEqualTo(DriftThresholds.PsiLevel.SIGNIFICANT);
    assertThatThrownBy(() -> new DriftThresholds(0.1, 0.25, 0.05, 0.01, 0, 0.05, 0.5, 0.53, 50))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ksClearPValue");
  }

  @Test
  void badArgumentsAreNamed() {
    double[][] reference = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> FeatureDrift.of(List.of("a", "a"), reference))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated");
    assertThatThrownBy(() -> FeatureDrift.of(List.of("a"), reference))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'reference[0]'");
    assertThatThrownBy(() -> FeatureDrift.of(List.of("a", "b"), reference).report(new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'current[0]'");
  }
}
