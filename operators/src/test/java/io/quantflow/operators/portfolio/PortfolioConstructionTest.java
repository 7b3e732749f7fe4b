package io.quantflow.operators.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Order;
import io.quantflow.domain.RoutedOrder;
import io.quantflow.domain.Signal;
import io.quantflow.domain.testing.SampleBars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Portfolio construction and rebalancing in the simulator, on flat 1m bars (open = close) worked out by hand:
 * frictionless fills at the next bar's open, USD 100,000.
 */
class PortfolioConstructionTest {
  private static final long T0 = 1_549_895_400_000_000L; // Monday 2019-02-11T14:30Z, 09:30 New York
  private static final long MIN = 60_000_000L;
  private static final long DAY = 86_400_000_000L;
  private static final double A_VOL = 0.02; // daily return size of A
  private static final double B_VOL = 0.01; // of B

  /** A simulator fed instant by instant, collecting everything it emits. */
  private static final class Run {
    final SimulationConfig config;
    PortfolioSimulator sim;
    final PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();

    Run(SimulationConfig config) {
      this.config = config;
      this.sim = new PortfolioSimulator(config);
    }

    /** The 1m bars starting at {@code start} at {@code prices}, then {@code signals} at their close. */
    Run at(long start, Map<String, Double> prices, Signal... signals) {
      long t = start + MIN;
      sim.beginInstant(t, out);
      new TreeMap<>(prices).forEach((sym, p) -> sim.onBar(sym, start, p, p, p, p, 1e6, Double.NaN, out));
      for (Signal s : signals) {
        sim.onSignal(s, out);
      }
      sim.endInstant(t, true, out);
      return this;
    }

    List<Order> submitted() {
      return out.routed.stream().filter(RoutedOrder::isSubmit).map(RoutedOrder::order).toList();
    }

    /** What a rebalance now would target. */
    PortfolioConstructor.Targets targets() {
      return new PortfolioConstructor(config).targets(sim.state(), sim.equity());
    }
  }

  private static SimulationConfig config(int universe, double grossLeverage, Construction c) {
    return SimulationConfig.frictionless(100_000, universe, grossLeverage, 0).withConstruction(c);
  }

  private static Signal signal(String symbol, long decision, Direction d, double strength) {
    return new Signal(symbol, decision, d, strength, DAY, "test");
  }

  /** {@code start} compounded by {@code +-size} returns: element k is the close of day k. */
  private static double[] closes(double start, double size, int... signs) {
    double[] c = new double[signs.length + 1];
    c[0] = start;
    for (int k = 0; k < signs.length; k++) {
      c[k + 1] = c[k] * (1 + signs[k] * size);
    }
    return c;
  }

  // A alternates +2%, -2% and B goes +1%, +1%, -1%, -1%: over any 4 days both means are 0 and the covariance is 0
  private static final double[] A = closes(100, A_VOL, 1, -1, 1, -1, 1, -1, 1);
  private static final double[] B = closes(50, B_VOL, 1, 1, -1, -1, 1, 1, -1);

  /** Days 0-4 without signals (the closes fill a 4-return lookback), then LONG A and B at day 5's first close. */
  private static Run riskParity(Construction c) {
    return riskParity(c, Direction.LONG);
  }

  private static Run riskParity(Construction c, Direction b) {
    Run run = new Run(config(2, 0.8, c));
    for (int d = 0; d < 5; d++) {
      run.at(T0 + d * DAY, Map.of("A", A[d], "B", B[d]));
    }
    long t = T0 + 5 * DAY + MIN;
    return run.at(T0 + 5 * DAY, Map.of("A", A[5], "B", B[5]), signal("A", t, Direction.LONG, 1),
        signal("B", t, b, 1));
  }

  @Test
  void riskParityOnTwoUncorrelatedSymbolsWeightsInverselyToVolatility() {
    Run run = riskParity(Construction.of("risk-parity").withCovariance("sample", 4));
    // closed form for two assets: w1 = sigma2 / (sigma1 + sigma2) of the budget, here grossLeverage 0.8
    double wa = 0.8 * B_VOL / (A_VOL + B_VOL);
    double wb = 0.8 * A_VOL / (A_VOL + B_VOL);
    PortfolioConstructor.Targets targets = run.targets();
    assertThat(targets.basis()).isEqualTo("risk-parity");
    assertThat(targets.weights()[0]).isCloseTo(wa, within(1e-9));
    assertThat(targets.weights()[1]).isCloseTo(wb, within(1e-9));
    // nothing traded before (no signals), so equity is the initial cash; shares floor towards zero
    long t = T0 + 5 * DAY + MIN;
    assertThat(run.submitted()).extracting(Order::symbol, Order::quantity, Order::decisionMicros).containsExactly(
        tuple("A", Math.floor(wa * 100_000 / A[5]), t), tuple("B", Math.floor(wb * 100_000 / B[5]), t));
    // a SHORT signal sizes in its own direction: the same risk budget, short
    double[] shortB = riskParity(Construction.of("risk-parity").withCovariance("sample", 4), Direction.SHORT)
        .targets().weights();
    assertThat(shortB[0]).isCloseTo(wa, within(1e-9));
    assertThat(shortB[1]).isCloseTo(-wb, within(1e-9));
  }

  @Test
  void factorCovarianceIsTheMarketPlusSectorsModelOfTheCandidatesRawReturns() {
    double[] c = closes(80, 0.015, 1, 1, 1, -1, 1, -1, 1); // not orthogonal to A and B, with a mean
    Construction construction = Construction.of("risk-parity").withCovariance("factor", 4);
    Map<String, String> sectors = Map.of("A", "tech", "B", "tech", "C", "banks");
    Run run = new Run(config(3, 0.8, construction).withLimits(
        io.quantflow.models.risk.limits.RiskLimits.none(), sectors));
    for (int d = 0; d < 5; d++) {
      run.at(T0 + d * DAY, Map.of("A", A[d], "B", B[d], "C", c[d]));
    }
    long t = T0 + 5 * DAY + MIN;
    run.at(T0 + 5 * DAY, Map.of("A", A[5], "B", B[5], "C", c[5]), signal("A", t, Direction.LONG, 1),
        signal("B", t, Direction.LONG, 1), signal("C", t, Direction.SHORT, 1));
    // the lookback: the closes of days 0-4, 4 daily returns per symbol; the market is their equal-weighted mean
    double[][] raw = new double[3][4];
    for (int k = 0; k < 4; k++) {
      raw[0][k] = A[k + 1] / A[k] - 1;
      raw[1][k] = B[k + 1] / B[k] - 1;
      raw[2][k] = c[k + 1] / c[k] - 1;
    }
    double[][] s = io.quantflow.models.portfolio.FactorCovariance.estimate(raw, List.of("tech", "tech", "banks"))
        .covariance().matrix();
    int[] dir = {1, 1, -1};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        s[i][j] *= dir[i] * dir[j]; // to signal space: C is short
      }
    }
    double[] expected = new io.quantflow.models.portfolio.RiskParity(Map.of()).optimize(
        new io.quantflow.models.portfolio.PortfolioProblem(List.of("A", "B", "C"),
            io.quantflow.models.portfolio.Covariance.of(s), null,
            io.quantflow.models.portfolio.Constraints.defaults().withBudget(0.8))).weightArray();
    PortfolioConstructor.Targets targets = run.targets();
    assertThat(targets.basis()).isEqualTo("risk-parity");
    for (int i = 0; i < 3; i++) {
      assertThat(targets.weights()[i]).as("symbol %d", i).isCloseTo(dir[i] * expected[i], within(1e-9));
    }
    // the model keeps the sample variances (OLS residuals) but not every sample covariance
    double[][] sample = io.quantflow.models.portfolio.SampleCovariance.estimate(raw).matrix();
    for (int i = 0; i < 3; i++) {
      assertThat(s[i][i]).isCloseTo(sample[i][i], within(1e-15));
    }
    // A and B are uncorrelated in the sample but share the tech factor: 8.89e-5 (computed independently in numpy)
    assertThat(sample[0][1]).isCloseTo(0, within(1e-18));
    assertThat(s[0][1]).isCloseTo(8.888888888888889e-5, within(1e-12));
    assertThatThrownBy(() -> Construction.of("risk-parity").withCovariance("factor", 3))
        .hasMessageContaining("'lookbackDays' must be at least 4 for covariance factor");
  }

  @Test
  void aTargetVolatilityAboveTheExAnteVolatilityScalesEveryWeightDown() {
    Run run = riskParity(Construction.of("risk-parity").withCovariance("sample", 4).withTargetVolatility(0.10));
    double wa = 0.8 * B_VOL / (A_VOL + B_VOL);
    double wb = 0.8 * A_VOL / (A_VOL + B_VOL);
    // sample variances 4 s^2 / 3 (4 returns of +-s, mean 0, divisor 3), covariance 0, 252 days a year
    double vol = Math.sqrt(252 * 4.0 / 3 * (wa * wa * A_VOL * A_VOL + wb * wb * B_VOL * B_VOL));
    assertThat(vol).isCloseTo(0.1383, within(1e-4));
    double scale = 0.10 / vol;
    PortfolioConstructor.Targets targets = run.targets();
    assertThat(targets.volatilityScale()).isCloseTo(scale, within(1e-9));
    assertThat(targets.weights()[0]).isCloseTo(wa * scale, within(1e-9));
    assertThat(targets.weights()[1]).isCloseTo(wb * scale, within(1e-9));
    assertThat(run.submitted()).extracting(Order::quantity).containsExactly(
        Math.floor(wa * scale * 100_000 / A[5]), Math.floor(wb * scale * 100_000 / B[5]));
    // a limit above the ex-ante volatility changes nothing
    assertThat(riskParity(Construction.of("risk-parity").withCovariance("sample", 4).withTargetVolatility(0.2))
        .targets().volatilityScale()).isEqualTo(1.0);
  }

  @Test
  void meanVarianceTakesGrinoldAlphasFromTheSignals() {
    PortfolioConstructor.Targets mv = riskParity(Construction.of("mean-variance").withCovariance("sample", 4))
        .targets();
    assertThat(mv.basis()).isEqualTo("mean-variance");
    // mu_i = strength x IC x sigma_i with sigma_i^2 = v_i = 4 s_i^2 / 3; with S diagonal and an interior optimum of
    // max mu'w - (gamma / 2) w'Sw, sum w = 0.8: w_i = (mu_i - eta) / (gamma v_i), eta from the budget
    double gamma = 2.5;
    double[] v = {4 * A_VOL * A_VOL / 3, 4 * B_VOL * B_VOL / 3};
    double[] mu = {0.05 * Math.sqrt(v[0]), 0.05 * Math.sqrt(v[1])};
    double eta = (mu[0] / (gamma * v[0]) + mu[1] / (gamma * v[1]) - 0.8) / (1 / (gamma * v[0]) + 1 / (gamma * v[1]));
    assertThat(mv.weights()[0]).isCloseTo((mu[0] - eta) / (gamma * v[0]), within(1e-6));
    assertThat(mv.weights()[1]).isCloseTo((mu[1] - eta) / (gamma * v[1]), within(1e-6));
    assertThat(mv.weights()[0]).isCloseTo(0.5064, within(1e-4));
    // black-litterman runs its optimiser too (no fallback) and spends the budget
    PortfolioConstructor.Targets bl = riskParity(Construction.of("black-litterman").withCovariance("sample", 4))
        .targets();
    assertThat(bl.basis()).isEqualTo("black-litterman");
    assertThat(bl.weights()[0] + bl.weights()[1]).isCloseTo(0.8, within(1e-6));
    assertThat(Math.min(bl.weights()[0], bl.weights()[1])).isPositive();
  }

  @Test
  void beforeAFullLookbackTheWeightsFallBackToInverseVolatilityThenEqualWeights() {
    Construction c = Construction.of("minimum-variance").withCovariance("ledoit-wolf", 10);
    Run run = riskParity(c); // 5 closes of the 11 the lookback needs
    PortfolioConstructor.Targets targets = run.targets();
    assertThat(targets.basis()).isEqualTo("inverse-volatility (fallback)");
    // sigma from the simulator's EWMA of daily variance, so the weights are 1 / sigma normalised to the budget
    double[] v = run.sim.state().dailyVariance;
    double ia = 1 / Math.sqrt(v[0]);
    double ib = 1 / Math.sqrt(v[1]);
    assertThat(targets.weights()[0]).isCloseTo(0.8 * ia / (ia + ib), within(1e-12));
    // on the first day there is no variance yet: equal weights
    Run first = new Run(config(2, 0.8, c)).at(T0, Map.of("A", 100.0, "B", 50.0),
        signal("A", T0 + MIN, Direction.LONG, 1), signal("B", T0 + MIN, Direction.LONG, 1));
    assertThat(first.submitted()).extracting(Order::quantity).containsExactly(400.0, 800.0);
    // neither fallback is silent: each rebalance with a new reason is a "construction" row of the rejected output
    assertThat(first.out.rejected).singleElement().satisfies(r -> {
      assertThat(r.stage()).isEqualTo("construction");
      assertThat(r.reason()).isEqualTo("minimum-variance could not size the book (0 of the 10 daily returns of "
          + "portfolio.construction.lookbackDays so far), so equal-weight (fallback) weights were used; later "
          + "rebalances with the same reason are not reported again");
    });
    assertThat(run.out.rejected).extracting(r -> r.reason().substring(0, r.reason().indexOf(" weights")))
        .containsExactly("minimum-variance could not size the book (4 of the 10 daily returns of "
            + "portfolio.construction.lookbackDays so far), so inverse-volatility (fallback)");
  }

  @Test
  void dailyRebalancingTradesOnlyWhenASessionsFirstBarCloses() {
    // one symbol, two bars a session; LONG in the middle of Monday, FLAT in the middle of Tuesday
    Construction daily = Construction.of("equal-weight").withRebalance("daily");
    List<Order> orders = twoBarSessions(daily, 3, true);
    assertThat(orders).extracting(Order::decisionMicros, Order::quantity).containsExactly(
        tuple(T0 + DAY + MIN, 1000.0), tuple(T0 + 2 * DAY + MIN, -1000.0));
    // rebalancing on signals trades at the signals instead
    assertThat(twoBarSessions(Construction.of("equal-weight"), 3, true)).extracting(Order::decisionMicros)
        .containsExactly(T0 + 2 * MIN, T0 + DAY + 2 * MIN);
    // weekly (without the FLAT): Monday's LONG waits for the next Monday's first bar, 2019-02-18
    assertThat(twoBarSessions(Construction.of("equal-weight").withRebalance("weekly"), 8, false))
        .extracting(Order::decisionMicros, Order::quantity).containsExactly(tuple(T0 + 7 * DAY + MIN, 1000.0));
    // every 3 instants with bars: at the 3rd (Tuesday's first) and the 6th (Wednesday's second)
    assertThat(twoBarSessions(Construction.of("equal-weight").withRebalance("3"), 3, true))
        .extracting(Order::decisionMicros).containsExactly(T0 + DAY + MIN, T0 + 2 * DAY + 2 * MIN);
  }

  /** {@code days} sessions of two bars; LONG at Monday's second bar, FLAT at Tuesday's if {@code flat}. */
  private static List<Order> twoBarSessions(Construction c, int days, boolean flat) {
    Run run = new Run(config(1, 1.0, c));
    for (int d = 0; d < days; d++) {
      long open = T0 + d * DAY;
      run.at(open, Map.of("A", 100.0));
      Signal s = d == 0 ? signal("A", open + 2 * MIN, Direction.LONG, 1)
          : d == 1 && flat ? signal("A", open + 2 * MIN, Direction.FLAT, 0) : null;
      if (s != null) {
        run.at(open + MIN, Map.of("A", 100.0), s);
      } else {
        run.at(open + MIN, Map.of("A", 100.0));
      }
    }
    return run.submitted();
  }

  @Test
  void aThresholdSuppressesASmallReweightAndLetsABigOneThrough() {
    Construction c = Construction.of("equal-weight").withRebalance("daily").withThreshold(0.02);
    List<Order> orders = drift(c);
    // day 0: 50,000 USD each; day 2 (A +3%): weights 0.5074 / 0.4926, within 0.02 of 0.5; day 3 (A +20%):
    // 60,000 / 110,000 = 0.545, beyond it: A to floor(55,000 / 120) = 458 shares, B to 1100
    assertThat(orders).extracting(Order::decisionMicros, Order::symbol, Order::quantity).containsExactly(
        tuple(T0 + MIN, "A", 500.0), tuple(T0 + MIN, "B", 1000.0),
        tuple(T0 + 3 * DAY + MIN, "A", -42.0), tuple(T0 + 3 * DAY + MIN, "B", 100.0));
    // without the band the small drift trades too
    assertThat(drift(c.withThreshold(0))).extracting(Order::decisionMicros)
        .contains(T0 + 2 * DAY + MIN);
  }

  private static List<Order> drift(Construction c) {
    Run run = new Run(config(2, 1.0, c));
    run.at(T0, Map.of("A", 100.0, "B", 50.0), signal("A", T0 + MIN, Direction.LONG, 1),
        signal("B", T0 + MIN, Direction.LONG, 1));
    run.at(T0 + DAY, Map.of("A", 100.0, "B", 50.0));
    run.at(T0 + 2 * DAY, Map.of("A", 103.0, "B", 50.0));
    run.at(T0 + 3 * DAY, Map.of("A", 120.0, "B", 50.0));
    return run.submitted();
  }

  @Test
  void inADrawdownBeyondTheLimitTargetsAreScaled() {
    Construction c = Construction.of("equal-weight").withRebalance("daily").withDrawdownRule(0.1, 0.5);
    Run run = new Run(config(2, 1.0, c));
    run.at(T0, Map.of("A", 100.0, "B", 50.0), signal("A", T0 + MIN, Direction.LONG, 1),
        signal("B", T0 + MIN, Direction.LONG, 1));
    run.at(T0 + DAY, Map.of("A", 100.0, "B", 50.0)); // filled: 500 A, 1000 B, equity 100,000 (the peak)
    run.at(T0 + 2 * DAY, Map.of("A", 95.0, "B", 47.5)); // -5 %: inside the limit, no change
    assertThat(run.targets().drawdownScale()).isEqualTo(1.0);
    run.at(T0 + 3 * DAY, Map.of("A", 80.0, "B", 40.0)); // -20 %: equity 80,000, half of 0.5 each
    PortfolioConstructor.Targets t = run.targets();
    assertThat(t.drawdownScale()).isEqualTo(0.5);
    assertThat(t.weights()).containsExactly(0.25, 0.25);
    // 0.25 x 80,000 = 20,000 USD: 250 A and 500 B
    assertThat(run.submitted()).extracting(Order::decisionMicros, Order::quantity).endsWith(
        tuple(T0 + 3 * DAY + MIN, -250.0), tuple(T0 + 3 * DAY + MIN, -500.0));
  }

  @Test
  void aCandidateCorrelatedWithTheBookGetsNoWeight() {
    // A is held; B moves exactly like A, C exactly against it
    double[] a = closes(100, 0.02, 1, -1, -1, 1, 1, -1);
    double[] b = closes(50, 0.02, 1, -1, -1, 1, 1, -1);
    double[] cc = closes(80, 0.02, -1, 1, 1, -1, -1, 1);
    Construction c = Construction.of("equal-weight").withCovariance("sample", 4).withMaxCorrelation(0.5);
    Run run = new Run(config(3, 1.0, c));
    run.at(T0, Map.of("A", a[0], "B", b[0], "C", cc[0]), signal("A", T0 + MIN, Direction.LONG, 1));
    for (int d = 1; d < 5; d++) {
      run.at(T0 + d * DAY, Map.of("A", a[d], "B", b[d], "C", cc[d]));
    }
    long t = T0 + 5 * DAY + MIN;
    run.at(T0 + 5 * DAY, Map.of("A", a[5], "B", b[5], "C", cc[5]), signal("B", t, Direction.LONG, 1),
        signal("C", t, Direction.LONG, 1));
    // correlations with the book (all A): B +1, dropped; C -1, kept; A is the book itself
    assertThat(run.targets().weights()).containsExactly(0.5, 0.0, 0.5);
    assertThat(run.submitted()).extracting(Order::symbol).containsExactly("A", "A", "C");
    // without the limit B gets a third
    Run free = new Run(config(3, 1.0, c.withMaxCorrelation(Double.NaN)));
    free.sim.restore(run.sim.state());
    assertThat(free.targets().weights()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
  }

  @Test
  void theStateWithItsHistoryIsAFlinkPojoThatSurvivesACheckpoint() throws Exception {
    assertThat(TypeInformation.of(PortfolioState.class)).isInstanceOf(PojoTypeInfo.class);
    SerializerConfigImpl sc = new SerializerConfigImpl();
    sc.setGenericTypes(false); // fail rather than fall back to Kryo
    TypeSerializer<PortfolioState> serializer = TypeInformation.of(PortfolioState.class).createSerializer(sc);
    Construction c = Construction.of("risk-parity").withCovariance("sample", 4).withRebalance("daily");
    Run straight = new Run(config(2, 0.8, c));
    Run resumed = new Run(config(2, 0.8, c));
    for (int d = 0; d < 8; d++) {
      Map<String, Double> prices = Map.of("A", A[d], "B", B[d]);
      Signal[] signals = d == 1 ? new Signal[] {signal("A", T0 + d * DAY + MIN, Direction.LONG, 0.7),
          signal("B", T0 + d * DAY + MIN, Direction.LONG, 0.9)} : new Signal[0];
      straight.at(T0 + d * DAY, prices, signals);
      resumed.at(T0 + d * DAY, prices, signals);
      if (d == 4) { // a checkpoint: the state through its serializer into a new simulator
        DataOutputSerializer bytes = new DataOutputSerializer(1024);
        serializer.serialize(resumed.sim.state(), bytes);
        PortfolioState copy = serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        // Arrays.deepEquals compares doubles by Double.equals, so the NaN of an empty slot equals itself
        assertThat(java.util.Arrays.deepEquals(copy.dailyCloses, resumed.sim.state().dailyCloses)).isTrue();
        assertThat(copy.dailyCloses[0][3]).isEqualTo(A[3]);
        assertThat(copy.closeCount).isEqualTo(4); // the closes of days 0-3; day 4's is recorded at day 5
        assertThat(copy.signalStrength).containsExactly(0.7, 0.9);
        resumed.sim = new PortfolioSimulator(resumed.config);
        resumed.sim.restore(copy);
      }
    }
    assertThat(straight.targets().basis()).isEqualTo("risk-parity");
    assertThat(resumed.out.fills).isNotEmpty().isEqualTo(straight.out.fills);
    assertThat(resumed.out.routed).isEqualTo(straight.out.routed);
    assertThat(resumed.out.equity).isEqualTo(straight.out.equity);
  }

  @Test
  void methodSignalIgnoresTheOtherSettingsAndTradesAsBefore() {
    SimulationConfig plain = SimulationConfig.frictionless(100_000, 2, 1.0, 1);
    SimulationConfig explicit = plain.withConstruction(Construction.of("signal").withRebalance("daily")
        .withThreshold(0.3).withTargetVolatility(0.01));
    PortfolioSimulator.Collected expected = sampleSession(plain);
    PortfolioSimulator.Collected actual = sampleSession(explicit);
    assertThat(actual.fills).isNotEmpty().isEqualTo(expected.fills);
    assertThat(actual.orders).isEqualTo(expected.orders);
    assertThat(actual.routed).isEqualTo(expected.routed);
    assertThat(actual.equity).isEqualTo(expected.equity);
    assertThat(actual.positions).isEqualTo(expected.positions);
  }

  /** The first real AAPL and SPY session, with LONG and FLAT alternating every 30 minutes. */
  private static PortfolioSimulator.Collected sampleSession(SimulationConfig config) {
    PortfolioSimulator sim = new PortfolioSimulator(config);
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    Map<Long, List<Bar>> byInstant = new TreeMap<>();
    for (Bar b : SampleBars.all()) {
      if ((b.symbol().equals("AAPL") || b.symbol().equals("SPY")) && b.timestampMicros() < T0 + DAY) {
        byInstant.computeIfAbsent(b.availableAtMicros(), k -> new ArrayList<>()).add(b);
      }
    }
    int k = 0;
    for (Map.Entry<Long, List<Bar>> e : byInstant.entrySet()) {
      sim.beginInstant(e.getKey(), out);
      e.getValue().forEach(b -> sim.onBar(b, out));
      if (++k % 30 == 0) {
        Direction d = k % 60 == 0 ? Direction.FLAT : Direction.LONG;
        for (String s : List.of("AAPL", "SPY")) {
          sim.onSignal(signal(s, e.getKey(), d, d == Direction.FLAT ? 0 : 0.6), out);
        }
      }
      sim.endInstant(e.getKey(), true, out);
    }
    sim.finish(out);
    return out;
  }

  @Test
  void badSettingsFailWithTheirName() {
    assertThatThrownBy(() -> Construction.of("max-sharpe")).hasMessageContaining("risk-parity");
    assertThatThrownBy(() -> Construction.of("risk-parity").withRebalance("hourly"))
        .hasMessageContaining("rebalance");
    assertThatThrownBy(() -> Construction.of("risk-parity").withCovariance("shrunk", 60))
        .hasMessageContaining("covariance");
    assertThatThrownBy(() -> Construction.of("risk-parity").withCovariance("sample", 1))
        .hasMessageContaining("lookbackDays");
    assertThatThrownBy(() -> Construction.of("maximum-diversification").withWeights(Double.NaN, Double.NaN, false,
        Double.NaN)).hasMessageContaining("long-only");
    assertThat(Construction.of(" Risk-Parity ").method()).isEqualTo("risk-parity");
    assertThat(Construction.SIGNAL.rebalance()).isEqualTo("signal");
    assertThat(Construction.of("risk-parity").withRebalance("30").rebalanceBars()).isEqualTo(30);
  }
}
