package io.quantflow.operators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import io.quantflow.operators.align.Alignment;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementRuleTest {
  /** Features of every timeframe: an EMA, an SMA, an RSI and a volatility. */
  private static final FeatureSchema FEATURES = FeatureSchema.of(List.of("ema_20", "sma_20", "rsi_14", "rvol_20_cc"));
  private static final List<Timeframe> TFS = List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15);
  private static final Alignment ALIGN = new Alignment(Timeframe.M1, TFS, FEATURES);
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z, a 15m boundary

  /** Wide row at the close of the 1m bar 14:44 (available 14:45), after the 15m and 5m bars closing then. */
  private static WideRow wide(double[] m1, double[] m5, double[] m15) {
    Alignment.State s = ALIGN.newState();
    ALIGN.onBlock(s, FeatureBlock.of(row(Timeframe.M15, T0, m15)));
    ALIGN.onBlock(s, FeatureBlock.of(row(Timeframe.M5, T0 + 10 * 60_000_000L, m5)));
    return ALIGN.onBlock(s, FeatureBlock.of(row(Timeframe.M1, T0 + 14 * 60_000_000L, m1))).block().row(0);
  }

  /** {close, ema, sma, rsi, rvol}. */
  private static FeatureRow row(Timeframe tf, long start, double[] v) {
    return new FeatureRow("AAPL", tf, start, v[0], new double[] {v[1], v[2], v[3], v[4]});
  }

  private static SignalConfig config(List<VoteMethod> methods, int quorum, boolean shorts) {
    return new SignalConfig(Timeframe.M1, TFS, methods, quorum, "rvol_20_cc", shorts);
  }

  @Test
  void allTimeframesUpIsLongWithTheMeanConfidenceOfTheAgreeingVotes() {
    WideRow w = wide(new double[] {170.97, 170.80, 170.90, 55, 0.001},
        new double[] {170.97, 170.50, 170.60, 58, 0.002}, new double[] {170.97, 170.00, 170.10, 61, 0.004});
    Signal s = new AgreementRule(SignalConfig.DEFAULT, ALIGN.schema()).evaluate(w);
    assertThat(s.direction()).isEqualTo(Direction.LONG);
    assertThat(s.timestampMicros()).isEqualTo(T0 + 15 * 60_000_000L);
    double expected = (Math.tanh(Math.log(170.97 / 170.80) / 0.001) + Math.tanh(Math.log(170.97 / 170.50) / 0.002)
        + Math.tanh(Math.log(170.97 / 170.00) / 0.004)) / 3;
    assertThat(s.strength()).isCloseTo(expected, within(1e-12));
    assertThat(s.reason()).isEqualTo("LONG 3/3 timeframes"
        + " | 1m up 1/1: ema_20 up (close 170.9700 > 170.8000)"
        + " | 5m up 1/1: ema_20 up (close 170.9700 > 170.5000)"
        + " | 15m up 1/1: ema_20 up (close 170.9700 > 170.0000)");
  }

  @Test
  void aQuorumOfMethodsDecidesEachTimeframe() {
    List<VoteMethod> three = List.of(VoteMethod.above("ema_20"), VoteMethod.above("sma_20"),
        VoteMethod.threshold("rsi_14", 55, 45));
    // 1m: ema up, sma down, rsi up (58 > 55): 2 of 3 up; 5m and 15m: all up
    WideRow w = wide(new double[] {170.97, 170.80, 171.10, 58, 0.001},
        new double[] {170.97, 170.50, 170.60, 60, 0.002}, new double[] {170.97, 170.00, 170.10, 61, 0.004});
    Signal twoOfThree = new AgreementRule(config(three, 2, false), ALIGN.schema()).evaluate(w);
    assertThat(twoOfThree.direction()).isEqualTo(Direction.LONG);
    assertThat(twoOfThree.reason()).contains("| 1m up 2/3: ema_20 up (close 170.9700 > 170.8000); "
        + "sma_20 down (close 170.9700 < 171.1000); rsi_14 up (58.0000 vs 55.0/45.0)");
    // mean confidence of the 8 agreeing votes: 3 EMA, 2 SMA (5m, 15m), 3 RSI (tanh(|rsi - 50| / 5))
    double expected = (Math.tanh(Math.log(170.97 / 170.80) / 0.001) + Math.tanh(Math.log(170.97 / 170.50) / 0.002)
        + Math.tanh(Math.log(170.97 / 170.00) / 0.004) + Math.tanh(Math.log(170.97 / 170.60) / 0.002)
        + Math.tanh(Math.log(170.97 / 170.10) / 0.004) + Math.tanh(8 / 5.0) + Math.tanh(10 / 5.0)
        + Math.tanh(11 / 5.0)) / 8;
    assertThat(twoOfThree.strength()).isCloseTo(expected, within(1e-12));
    Signal unanimous = new AgreementRule(config(three, 3, false), ALIGN.schema()).evaluate(w);
    assertThat(unanimous.direction()).isEqualTo(Direction.FLAT);
    assertThat(unanimous.strength()).isZero();
    assertThat(unanimous.reason()).startsWith("FLAT 2/3 timeframes | 1m none 2/3");
  }

  @Test
  void coarserTimeframesWarmingUpOrDisagreeingGiveFlatAndShortsNeedPermission() {
    double nan = Double.NaN;
    WideRow warming = wide(new double[] {170.97, 170.80, 170.90, 55, 0.001},
        new double[] {170.97, 170.50, 170.60, 58, 0.002}, new double[] {170.97, nan, nan, nan, nan});
    Signal s = new AgreementRule(SignalConfig.DEFAULT, ALIGN.schema()).evaluate(warming);
    assertThat(s.direction()).isEqualTo(Direction.FLAT);
    assertThat(s.reason()).endsWith("| 15m none 0/1: ema_20 warming-up");

    double[] down1 = {170.0, 170.8, 170.9, 40, 0.001};
    double[] down5 = {170.0, 170.5, 170.6, 40, 0.002};
    double[] down15 = {170.0, 171.0, 171.1, 40, 0.004};
    assertThat(new AgreementRule(SignalConfig.DEFAULT, ALIGN.schema()).evaluate(wide(down1, down5, down15))
        .direction()).isEqualTo(Direction.FLAT);
    assertThat(new AgreementRule(config(List.of(VoteMethod.above("ema_20")), 1, true), ALIGN.schema())
        .evaluate(wide(down1, down5, down15)).direction()).isEqualTo(Direction.SHORT);
  }

  @Test
  void everyVoteIsACandidateSignalWithASignedConfidence() {
    List<VoteMethod> two = List.of(VoteMethod.above("ema_20"), VoteMethod.threshold("rsi_14", 55, 45));
    SignalCandidates c = new SignalCandidates(config(two, 1, false), ALIGN.schema());
    assertThat(c.names()).containsExactly("ema_20_1m:above", "rsi_14_1m:threshold", "ema_20_5m:above",
        "rsi_14_5m:threshold", "ema_20_15m:above", "rsi_14_15m:threshold", "agreement");
    double nan = Double.NaN;
    WideRow w = wide(new double[] {170.97, 170.80, 170.90, 50, 0.001}, new double[] {170.97, 171.50, 170.60, 40, 0.002},
        new double[] {170.97, nan, nan, nan, nan});
    double[] s = c.scores(w);
    assertThat(s[0]).isCloseTo(Math.tanh(Math.log(170.97 / 170.80) / 0.001), within(1e-12));
    assertThat(s[1]).isZero(); // RSI 50 is inside the 45..55 band: no vote
    assertThat(s[2]).isCloseTo(-Math.tanh(Math.log(171.50 / 170.97) / 0.002), within(1e-12));
    assertThat(s[3]).isCloseTo(-Math.tanh(10 / 5.0), within(1e-12));
    assertThat(s[4]).isNaN();
    assertThat(s[5]).isNaN();
    assertThat(s[6]).isZero(); // timeframes disagree: FLAT
  }
}
