package io.quantflow.models.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CommissionTest {
  private static final double CENT_TOLERANCE = 1e-12;

  @Test
  void alpacaDefaultIsCommissionFree() {
    assertThat(Commission.ZERO.cost("AAPL", 1000, 50)).isZero();
    assertThat(Commission.ZERO.cost("AAPL", -1000, 50)).isZero();
  }

  @Test
  void ibkrFixedChargesPerShareBetweenTheMinimumAndTheCap() {
    Commission ibkr = Commission.ibkrFixed();
    // 500 * 0.005 = 2.50; above the 1.00 minimum, below 1% of 10,000 = 100
    assertThat(ibkr.cost("AAPL", 500, 20)).isCloseTo(2.50, within(CENT_TOLERANCE));
    // sells pay alike
    assertThat(ibkr.cost("AAPL", -500, 20)).isCloseTo(2.50, within(CENT_TOLERANCE));
    // 100 * 0.005 = 0.50 -> minimum 1.00; cap 1% of 2,000 = 20 does not bind
    assertThat(ibkr.cost("AAPL", 100, 20)).isCloseTo(1.00, within(CENT_TOLERANCE));
    // 100 * 0.005 = 0.50 -> minimum 1.00 -> cap 1% of 100 * 0.25 = 0.25 wins
    assertThat(ibkr.cost("PENNY", 100, 0.25)).isCloseTo(0.25, within(CENT_TOLERANCE));
    assertThat(ibkr.cost("AAPL", 0, 20)).isZero();
  }

  @Test
  void rejectsBadParametersNamingThem() {
    assertThatThrownBy(() -> new Commission(-0.01, 1, 0.01)).hasMessageContaining("perShareUsd");
    assertThatThrownBy(() -> new Commission(0.005, -1, 0.01)).hasMessageContaining("minimumUsd");
    assertThatThrownBy(() -> new Commission(0.005, 1, 1.5)).hasMessageContaining("maximumFractionOfNotional");
  }
}
