package io.quantflow.models.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {
  private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void quartileBinsOfOneToTen() {
    // q(j/4) = sorted[ceil(10 j / 4) - 1]: sorted[2] = 3, sorted[4] = 5, sorted[7] = 8
    // bins (-inf,3] (3,5] (5,8] (8,inf) hold {1,2,3} {4,5} {6,7,8} {9,10}
    PopulationStability.Reference ref = PopulationStability.reference(ONE_TO_TEN, 4);
    assertThat(ref.edges()).containsExactly(3, 5, 8);
    assertThat(ref.expected()).containsExactly(new double[] {0.3, 0.2, 0.3, 0.2}, within(1e-15));
    assertThat(ref.n()).isEqualTo(10);
    assertThat(ref.bin(3)).isEqualTo(0);
    assertThat(ref.bin(3.0001)).isEqualTo(1);
    assertThat(ref.bin(Double.POSITIVE_INFINITY)).isEqualTo(3);
  }

  @Test
  void psiOfASmallSampleByHand() {
    PopulationStability.Reference ref = PopulationStability.reference(ONE_TO_TEN, 4);
    // actual {1,2 | 4 | 6,7,8 | 9,10}: shares .25 .125 .375 .25 against .3 .2 .3 .2
    // (-.05) ln(.25/.3) + (-.075) ln(.125/.2) + .075 ln(.375/.3) + .05 ln(.25/.2)
    //   = .0091161 + .0352504 + .0167358 + .0111572 = .0722595
    double[] actual = {1, 2, 4, 6, 7, 8, 9, 10};
    assertThat(PopulationStability.psi(ref, actual)).isCloseTo(0.0722595, within(1e-6));
  }

  @Test
  void anEmptyBinIsFlooredAtEpsilonAndNaNIsCountedApart() {
    PopulationStability.Reference ref = PopulationStability.reference(ONE_TO_TEN, 4);
    // actual {} | {4,5} | {6,7,8} | {9,10,12} plus one NaN: shares 1e-4 (floored), .25, .375, .375
    double[] actual = {4, 5, 6, 7, 8, 9, 10, 12, Double.NaN};
    double expected = (1e-4 - 0.3) * Math.log(1e-4 / 0.3) + 0.05 * Math.log(0.25 / 0.2)
        + 0.075 * Math.log(0.375 / 0.3) + 0.175 * Math.log(0.375 / 0.2); // 2.40111 + .01116 + .01674 + .11001
    assertThat(expected).isCloseTo(2.53901, within(1e-5));
    assertThat(PopulationStability.psi(ref, actual)).isCloseTo(expected, within(1e-12));
    PsiCounter counter = new PsiCounter(ref);
    for (double x : actual) {
      counter.add(x);
    }
    assertThat(counter.counts).containsExactly(0, 2, 3, 3);
    assertThat(counter.missing).isEqualTo(1);
    assertThat(counter.total()).isEqualTo(8);
    assertThat(counter.psi()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void tiedEdgesAreMergedAndTheMaximumIsNotAnEdge() {
    // q = sorted[2], sorted[4], sorted[7] = 0, 0, 1: edges {0, 1}; bins hold 7, 1, 2
    PopulationStability.Reference ref = PopulationStability.reference(new double[] {0, 0, 0, 0, 0, 0, 0, 1, 2, 3}, 4);
    assertThat(ref.edges()).containsExactly(0, 1);
    assertThat(ref.expected()).containsExactly(new double[] {0.7, 0.1, 0.2}, within(1e-15));
    // q = 3, 3, 3 = the maximum: a bin above it would be empty in the reference, so a single bin is left
    PopulationStability.Reference flat = PopulationStability.reference(new double[] {1, 2, 3, 3, 3, 3, 3, 3, 3, 3}, 4);
    assertThat(flat.edges()).isEmpty();
    assertThat(PopulationStability.psi(flat, new double[] {-5, 100})).isZero();
  }

  @Test
  void identicalDistributionsHaveNearZeroPsi() {
    Random random = new Random(11);
    double[] reference = new double[20_000];
    double[] sameLaw = new double[20_000];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = random.nextGaussian();
      sameLaw[i] = random.nextGaussian();
    }
    PopulationStability.Reference ref = PopulationStability.reference(reference);
    assertThat(ref.bins()).isEqualTo(10);
    assertThat(PopulationStability.psi(ref, reference)).isCloseTo(0, within(1e-15));
    // sampling noise alone: E[PSI] is about (bins - 1) (1/n + 1/m) = 0.0009
    assertThat(PopulationStability.psi(ref, sameLaw)).isBetween(0.0, 0.005);
  }

  @Test
  void counterWithRemovalsMatchesTheBatchPsiOfWhatIsLeft() {
    PopulationStability.Reference ref = PopulationStability.reference(ONE_TO_TEN, 4);
    PsiCounter counter = new PsiCounter(ref);
    for (double x : new double[] {-3, 1, 2, 4, 6, 7, 8, 9, 10, 11}) {
      counter.add(x);
    }
    counter.remove(-3);
    counter.remove(11);
    assertThat(counter.psi()).isCloseTo(0.0722595, within(1e-6));
    assertThat(new PsiCounter(ref).psi()).isNaN();
    assertThatThrownBy(() -> new PsiCounter(ref).remove(5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> PopulationStability.reference(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sample'");
    assertThatThrownBy(() -> PopulationStability.reference(ONE_TO_TEN, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bins'");
    assertThatThrownBy(() -> new PopulationStability.Reference(new double[] {2, 1}, new double[] {.3, .3, .4}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'edges'");
  }
}
