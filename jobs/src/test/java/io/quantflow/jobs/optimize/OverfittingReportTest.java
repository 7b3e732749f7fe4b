package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.optimize.ParameterSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverfittingReportTest {
  private static TrialOutcome trial(int id, long[] times, double[] equity) {
    return new TrialOutcome(id, new ParameterSet(Map.of("x", id)), JobConfig.defaults(), 0,
        new TrialEvaluator.TrialResult(times, equity, Map.of(), 252));
  }

  @Test
  void blocksAreTheLargestEvenCountUpTo16WithTwoRowsEach() {
    assertThat(OverfittingReport.blocks(119)).isEqualTo(16); // 119 / 2 = 59, capped at 16
    assertThat(OverfittingReport.blocks(32)).isEqualTo(16);
    assertThat(OverfittingReport.blocks(31)).isEqualTo(14); // 15 is odd
    assertThat(OverfittingReport.blocks(10)).isEqualTo(4); // 5 is odd
    assertThat(OverfittingReport.blocks(4)).isEqualTo(2);
    assertThat(OverfittingReport.blocks(3)).isEqualTo(0); // no even count leaves 2 rows per block
  }

  @Test
  void curvesOnTheSameInstantsGiveTheirReturnsDirectly() {
    OverfittingReport.Matrix m = OverfittingReport.returnMatrix(List.of(
        trial(0, new long[] {1, 2, 3}, new double[] {100, 110, 121}),
        trial(1, new long[] {1, 2, 3}, new double[] {100, 90, 99})));
    assertThat(m.aligned()).isFalse();
    // 110/100 - 1 = 0.10, 121/110 - 1 = 0.10; 90/100 - 1 = -0.10, 99/90 - 1 = 0.10
    assertThat(m.returns()[0]).containsExactly(new double[] {0.10, -0.10}, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m.returns()[1]).containsExactly(new double[] {0.10, 0.10}, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void curvesOnDifferentInstantsAreAlignedOnTheCommonOnes() {
    // common instants 1, 3, 4: trial 0 at 100, 121, 133.1; trial 1 at 100, 80, 88
    OverfittingReport.Matrix m = OverfittingReport.returnMatrix(List.of(
        trial(0, new long[] {1, 2, 3, 4}, new double[] {100, 110, 121, 133.1}),
        trial(1, new long[] {1, 3, 4, 5}, new double[] {100, 80, 88, 70})));
    assertThat(m.aligned()).isTrue();
    assertThat(m.returns()).hasDimensions(2, 2);
    // 121/100 - 1 = 0.21, 80/100 - 1 = -0.20; 133.1/121 - 1 = 0.10, 88/80 - 1 = 0.10
    assertThat(m.returns()[0]).containsExactly(new double[] {0.21, -0.20}, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m.returns()[1]).containsExactly(new double[] {0.10, 0.10}, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void oneTrialHasNoPboAndSaysSo() {
    TrialOutcome t = trial(0, new long[] {1, 2, 3, 4, 5, 6},
        new double[] {100, 101, 100.5, 102, 101, 103});
    OverfittingReport r = OverfittingReport.of(List.of(t), t);
    assertThat(r.pbo()).isNull();
    assertThat(r.trials()).isEqualTo(1);
    assertThat(r.expectedMaxSharpe()).isZero(); // the best of one skill-less trial is its mean, 0
    assertThat(r.notes()).contains("PBO needs at least 2 trials");
  }
}
