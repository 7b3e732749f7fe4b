package io.quantflow.models.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A two-feature model scored on seeded N(0,1) features, its reference the first 5000 rows. Windows of 500 rows,
 * checked every 50. The KS level is 0.001 rather than the default 0.01: each feature is re-tested on overlapping
 * windows 20 times per 1000 rows, and at 1 percent per check an unshifted feature does cross now and then.
 */
class DriftMonitorTest {
  private static final List<String> FEATURES = List.of("momentum_20", "volatility_20");
  private static final long T0_MICROS = 1_704_067_200_000_000L; // 2024-01-01T00:00:00Z
  private static final long MINUTE_MICROS = 60_000_000L;
  private static final DriftThresholds THRESHOLDS = new DriftThresholds(0.10, 0.25, 0.001, 0.05, 0.05, 0.10, 0.50,
      0.53, 50);
  private static final double[] ZERO = {0, 0};
  private static final double[] ONE = {1, 1};

  private static double predict(double[] x) {
    return 1 / (1 + Math.exp(-(0.8 * x[0] + 0.4 * x[1])));
  }

  private static DriftMonitor monitor() {
    Random random = new Random(42);
    double[][] reference = new double[5000][];
    double[] predictions = new double[reference.length];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      predictions[i] = predict(reference[i]);
    }
    return new DriftMonitor("momentum-gbt", FeatureDrift.of(FEATURES, reference),
        PopulationStability.reference(predictions), 500, 250, 50, 0.5, THRESHOLDS);
  }

  /** Streams {@code rows} rows with feature j from N(mean[j], sd[j]^2), one a minute; returns the alerts. */
  private static List<DriftAlert> stream(DriftMonitor monitor, DriftMonitor.State state, Random random, int rows,
      double[] mean, double[] sd) {
    List<DriftAlert> alerts = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double[] x = {mean[0] + sd[0] * random.nextGaussian(), mean[1] + sd[1] * random.nextGaussian()};
      alerts.addAll(monitor.observe(state, x, predict(x), T0_MICROS + state.observations * MINUTE_MICROS));
    }
    return alerts;
  }

  private static List<String> describe(List<DriftAlert> alerts) {
    return alerts.stream().map(a -> a.kind() + " " + a.subject()).toList();
  }

  @Test
  void meanShiftRaisesOneAlertPerKindForTheShiftedFeatureOnly() {
    DriftMonitor monitor = monitor();
    DriftMonitor.State state = monitor.newState();
    Random random = new Random(7);
    assertThat(stream(monitor, state, random, 1500, ZERO, ONE)).isEmpty();

    // momentum_20 moves to N(1, 1) and stays there for six windows: one alert each, not one per check
    List<DriftAlert> shifted = stream(monitor, state, random, 3000, new double[] {1, 0}, ONE);
    assertThat(describe(shifted)).containsExactlyInAnyOrder("FEATURE_KS momentum_20", "FEATURE_PSI momentum_20",
        "PREDICTION_PSI momentum-gbt");
    DriftAlert psi = shifted.stream().filter(a -> a.kind() == DriftAlert.Kind.FEATURE_PSI).findFirst().orElseThrow();
    assertThat(psi.value()).isGreaterThan(0.25);
    assertThat(psi.threshold()).isEqualTo(0.25);
    assertThat(psi.model()).isEqualTo("momentum-gbt");
    assertThat(psi.timestampMicros()).isBetween(T0_MICROS + 1500 * MINUTE_MICROS, T0_MICROS + 2000 * MINUTE_MICROS);
    assertThat(psi.message()).contains("'momentum_20'", "above 0.25", "quant train");
    assertThat(state.active).containsExactly(true, false, true, false, true, false, false);

    // back to N(0, 1): the alerts clear silently, and a second shift raises them again
    assertThat(stream(monitor, state, random, 2000, ZERO, ONE)).isEmpty();
    assertThat(state.active).containsOnly(false);
    assertThat(describe(stream(monitor, state, random, 1000, new double[] {1, 0}, ONE)))
        .containsExactlyInAnyOrder("FEATURE_KS momentum_20", "FEATURE_PSI momentum_20",
            "PREDICTION_PSI momentum-gbt");
  }

  @Test
  void tripledVarianceRaisesFeatureAlertsForThatFeatureOnly() {
    DriftMonitor monitor = monitor();
    DriftMonitor.State state = monitor.newState();
    Random random = new Random(8);
    assertThat(stream(monitor, state, random, 1000, ZERO, ONE)).isEmpty();
    List<DriftAlert> alerts = stream(monitor, state, random, 3000, ZERO, new double[] {1, Math.sqrt(3)});
    assertThat(describe(alerts.stream().filter(a -> a.kind() != DriftAlert.Kind.PREDICTION_PSI).toList()))
        .containsExactlyInAnyOrder("FEATURE_KS volatility_20", "FEATURE_PSI volatility_20");
  }

  @Test
  void predictionsUnrelatedToOutcomesRaiseIcDecay() {
    DriftMonitor monitor = monitor();
    DriftMonitor.State state = monitor.newState();
    Random random = new Random(9);
    int collapse = 1000;
    List<Integer> icAlerts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double signal = random.nextGaussian();
      // rank IC about 0.29 until the collapse, then outcomes independent of the predictions
      double realised = i < collapse ? 0.01 * (0.3 * signal + random.nextGaussian()) : 0.01 * random.nextGaussian();
      for (DriftAlert a : monitor.resolve(state, 1 / (1 + Math.exp(-signal)), realised, T0_MICROS + i)) {
        if (a.kind() == DriftAlert.Kind.IC_DECAY) {
          icAlerts.add(i);
          assertThat(a.value()).isLessThan(0.05);
          assertThat(a.subject()).isEqualTo("momentum-gbt");
          assertThat(a.message()).contains("rolling rank IC", "below the floor 0.050");
        }
      }
    }
    assertThat(icAlerts).isNotEmpty();
    // none while the model worked; the first once the 250-outcome window is mostly post-collapse
    assertThat(icAlerts.get(0)).isBetween(collapse, collapse + 400);
  }

  @Test
  void missingFeaturesAreCountedAndLeftOutOfTheWindow() {
    DriftMonitor monitor = monitor();
    DriftMonitor.State state = monitor.newState();
    monitor.observe(state, new double[] {Double.NaN, 0.3}, Double.NaN, T0_MICROS);
    monitor.observe(state, new double[] {Double.POSITIVE_INFINITY, 0.1}, 0.6, T0_MICROS + MINUTE_MICROS);
    assertThat(state.featurePsi[0].missing).isEqualTo(2);
    assertThat(state.featureWindows[0].size()).isZero();
    assertThat(state.featureWindows[1].toArray()).containsExactly(0.3, 0.1);
    assertThat(state.predictionWindow.toArray()).containsExactly(0.6);
    assertThatThrownBy(() -> monitor.observe(state, new double[] {1}, 0.5, T0_MICROS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> monitor.observe(new DriftMonitor.State(), new double[] {1, 2}, 0.5, T0_MICROS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'state'");
  }

  @Test
  void stateSurvivesSerializationMidStream() throws Exception {
    DriftMonitor monitor = monitor();
    DriftMonitor.State state = monitor.newState();
    stream(monitor, state, new Random(7), 1700, ZERO, ONE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
    }
    DriftMonitor.State copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (DriftMonitor.State) in.readObject();
    }
    List<DriftAlert> original = stream(monitor, state, new Random(1), 1000, new double[] {1, 0}, ONE);
    assertThat(original).isNotEmpty();
    assertThat(stream(monitor, copy, new Random(1), 1000, new double[] {1, 0}, ONE)).isEqualTo(original);
  }

  @Test
  void stateClassesFollowFlinkPojoRules() throws Exception {
    for (Class<?> type : List.of(DriftMonitor.State.class, PerformanceDecay.State.class, RingBuffer.class,
        PsiCounter.class)) {
      assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isTrue();
      assertThat(type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers())).isTrue();
      assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
      for (Field field : type.getDeclaredFields()) {
        int m = field.getModifiers();
        if (!Modifier.isStatic(m)) {
          assertThat(Modifier.isPublic(m) && !Modifier.isFinal(m) && !Modifier.isTransient(m))
              .as(type.getSimpleName() + "." + field.getName()).isTrue();
        }
      }
    }
  }
}
