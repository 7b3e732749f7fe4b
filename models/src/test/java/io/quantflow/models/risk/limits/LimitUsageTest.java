package io.quantflow.models.risk.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitUsageTest {
  private static final Map<String, String> SECTORS = Map.of("AAA", "Tech", "BBB", "Tech", "CCC", "Energy");

  @Test
  void usageIsEachMeasureOverItsLimitAndBreachesAreListed() {
    RiskLimits limits = new RiskLimits(0.25, 0.40, 1.0, 0.5, 0.2, 0.1);
    // AAA 30%, BBB -15%, CCC 20% of 1M; Tech 45%, Energy 20%; gross 65%, net 35%;
    // H = 0.09 + 0.0225 + 0.04 = 0.1525; drawdown 1 - 950000 / 1000000 = 5%
    Map<String, Double> book = Map.of("AAA", 300_000.0, "BBB", -150_000.0, "CCC", 200_000.0);
    LimitUsage u = LimitUsage.of(limits, book, 1_000_000, 1_000_000 / 0.95, SECTORS);
    assertThat(u.usages()).extracting(LimitUsage.Usage::limit).containsExactly(LimitType.values());
    assertThat(u.usages().get(0).subject()).isEqualTo("AAA");
    assertThat(u.usages().get(0).usage()).isCloseTo(0.30 / 0.25, within(1e-12));
    assertThat(u.usages().get(1).subject()).isEqualTo("Tech");
    assertThat(u.usages().get(1).value()).isCloseTo(0.45, within(1e-12));
    assertThat(u.usages().get(2).value()).isCloseTo(0.65, within(1e-12));
    assertThat(u.usages().get(3).value()).isCloseTo(0.35, within(1e-12));
    assertThat(u.usages().get(4).value()).isCloseTo(0.1525, within(1e-12));
    assertThat(u.usages().get(5).value()).isCloseTo(0.05, within(1e-12));
    assertThat(u.usages().get(5).usage()).isCloseTo(0.5, within(1e-12));
    assertThat(u.breaches()).extracting(LimitBreach::limit, LimitBreach::subject).containsExactly(
        org.assertj.core.groups.Tuple.tuple(LimitType.POSITION_WEIGHT, "AAA"),
        org.assertj.core.groups.Tuple.tuple(LimitType.SECTOR_WEIGHT, "Tech"));
    assertThat(u.breaches().get(0).message()).contains("position AAA is 30.00% of equity");
    assertThat(u.flatten()).isFalse();
  }

  @Test
  void aDeepDrawdownSaysFlatten() {
    LimitUsage u = LimitUsage.of(RiskLimits.none().withMaxDrawdown(0.2), Map.of("AAA", 1.0), 750, 1000, null);
    assertThat(u.flatten()).isTrue();
    assertThat(u.breaches()).extracting(LimitBreach::limit).containsExactly(LimitType.DRAWDOWN);
    assertThat(u.usages().get(0).usage()).isCloseTo(0.25 / 0.2, within(1e-12));
    assertThat(LimitUsage.of(RiskLimits.none(), Map.of(), 1, 1, null).usages()).isEmpty();
  }
}
