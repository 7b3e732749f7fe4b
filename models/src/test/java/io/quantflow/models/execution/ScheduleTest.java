package io.quantflow.models.execution;

import static io.quantflow.models.execution.TestBars.MINUTE;
import static io.quantflow.models.execution.TestBars.OPEN_0930;
import static io.quantflow.models.execution.TestBars.SYMBOL;
import static io.quantflow.models.execution.TestBars.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Order;
import io.quantflow.domain.Order.TimeInForce;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final long QUARTER = 15 * MINUTE;

  private static Order parent(double qty, long submittedMicros) {
    return Order.market("P", SYMBOL, qty, TimeInForce.DAY, submittedMicros, submittedMicros);
  }

  private static List<Double> quantities(List<Order> children) {
    return children.stream().map(Order::quantity).toList();
  }

  // ---- TWAP

  @Test
  void twapPutsTheRemainderOnTheFirstSlices() {
    // floor(1000 / 3) = 333, remainder 1000 - 999 = 1 -> first slice: 334, 333, 333
    List<Order> children = new Twap(3, Timeframe.M1).slice(parent(1000, OPEN_0930));
    assertThat(quantities(children)).containsExactly(334.0, 333.0, 333.0);
    assertThat(children).extracting(Order::clientOrderId).containsExactly("P-1", "P-2", "P-3");
    assertThat(children).extracting(Order::parentId).containsOnly("P");
    assertThat(children).extracting(Order::submittedAtMicros)
        .containsExactly(OPEN_0930, OPEN_0930 + MINUTE, OPEN_0930 + 2 * MINUTE);
    assertThat(children).extracting(Order::decisionMicros).containsOnly(OPEN_0930);
    // 1001 over 4: 250 each, remainder 1 -> 251, 250, 250, 250; sells keep their sign
    assertThat(quantities(new Twap(4, Timeframe.M1).slice(parent(-1001, OPEN_0930))))
        .containsExactly(-251.0, -250.0, -250.0, -250.0);
  }

  @Test
  void twapStartsAtTheFirstBarAfterSubmissionAndSkipsEmptySlices() {
    // submitted 10 s into the 09:30 bar: the first slice is the 09:31 bar
    List<Order> children = new Twap(3, Timeframe.M1).slice(parent(2, OPEN_0930 + 10_000_000L));
    // 2 over 3: 0, 0, 0 plus the remainder 2 on the first two -> 1, 1, (0 left out)
    assertThat(quantities(children)).containsExactly(1.0, 1.0);
    assertThat(children).extracting(Order::submittedAtMicros)
        .containsExactly(OPEN_0930 + MINUTE, OPEN_0930 + 2 * MINUTE);
    assertThatThrownBy(() -> new Twap(3, Timeframe.M1).slice(parent(10.5, OPEN_0930)))
        .hasMessageContaining("whole shares");
    assertThatThrownBy(() -> new Twap(0, Timeframe.M1)).hasMessageContaining("horizonBars");
  }

  @Test
  void childrenInheritTypePricesAndTimeInForce() {
    Order limit = Order.limit("L", SYMBOL, 300, 99.5, TimeInForce.GTC, OPEN_0930, OPEN_0930);
    List<Order> children = new Twap(3, Timeframe.M5).slice(limit);
    assertThat(children).allSatisfy(c -> {
      assertThat(c.limitPrice()).isEqualTo(99.5);
      assertThat(c.timeInForce()).isEqualTo(TimeInForce.GTC);
      assertThat(c.quantity()).isEqualTo(100);
    });
    assertThat(children.get(2).submittedAtMicros()).isEqualTo(OPEN_0930 + 10 * MINUTE);
    assertThatThrownBy(() -> new Twap(2, Timeframe.M1).slice(children.get(0))).hasMessageContaining("child");
  }

  // ---- VWAP

  /** Two days of five 15-minute bars from 09:30 New York with U-shaped volume. */
  private static List<Bar> uShapedHistory() {
    double[][] volumes = {
        {300, 100, 50, 100, 450},  // total 1000: shares .30 .10 .05 .10 .45
        {500, 200, 200, 300, 800}, // total 2000: shares .25 .10 .10 .15 .40
    };
    long[] opens = {micros("2024-03-04T14:30:00Z"), micros("2024-03-05T14:30:00Z")};
    List<Bar> bars = new ArrayList<>();
    for (int d = 0; d < 2; d++) {
      for (int k = 0; k < 5; k++) {
        bars.add(Bar.of(SYMBOL, Timeframe.M15, opens[d] + k * QUARTER, 100, 101, 99, 100, volumes[d][k]));
      }
    }
    return bars;
  }

  @Test
  void theProfileIsTheMeanOfDailyShares() {
    VolumeProfile p = VolumeProfile.learn(uShapedHistory(), NEW_YORK, Duration.ofMinutes(15));
    assertThat(p.days()).isEqualTo(2);
    long day3 = micros("2024-03-06T14:30:00Z");
    // means: (.30+.25)/2 = .275, .10, (.05+.10)/2 = .075, (.10+.15)/2 = .125, (.45+.40)/2 = .425
    double[] expected = {0.275, 0.10, 0.075, 0.125, 0.425};
    for (int k = 0; k < 5; k++) {
      assertThat(p.share(day3 + k * QUARTER)).isCloseTo(expected[k], within(1e-12));
    }
    // any time in a bucket maps to it; outside the history's buckets the share is 0
    assertThat(p.share(day3 + 7 * MINUTE)).isCloseTo(0.275, within(1e-12));
    assertThat(p.share(micros("2024-03-06T19:00:00Z"))).isZero();
  }

  @Test
  void vwapFollowsAUShapedProfile() {
    VolumeProfile p = VolumeProfile.learn(uShapedHistory(), NEW_YORK, Duration.ofMinutes(15));
    long day3 = micros("2024-03-06T14:30:00Z");
    // whole day: 1000 * (.275, .10, .075, .125, .425)
    List<Order> all = new Vwap(5, Timeframe.M15, p).slice(parent(1000, day3));
    assertThat(quantities(all)).containsExactly(275.0, 100.0, 75.0, 125.0, 425.0);
    // 09:45-10:30: weights .10, .075, .125 of .30 -> 333.33, 250, 416.67 -> floors 333, 250, 416 (999),
    // the one share left goes to the largest fraction (.67): 333, 250, 417
    List<Order> middle = new Vwap(3, Timeframe.M15, p).slice(parent(1000, day3 + QUARTER));
    assertThat(quantities(middle)).containsExactly(333.0, 250.0, 417.0);
    assertThat(middle.stream().mapToDouble(Order::quantity).sum()).isEqualTo(1000);
    // no expected volume after the history's last bucket
    assertThatThrownBy(() -> new Vwap(2, Timeframe.M15, p).slice(parent(100, micros("2024-03-06T19:00:00Z"))))
        .hasMessageContaining("expects no volume");
  }

  @Test
  void theRealSampleHasAUShapedProfile() {
    List<Bar> spy = SampleBars.of("SPY");
    VolumeProfile p = VolumeProfile.learn(spy, NEW_YORK, Duration.ofMinutes(30));
    // independent computation: per New York date, the 09:30-10:00 volume over the day's volume, averaged
    Map<LocalDate, List<Bar>> byDay = spy.stream().collect(Collectors.groupingBy(
        b -> Instant.ofEpochSecond(b.timestampMicros() / 1_000_000L).atZone(NEW_YORK).toLocalDate()));
    double meanFirst = byDay.values().stream().mapToDouble(day -> {
      double total = day.stream().mapToDouble(Bar::volume).sum();
      double first = day.stream().filter(b -> Instant.ofEpochSecond(b.timestampMicros() / 1_000_000L)
          .atZone(NEW_YORK).getHour() == 9).mapToDouble(Bar::volume).sum();
      return first / total;
    }).average().orElseThrow();
    long open = spy.get(0).timestampMicros(); // 2019-02-11 09:30 New York
    assertThat(p.days()).isEqualTo(byDay.size());
    assertThat(p.share(open)).isCloseTo(meanFirst, within(1e-12));
    double sum = 0;
    for (int k = 0; k < 13; k++) {
      sum += p.share(open + k * 30 * MINUTE);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    double last = p.share(open + 12 * 30 * MINUTE); // 15:30-16:00
    for (int k = 2; k <= 10; k++) { // 10:30 to 15:00
      assertThat(p.share(open)).isGreaterThan(p.share(open + k * 30 * MINUTE));
      assertThat(last).isGreaterThan(p.share(open + k * 30 * MINUTE));
    }
  }

  @Test
  void aProfileNeedsOneSymbolAndABucketThatDividesADay() {
    List<Bar> mixed = List.of(Bar.of("AAPL", Timeframe.M1, OPEN_0930, 1, 1, 1, 1, 1),
        Bar.of("MSFT", Timeframe.M1, OPEN_0930, 1, 1, 1, 1, 1));
    assertThatThrownBy(() -> VolumeProfile.learn(mixed, NEW_YORK, Duration.ofMinutes(30)))
        .hasMessageContaining("one symbol");
    assertThatThrownBy(() -> VolumeProfile.learn(uShapedHistory(), NEW_YORK, Duration.ofMinutes(7)))
        .hasMessageContaining("bucket");
    assertThatThrownBy(() -> VolumeProfile.learn(List.of(), NEW_YORK, Duration.ofMinutes(30)))
        .hasMessageContaining("no day with volume");
  }
}
