package io.quantflow.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureRegimeModelTest {

  /** Rows and their true regime: 0 calm (return vol 0.5%), 1 wild (2%), 60/40, drawn independently. */
  private record Regimes(double[][] x, int[] truth) {}

  /**
   * Features: the bar return, the log of its volatility measured with noise (sd 0.2), and a turnover feature whose
   * spread is {@code calmTurnoverSd} in the calm regime and 0.5 in the wild one.
   */
  private static Regimes regimes(int n, double calmTurnoverSd, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][3];
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = random.nextDouble() < 0.6 ? 0 : 1;
      double vol = truth[i] == 0 ? 0.005 : 0.02;
      x[i][0] = vol * Synthetic.gaussian(random);
      x[i][1] = Math.log(vol) + 0.2 * Synthetic.gaussian(random);
      x[i][2] = (truth[i] == 0 ? calmTurnoverSd : 0.5) * Synthetic.gaussian(random);
    }
    return new Regimes(x, truth);
  }

  private static ModelSpec spec(String volatilityFeature) {
    return new ModelSpec("regime", ModelType.GAUSSIAN_MIXTURE_REGIME, null, List.of("ret", "logVol", "turnover"),
        Hyperparameters.none().withVolatilityFeature(volatilityFeature), null, 42);
  }

  private static double agreement(Predictor model, Regimes data) {
    int same = 0;
    for (int i = 0; i < data.x().length; i++) {
      same += (int) model.predict(data.x()[i]) == data.truth()[i] ? 1 : 0;
    }
    return (double) same / data.x().length;
  }

  @Test
  void recoversTwoVolatilityRegimesWithTheCalmOneFirst() {
    Regimes data = regimes(1500, 0.5, 1);
    GaussianMixtureRegimeModel model = Trainer.fitRegime(spec(null), data.x());

    assertThat(model.regimes()).isEqualTo(2);
    assertThat(agreement(model, data)).isGreaterThan(0.9);
    assertThat(model.variance(0, 0)).isLessThan(model.variance(1, 0));
    assertThat(Math.sqrt(model.variance(0, 0))).isCloseTo(0.005, within(0.001));
    assertThat(Math.sqrt(model.variance(1, 0))).isCloseTo(0.02, within(0.003));
    assertThat(model.prior(0)).isCloseTo(0.6, within(0.05));
    assertThat(model.mean(0)[1]).isCloseTo(Math.log(0.005), within(0.05));
    double[] posterior = model.posteriori(data.x()[0]);
    assertThat(posterior[0] + posterior[1]).isCloseTo(1.0, within(1e-12));
    // far outside both components: Smile's own posteriori would divide 0 by 0; ours stays finite
    double[] far = model.posteriori(new double[] {5.0, 10.0, 50.0});
    assertThat(far[0] + far[1]).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theLabellingDoesNotDependOnTheSeed() {
    Regimes data = regimes(1500, 0.5, 2);
    Predictor a = Trainer.fitRegime(spec(null), data.x());
    Predictor b = Trainer.fitRegime(spec(null).withSeed(7), data.x());
    Predictor c = Trainer.fitRegime(spec(null).withSeed(123456789), data.x());
    int differ = 0;
    for (double[] row : data.x()) {
      differ += a.predict(row) != b.predict(row) || a.predict(row) != c.predict(row) ? 1 : 0;
    }
    assertThat(differ).isLessThan(15); // under 1 percent
  }

  /**
   * Calm bars here trade with widely spread turnover (sd 1.5), so the calm component has the larger covariance trace:
   * ordering by trace makes it regime 1, while naming logVol as the volatility feature makes it regime 0.
   */
  @Test
  void aNamedVolatilityFeatureOrdersTheRegimes() {
    Regimes data = regimes(1500, 1.5, 3);
    Predictor byTrace = Trainer.fitRegime(spec(null), data.x());
    Predictor byVolatility = Trainer.fitRegime(spec("logVol"), data.x());
    assertThat(agreement(byVolatility, data)).isGreaterThan(0.9);
    assertThat(agreement(byTrace, data)).isLessThan(0.1);
  }

  @Test
  void checksItsArguments() {
    assertThatThrownBy(() -> spec("vol")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'volatilityFeature' must be one of the features [ret, logVol, turnover] but was 'vol'");
    assertThatThrownBy(() -> Trainer.fitRegime(spec(null), new double[][] {{1, 2, 3}, {2, 3, 4}, {0, 1, 1}}))
        .hasMessageContaining("'x' must have at least 2 rows per mixture component (4) but has 3");
    GaussianMixtureRegimeModel model = Trainer.fitRegime(spec(null), regimes(300, 0.5, 4).x());
    assertThatThrownBy(() -> model.mean(2)).hasMessage("Argument 'regime' must be in [0, 2) but was 2");
    assertThat(Arrays.stream(Synthetic.predictAll(model, regimes(50, 0.5, 5).x())).distinct().sorted().toArray())
        .containsExactly(0.0, 1.0);
  }
}
