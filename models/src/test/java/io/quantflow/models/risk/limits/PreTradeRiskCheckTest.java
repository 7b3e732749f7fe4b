package io.quantflow.models.risk.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.risk.limits.LimitDecision.Action;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Equity 1,000,000 USD throughout, so 10,000 USD is 1 percent; resize sizes are hand-computed in comments. */
class PreTradeRiskCheckTest {
  private static final double E = 1_000_000;
  private static final double TOL = 1e-6;
  private static final Map<String, String> SECTORS = Map.of("AAA", "Tech", "BBB", "Tech", "CCC", "Energy");

  private static LimitDecision check(RiskLimits limits, Map<String, Double> positions, String symbol, double change) {
    return new PreTradeRiskCheck(limits).check(positions, new ProposedOrder(symbol, change), E, E, SECTORS);
  }

  @Test
  void positionWeightLimit() {
    RiskLimits limits = RiskLimits.none().withMaxPositionWeight(0.10);
    Map<String, Double> book = Map.of("AAA", 50_000.0);
    assertThat(check(limits, book, "AAA", 40_000).action()).isEqualTo(Action.ACCEPT);
    // 50000 + x <= 100000: x = 50000
    LimitDecision buy = check(limits, book, "AAA", 80_000);
    assertThat(buy.action()).isEqualTo(Action.RESIZE);
    assertThat(buy.acceptedChangeUsd()).isCloseTo(50_000, within(TOL));
    assertThat(buy.breaches()).singleElement().satisfies(b -> {
      assertThat(b.limit()).isEqualTo(LimitType.POSITION_WEIGHT);
      assertThat(b.subject()).isEqualTo("AAA");
      assertThat(b.value()).isCloseTo(0.13, within(1e-15));
      assertThat(b.threshold()).isEqualTo(0.10);
      assertThat(b.message()).contains("position AAA would be 13.00% of equity, above the limit 10.00%");
    });
    // a new short is limited the same way: -100000
    assertThat(check(limits, book, "BBB", -150_000).acceptedChangeUsd()).isCloseTo(-100_000, within(TOL));
    // crossing zero: from +50000 by -200000 would end at -150000; -100000 is the limit, so x = -150000
    LimitDecision flip = check(limits, book, "AAA", -200_000);
    assertThat(flip.action()).isEqualTo(Action.RESIZE);
    assertThat(flip.acceptedChangeUsd()).isCloseTo(-150_000, within(TOL));
    // at the limit already: no room, rejected
    LimitDecision full = check(limits, Map.of("AAA", 100_000.0), "AAA", 1_000);
    assertThat(full.action()).isEqualTo(Action.REJECT);
    assertThat(full.acceptedChangeUsd()).isZero();
  }

  @Test
  void sectorWeightLimit() {
    RiskLimits limits = RiskLimits.none().withMaxSectorWeight(0.25);
    Map<String, Double> book = Map.of("AAA", 100_000.0, "BBB", -100_000.0, "CCC", 200_000.0);
    // Tech is |100000| + |-100000| = 20%: covering 40000 of BBB's short reduces it, adding 40000 to AAA gives 24%
    assertThat(check(limits, book, "AAA", 40_000).action()).isEqualTo(Action.ACCEPT);
    // AAA + 80000 would be 28% of Tech: 100000 + 100000 + x <= 250000 -> x = 50000
    LimitDecision tech = check(limits, book, "AAA", 80_000);
    assertThat(tech.action()).isEqualTo(Action.RESIZE);
    assertThat(tech.acceptedChangeUsd()).isCloseTo(50_000, within(TOL));
    assertThat(tech.breaches().get(0).subject()).isEqualTo("Tech");
    // Energy 200000 + x <= 250000 -> x = 50000; AAA's sector is not affected
    assertThat(check(limits, book, "CCC", 100_000).acceptedChangeUsd()).isCloseTo(50_000, within(TOL));
  }

  @Test
  void grossExposureLimit() {
    RiskLimits limits = RiskLimits.none().withMaxGrossExposure(1.0);
    Map<String, Double> book = Map.of("AAA", 500_000.0, "BBB", -450_000.0); // gross 95%
    assertThat(check(limits, book, "CCC", 30_000).action()).isEqualTo(Action.ACCEPT);
    // 950000 + |x| <= 1000000 -> +50000 or -50000
    assertThat(check(limits, book, "CCC", 100_000).acceptedChangeUsd()).isCloseTo(50_000, within(TOL));
    assertThat(check(limits, book, "CCC", -100_000).acceptedChangeUsd()).isCloseTo(-50_000, within(TOL));
    LimitDecision d = check(limits, book, "CCC", 100_000);
    assertThat(d.breaches()).extracting(LimitBreach::limit).containsExactly(LimitType.GROSS_EXPOSURE);
    assertThat(d.breaches().get(0).value()).isCloseTo(1.05, within(1e-15));
  }

  @Test
  void netExposureLimit() {
    RiskLimits limits = RiskLimits.none().withMaxNetExposure(0.5);
    Map<String, Double> book = Map.of("AAA", 400_000.0, "BBB", 50_000.0); // net 45%
    assertThat(check(limits, book, "CCC", 40_000).action()).isEqualTo(Action.ACCEPT);
    // 450000 + x <= 500000 -> x = 50000
    LimitDecision buy = check(limits, book, "CCC", 100_000);
    assertThat(buy.action()).isEqualTo(Action.RESIZE);
    assertThat(buy.acceptedChangeUsd()).isCloseTo(50_000, within(TOL));
    // a new short lowers the net exposure: accepted
    assertThat(check(limits, book, "CCC", -100_000).action()).isEqualTo(Action.ACCEPT);
    // net already at 50%: a new long is rejected
    assertThat(check(limits, Map.of("AAA", 500_000.0), "CCC", 10_000).action()).isEqualTo(Action.REJECT);
  }

  @Test
  void concentrationLimit() {
    RiskLimits limits = RiskLimits.none().withMaxConcentration(0.30);
    Map<String, Double> book = Map.of("AAA", 300_000.0, "BBB", 400_000.0); // H = 0.09 + 0.16 = 0.25
    assertThat(check(limits, book, "CCC", 200_000).action()).isEqualTo(Action.ACCEPT); // H = 0.29
    // 0.25 + (x / E)^2 <= 0.30 -> x = E sqrt(0.05) = 223606.797749979
    LimitDecision d = check(limits, book, "CCC", 300_000);
    assertThat(d.action()).isEqualTo(Action.RESIZE);
    assertThat(d.acceptedChangeUsd()).isCloseTo(223_606.797749979, within(TOL));
    assertThat(d.breaches().get(0).value()).isCloseTo(0.34, within(1e-15));
    assertThat(d.breaches().get(0).message()).contains("0.3400, above the limit 0.3000");
  }

  @Test
  void aRiskReducingOrderIsAcceptedEvenWhenTheBookIsBreached() {
    RiskLimits limits = RiskLimits.none().withMaxPositionWeight(0.10).withMaxGrossExposure(1.0);
    Map<String, Double> breached = Map.of("AAA", 200_000.0, "BBB", -1_300_000.0); // AAA 20%, gross 150%
    LimitDecision cut = check(limits, breached, "AAA", -50_000);
    assertThat(cut.action()).isEqualTo(Action.ACCEPT);
    assertThat(cut.acceptedChangeUsd()).isEqualTo(-50_000);
    // what is still breached after the cut is reported: AAA at 15%, gross at 145%
    assertThat(cut.breaches()).extracting(LimitBreach::limit)
        .containsExactly(LimitType.POSITION_WEIGHT, LimitType.GROSS_EXPOSURE);
    assertThat(cut.breaches().get(0).value()).isCloseTo(0.15, within(1e-15));
    // covering the big short is reducing too; adding to AAA is not
    assertThat(check(limits, breached, "BBB", 600_000).action()).isEqualTo(Action.ACCEPT);
    assertThat(check(limits, breached, "AAA", 1_000).action()).isEqualTo(Action.REJECT);
    assertThat(check(limits, breached, "CCC", 1_000).action()).isEqualTo(Action.REJECT);
  }

  @Test
  void theDrawdownKillSwitchBlocksIncreasesBelowTheThreshold() {
    RiskLimits limits = RiskLimits.none().withMaxDrawdown(0.10);
    PreTradeRiskCheck check = new PreTradeRiskCheck(limits);
    Map<String, Double> book = Map.of("AAA", 100_000.0);
    // 890000 < 0.9 * 1000000: kill switch on
    LimitDecision add = check.check(book, new ProposedOrder("AAA", 10_000), 890_000, E, null);
    assertThat(add.action()).isEqualTo(Action.REJECT);
    assertThat(add.flatten()).isTrue();
    assertThat(add.breaches()).extracting(LimitBreach::limit).containsExactly(LimitType.DRAWDOWN);
    assertThat(add.breaches().get(0).value()).isCloseTo(0.11, within(1e-15));
    assertThat(add.breaches().get(0).message()).contains("flatten");
    LimitDecision cut = check.check(book, new ProposedOrder("AAA", -50_000), 890_000, E, null);
    assertThat(cut.action()).isEqualTo(Action.ACCEPT);
    assertThat(cut.flatten()).isTrue();
    // selling through zero is cut to closing the position
    LimitDecision through = check.check(book, new ProposedOrder("AAA", -150_000), 890_000, E, null);
    assertThat(through.action()).isEqualTo(Action.RESIZE);
    assertThat(through.acceptedChangeUsd()).isEqualTo(-100_000);
    assertThat(check.check(book, new ProposedOrder("BBB", 1_000), 890_000, E, null).action())
        .isEqualTo(Action.REJECT);
    // at exactly 90% of the peak the switch is off
    LimitDecision at = check.check(book, new ProposedOrder("AAA", 10_000), 900_000, E, null);
    assertThat(at.action()).isEqualTo(Action.ACCEPT);
    assertThat(at.flatten()).isFalse();
  }

  @Test
  void everyLimitAtOnceResizesToTheTightest() {
    RiskLimits limits = new RiskLimits(0.20, 0.30, 1.5, 0.6, 0.5, 0.2);
    Map<String, Double> book = Map.of("AAA", 150_000.0, "CCC", 300_000.0);
    // AAA + x: position 200000 - 150000 = 50000; Tech 300000 - 150000 = 150000; gross 1.5M - 300000 - 150000;
    // net 600000 - 450000 = 150000; concentration 0.5 - 0.09 = 0.41 -> 640312 - 150000: the position limit wins
    LimitDecision d = check(limits, book, "AAA", 100_000);
    assertThat(d.acceptedChangeUsd()).isCloseTo(50_000, within(TOL));
    assertThat(d.breaches()).extracting(LimitBreach::limit).containsExactly(LimitType.POSITION_WEIGHT);
  }

  @Test
  void inputsAreChecked() {
    RiskLimits sector = RiskLimits.none().withMaxSectorWeight(0.2);
    assertThatThrownBy(() -> check(sector, Map.of("ZZZ", 1.0), "AAA", 1)).hasMessageContaining("ZZZ has no sector");
    assertThatThrownBy(() -> new ProposedOrder("AAA", 0)).hasMessageContaining("must not be zero");
    assertThatThrownBy(() -> RiskLimits.none().withMaxDrawdown(1.0)).hasMessageContaining("below 1");
    assertThatThrownBy(() -> RiskLimits.none().withMaxGrossExposure(-1)).hasMessageContaining("maxGrossExposure");
    assertThat(RiskLimits.none().withMaxGrossExposure(Double.NaN).maxGrossExposure()).isNull();
    // no limit: anything goes
    assertThat(check(RiskLimits.none(), Map.of(), "AAA", 1e9).action()).isEqualTo(Action.ACCEPT);
  }
}
