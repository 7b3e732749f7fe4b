package io.quantflow.models.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Fill;
import org.junit.jupiter.api.Test;

class ImplementationShortfallTest {
  private static final double BPS_TOLERANCE = 1e-9;

  private static Fill fill(String id, double qty, double price, double commission) {
    return new Fill(id, "AAPL", 2_000, 1_000, qty, price, commission);
  }

  @Test
  void aBuyAboveArrivalIsACost() {
    // average = (300 * 100.10 + 700 * 100.20) / 1000 = (30,030 + 70,140) / 1000 = 100.17
    // price: (100.17 - 100) / 100 * 10,000 = 17 bps; explicit: 3.00 / (100 * 1000) * 10,000 = 0.3 bps
    ImplementationShortfall is = ImplementationShortfall.of(100, 1, fill("P-1", 300, 100.10, 1.00),
        fill("P-2", 700, 100.20, 2.00));
    assertThat(is.filledShares()).isEqualTo(1000);
    assertThat(is.averagePrice()).isCloseTo(100.17, within(1e-12));
    assertThat(is.priceBps()).isCloseTo(17.0, within(BPS_TOLERANCE));
    assertThat(is.explicitCostBps()).isCloseTo(0.3, within(BPS_TOLERANCE));
    assertThat(is.totalBps()).isCloseTo(17.3, within(BPS_TOLERANCE));
  }

  @Test
  void aSellBelowArrivalIsACostAndAboveIsAGain() {
    // average = (400 * 49.90 + 600 * 49.95) / 1000 = (19,960 + 29,970) / 1000 = 49.93
    // price: -1 * (49.93 - 50) / 50 * 10,000 = 14 bps; explicit: 1.00 / (50 * 1000) * 10,000 = 0.2 bps
    ImplementationShortfall sell = ImplementationShortfall.of(50, -1, fill("S-1", -400, 49.90, 0.50),
        fill("S-2", -600, 49.95, 0.50));
    assertThat(sell.filledShares()).isEqualTo(-1000);
    assertThat(sell.priceBps()).isCloseTo(14.0, within(BPS_TOLERANCE));
    assertThat(sell.explicitCostBps()).isCloseTo(0.2, within(BPS_TOLERANCE));
    // selling 100 at 50.05 against 50: -1 * 0.05 / 50 * 10,000 = -10 bps, a gain
    assertThat(ImplementationShortfall.of(50, -1, fill("S-3", -100, 50.05, 0)).priceBps())
        .isCloseTo(-10.0, within(BPS_TOLERANCE));
  }

  @Test
  void fillsMustMatchTheSide() {
    assertThatThrownBy(() -> ImplementationShortfall.of(100, 1, fill("P-1", 100, 100, 0), fill("P-2", -50, 100, 0)))
        .hasMessageContaining("P-2");
    assertThatThrownBy(() -> ImplementationShortfall.of(100, 0, fill("P-1", 100, 100, 0)))
        .hasMessageContaining("side");
    assertThatThrownBy(() -> ImplementationShortfall.of(100, 1)).hasMessageContaining("fills");
  }
}
