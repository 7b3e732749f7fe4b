package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleMomentsTest {
  @Test
  void biasCorrectedMomentsOfSixReturns() {
    // 0.01, -0.02, 0.03, -0.01, -0.05, 0.02: mean -0.02 / 6; m2 = 0.00072222, m3 = -9.0740741e-6,
    // m4 = 1.0640741e-6; sd = sqrt(6 m2 / 5), G1 = sqrt(30) / 4 m3 / m2^1.5, G2 = 5 / 12 (7 (m4 / m2^2 - 3) + 6)
    // (mpmath: sd 0.029439202887759490, G1 -0.64017201545867529, G2 -0.3)
    SampleMoments m = SampleMoments.of(new double[] {0.01, -0.02, 0.03, -0.01, -0.05, 0.02});
    assertThat(m.observations()).isEqualTo(6);
    assertThat(m.mean()).isCloseTo(-0.02 / 6, within(1e-17));
    assertThat(m.standardDeviation()).isCloseTo(0.029439202887759490, within(1e-16));
    assertThat(m.skewness()).isCloseTo(-0.64017201545867529, within(1e-13));
    assertThat(m.excessKurtosis()).isCloseTo(-0.3, within(1e-13));
  }

  @Test
  void shortSeriesGiveNaN() {
    SampleMoments three = SampleMoments.of(new double[] {0.01, 0.02, 0.06});
    assertThat(three.standardDeviation()).isCloseTo(Math.sqrt((0.0004 + 0.0001 + 0.0009) / 2), within(1e-16));
    assertThat(three.excessKurtosis()).isNaN();
    assertThat(SampleMoments.of(new double[] {0.01}).standardDeviation()).isNaN();
    assertThat(SampleMoments.of(new double[0]).mean()).isNaN();
  }
}
