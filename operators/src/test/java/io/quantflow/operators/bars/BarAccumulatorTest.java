package io.quantflow.operators.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarAccumulatorTest {
  @Test
  void fiveRealMinutesMakeTheFiveMinuteBar() {
    List<Bar> first5 = SampleBars.of("AAPL").subList(0, 5); // 14:30 .. 14:34
    BarAccumulator acc = new BarAccumulator();
    // added out of order on purpose: open and close follow time, not arrival
    acc.add(first5.get(3)).add(first5.get(0)).add(first5.get(4)).add(first5.get(1)).add(first5.get(2));
    Bar b = acc.toBar(Timeframe.M5, first5.get(0).timestampMicros());
    assertThat(b.open()).isEqualTo(171.14);
    assertThat(b.close()).isEqualTo(170.7125);
    assertThat(b.high()).isEqualTo(first5.stream().mapToDouble(Bar::high).max().orElseThrow());
    assertThat(b.low()).isEqualTo(first5.stream().mapToDouble(Bar::low).min().orElseThrow());
    assertThat(b.volume()).isCloseTo(first5.stream().mapToDouble(Bar::volume).sum(), within(1e-9));
    assertThat(b.timeframe()).isEqualTo(Timeframe.M5);
    assertThat(b.availableAtMicros()).isEqualTo(first5.get(4).availableAtMicros());
  }

  @Test
  void mergingPartialAggregatesEqualsAddingEverything() {
    List<Bar> bars = SampleBars.of("SPY").subList(0, 15);
    BarAccumulator all = new BarAccumulator();
    bars.forEach(all::add);
    BarAccumulator a = new BarAccumulator();
    BarAccumulator b = new BarAccumulator();
    bars.subList(0, 7).forEach(a::add);
    bars.subList(7, 15).forEach(b::add);
    long start = bars.get(0).timestampMicros();
    assertThat(b.merge(a).toBar(Timeframe.M15, start)).isEqualTo(all.toBar(Timeframe.M15, start));
  }
}
