package io.quantflow.models.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.models.ml.LabelInfo;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelInfo;
import io.quantflow.models.ml.ModelSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-symbol references, and the reference travelling in the artefact's bytes. */
class DriftReferenceTest {
  /** x[0] / d: a serializable predictor the artefact's filter admits (a lambda would not be). */
  record Scaled(double d) implements io.quantflow.models.ml.Predictor {
    @Override
    public double predict(double[] x) {
      return x[0] / d;
    }
  }

  @Test
  void eachSymbolWithEnoughRowsGetsItsOwnReferenceAndTheRestThePooledOne() {
    // AAA: 300 rows of x = 0..299; BBB: 300 rows of x = 1000..1299; CCC: 50 rows (too few for its own)
    int n = 650;
    double[][] x = new double[n][1];
    double[] scores = new double[n];
    String[] symbols = new String[n];
    for (int i = 0; i < n; i++) {
      symbols[i] = i < 300 ? "AAA" : i < 600 ? "BBB" : "CCC";
      x[i][0] = i < 300 ? i : i < 600 ? 700 + i : -i;
      scores[i] = i < 300 ? 0.25 : 0.75;
    }
    DriftReference ref = DriftReference.of(List.of("f"), x, scores, symbols, 0.5, 15);
    assertThat(ref.bySymbol()).containsOnlyKeys("AAA", "BBB");
    // AAA's KS sample is its own 300 values, sorted; BBB's its own
    assertThat(ref.forSymbol("AAA").features().ksReference(0)).hasSize(300).startsWith(0.0).endsWith(299.0);
    assertThat(ref.forSymbol("BBB").features().ksReference(0)).startsWith(1000.0).endsWith(1299.0);
    // CCC and an unknown symbol fall back to the pooled reference of all 650 rows
    assertThat(ref.forSymbol("CCC").features().ksReference(0)).hasSize(650);
    assertThat(ref.forSymbol("ZZZ").scores().n()).isEqualTo(650);
    // AAA's own window is not drifted against its own reference, but is against BBB's
    double[][] aaa = Arrays.copyOfRange(x, 0, 300);
    assertThat(ref.forSymbol("AAA").features().report(aaa).maxPsi()).isZero();
    assertThat(ref.forSymbol("BBB").features().report(aaa).maxPsi()).isGreaterThan(1);
  }

  @Test
  void theReferenceTravelsInTheArtefact() {
    double[][] x = new double[400][2];
    double[] y = new double[400];
    for (int i = 0; i < 400; i++) {
      x[i][0] = i % 17;
      x[i][1] = i % 5;
      y[i] = i % 2;
    }
    ModelSpec spec = ModelSpec.defaultSpec(List.of("a", "b"));
    ModelInfo info = ModelInfo.of(spec, LabelInfo.none(), 0, 1, x, y, null);
    DriftReference ref = DriftReference.of(List.of("a", "b"), x, y, null, 0.5, 15);
    io.quantflow.models.ml.Predictor p = new Scaled(17);
    ModelArtifact a = ModelArtifact.fromBytes(new ModelArtifact(info, p, ref).toBytes());
    assertThat(a.drift()).isNotNull();
    assertThat(a.drift().names()).containsExactly("a", "b");
    assertThat(a.drift().horizonBars()).isEqualTo(15);
    assertThat(a.drift().features().ksReference(0)).isEqualTo(ref.features().ksReference(0));
    // an artefact written without one reads back without one
    assertThat(ModelArtifact.fromBytes(new ModelArtifact(info, p).toBytes()).drift()).isNull();
  }
}
