package io.quantflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CorporateActionTest {
  private static final LocalDate AIG_REVERSE_SPLIT = LocalDate.of(2009, 7, 1);

  @Test
  void factoriesFillTheNeutralFieldOfEachKind() {
    CorporateAction split = CorporateAction.split("AIG", AIG_REVERSE_SPLIT, 0.05);
    assertThat(split.kind()).isEqualTo(CorporateAction.Kind.SPLIT);
    assertThat(split.splitRatio()).isEqualTo(0.05);
    assertThat(split.cashPerShare()).isZero();
    CorporateAction dividend = CorporateAction.dividend("AAPL", LocalDate.of(2014, 5, 8), 3.29);
    assertThat(dividend.kind()).isEqualTo(CorporateAction.Kind.DIVIDEND);
    assertThat(dividend.splitRatio()).isEqualTo(1.0);
    assertThat(dividend.cashPerShare()).isEqualTo(3.29);
  }

  @Test
  void exDateMicrosIsTheLabelOfTheDailyBar() {
    // 2009-07-01 is day 14,426 since 1970-01-01: 14,426 * 86,400 s = 1,246,406,400 s
    assertThat(CorporateAction.split("AIG", AIG_REVERSE_SPLIT, 0.05).exDateMicros())
        .isEqualTo(1_246_406_400_000_000L);
  }

  @Test
  void rejectsActionsThatBreakTheRulesOfTheirKind() {
    assertThatThrownBy(() -> CorporateAction.split("AIG", AIG_REVERSE_SPLIT, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'splitRatio'").hasMessageContaining("1");
    assertThatThrownBy(() -> CorporateAction.split("AIG", AIG_REVERSE_SPLIT, -2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'splitRatio'");
    assertThatThrownBy(() -> CorporateAction.dividend("KO", AIG_REVERSE_SPLIT, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cashPerShare'");
    assertThatThrownBy(() -> new CorporateAction("KO", AIG_REVERSE_SPLIT, CorporateAction.Kind.DIVIDEND, 2, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'splitRatio' of a dividend");
    assertThatThrownBy(() -> new CorporateAction("KO", AIG_REVERSE_SPLIT, CorporateAction.Kind.SPLIT, 2, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cashPerShare' of a split");
    assertThatThrownBy(() -> CorporateAction.dividend(" ", AIG_REVERSE_SPLIT, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'symbol'");
    assertThatThrownBy(() -> CorporateAction.dividend("KO", null, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'exDate'");
  }
}
