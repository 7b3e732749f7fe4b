package io.quantflow.models.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegulatoryFeesTest {
  private static final double EXACT = 1e-12;
  private final RegulatoryFees fees = RegulatoryFees.us2024();

  @Test
  void sellsPayTheSecFeeAndTheTafRoundedUpToTheCent() {
    // SEC: 1000 * 50 = 50,000 USD * 27.80 / 1e6 = 1.39 exactly
    assertThat(fees.secFee(-1000, 50)).isCloseTo(1.39, within(EXACT));
    // TAF: 1000 * 0.000166 = 0.166 -> 0.17
    assertThat(fees.taf(-1000)).isCloseTo(0.17, within(EXACT));
    assertThat(fees.cost("AAPL", -1000, 50)).isCloseTo(1.56, within(EXACT));
    // SEC: 7 * 100 = 700 * 27.80e-6 = 0.01946 -> 0.02; TAF: 7 * 0.000166 = 0.001162 -> 0.01
    assertThat(fees.secFee(-7, 100)).isCloseTo(0.02, within(EXACT));
    assertThat(fees.taf(-7)).isCloseTo(0.01, within(EXACT));
  }

  @Test
  void buysPayNoFees() {
    assertThat(fees.secFee(1000, 50)).isZero();
    assertThat(fees.taf(1000)).isZero();
    assertThat(fees.cost("AAPL", 100_000, 10)).isZero();
  }

  @Test
  void theTafIsCappedAt830PerTrade() {
    // 100,000 * 0.000166 = 16.60 -> capped at 8.30; SEC: 1,000,000 USD * 27.80e-6 = 27.80
    assertThat(fees.taf(-100_000)).isCloseTo(8.30, within(EXACT));
    assertThat(fees.secFee(-100_000, 10)).isCloseTo(27.80, within(EXACT));
    // exactly at the cap: 50,000 * 0.000166 = 8.30; one share less is 8.299834 -> 8.30 too
    assertThat(fees.taf(-50_000)).isCloseTo(8.30, within(EXACT));
    assertThat(fees.taf(-49_999)).isCloseTo(8.30, within(EXACT));
    // 40,000 * 0.000166 = 6.64, below the cap
    assertThat(fees.taf(-40_000)).isCloseTo(6.64, within(EXACT));
  }

  @Test
  void theSecRateIsConfigurable() {
    // fiscal 2025: 0.00 per million from 2025-05-14
    RegulatoryFees fy2025 = new RegulatoryFees(0.0, RegulatoryFees.TAF_USD_PER_SHARE_2024,
        RegulatoryFees.TAF_MAXIMUM_USD_2024);
    assertThat(fy2025.secFee(-1000, 50)).isZero();
    assertThat(fy2025.taf(-1000)).isCloseTo(0.17, within(EXACT));
    // a made-up 10.00 per million: 50,000 * 10e-6 = 0.50
    assertThat(new RegulatoryFees(10.0, 0, 0).secFee(-1000, 50)).isCloseTo(0.50, within(EXACT));
  }

  @Test
  void rejectsNegativeRates() {
    assertThatThrownBy(() -> new RegulatoryFees(-1, 0, 0)).hasMessageContaining("secFeeUsdPerMillion");
    assertThatThrownBy(() -> new RegulatoryFees(0, -1, 0)).hasMessageContaining("tafUsdPerShare");
    assertThatThrownBy(() -> new RegulatoryFees(0, 0, -1)).hasMessageContaining("tafMaximumUsd");
  }
}
