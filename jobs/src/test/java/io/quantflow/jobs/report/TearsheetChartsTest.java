package io.quantflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Axis ticks, downsampling and the heatmap colour scale behind the tearsheet's charts. */
class TearsheetChartsTest {
  @Test
  void linearTicksUseNiceStepsClosestToTheTargetCount() {
    // step 0.2 gives 6 ticks, 0.1 gives 11
    assertThat(Ticks.linear(0, 1, 5)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, within(1e-12));
    // range 0.133: step 0.025 gives 5 ticks (0.02 gives 7, 0.05 gives 3)
    assertThat(Ticks.linear(-0.123, 0.01, 5))
        .containsExactly(new double[] {-0.1, -0.075, -0.05, -0.025, 0}, within(1e-12));
    assertThat(Ticks.decimals(0.025)).isEqualTo(3);
    assertThat(Ticks.decimals(2.5)).isEqualTo(1);
    assertThat(Ticks.decimals(5)).isZero();
  }

  @Test
  void logTicksArePowersOfTenTimesOneTwoFiveOnWideRanges() {
    assertThat(Ticks.log(0.5, 40)).containsExactly(new double[] {0.5, 1, 2, 5, 10, 20}, within(1e-12));
    assertThat(Ticks.log(1, 5000)).containsExactly(new double[] {1, 10, 100, 1000}, within(1e-9));
    // narrow range: linear ticks, step 0.5
    assertThat(Ticks.log(1, 3)).containsExactly(new double[] {1, 1.5, 2, 2.5, 3}, within(1e-12));
  }

  @Test
  void dailyDataOverAQuarterGetsFortnightlyMondayTicksInNewYork() {
    long[] ts = SampleTearsheets.dailyCloses(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 28));
    List<Ticks.DateTick> ticks = Ticks.dates(ts[0], ts[ts.length - 1], 8);
    assertThat(ticks).extracting(Ticks.DateTick::label)
        .containsExactly("Jan 15, 2024", "Jan 29", "Feb 12", "Feb 26", "Mar 11", "Mar 25");
    // midnight New York: 05:00Z in winter, 04:00Z after the switch to daylight saving time on March 10
    assertThat(ticks.get(0).micros()).isEqualTo(micros("2024-01-15T05:00:00Z"));
    assertThat(ticks.get(4).micros()).isEqualTo(micros("2024-03-11T04:00:00Z"));
  }

  @Test
  void twoYearsGetQuarterlyTicksWithTheYearOnJanuary() {
    // 714 days: 7.8 quarters of 91.3 days fit in 8 ticks, 11.7 two-month steps do not
    long start = SampleTearsheets.micros(ZonedDateTime.of(2023, 1, 1, 0, 0, 0, 0, SampleTearsheets.NEW_YORK));
    long end = SampleTearsheets.micros(ZonedDateTime.of(2024, 12, 15, 16, 0, 0, 0, SampleTearsheets.NEW_YORK));
    assertThat(Ticks.dates(start, end, 8)).extracting(Ticks.DateTick::label)
        .containsExactly("Jan 2023", "Apr", "Jul", "Oct", "Jan 2024", "Apr", "Jul", "Oct");
  }

  @Test
  void oneSessionGetsHourlyTicksAndTinySpansTheirEndPoints() {
    long open = SampleTearsheets.micros(ZonedDateTime.of(2024, 3, 5, 9, 30, 0, 0, SampleTearsheets.NEW_YORK));
    long close = SampleTearsheets.micros(ZonedDateTime.of(2024, 3, 5, 16, 0, 0, 0, SampleTearsheets.NEW_YORK));
    assertThat(Ticks.dates(open, close, 8)).extracting(Ticks.DateTick::label)
        .containsExactly("Mar 5 10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00");
    long tenMinutes = open + 10 * 60_000_000L;
    assertThat(Ticks.dates(open, tenMinutes, 8)).extracting(Ticks.DateTick::label)
        .containsExactly("2024-03-05 09:30", "2024-03-05 09:40");
  }

  @Test
  void shortSeriesAreNotDownsampled() {
    assertThat(Downsampler.indices(2000, 5, new double[5])).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void downsamplingKeepsTheExtremesTheEndsAndAtMostMaxPoints() {
    int n = 100_000;
    Random random = new Random(1);
    double[] dd = new double[n];
    for (int i = 0; i < n; i++) {
      dd[i] = -0.1 * random.nextDouble();
    }
    dd[67_891] = -0.5;
    dd[12_345] = 0.0;
    int[] kept = Downsampler.indices(2000, n, dd);
    assertThat(kept.length).isLessThanOrEqualTo(2000).isGreaterThan(1000);
    assertThat(kept).contains(0, n - 1, 67_891);
    assertThat(kept).isSorted().doesNotHaveDuplicates();
    // the extremes of the kept points are the extremes of the whole series
    assertThat(IntStream.of(kept).mapToDouble(i -> dd[i]).min().orElseThrow()).isEqualTo(-0.5);
    assertThat(IntStream.of(kept).mapToDouble(i -> dd[i]).max().orElseThrow())
        .isEqualTo(Arrays.stream(dd).max().orElseThrow());
  }

  @Test
  void seriesOfAChartAreDownsampledTogetherAndGapsSurvive() {
    int n = 50_000;
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = Math.sin(i / 100.0);
      b[i] = Math.cos(i / 77.0);
      c[i] = i;
    }
    a[4_321] = -3;
    b[40_000] = 5;
    Arrays.fill(c, 20_000, 20_100, Double.NaN);
    int[] kept = Downsampler.indices(2000, n, a, b, c);
    assertThat(kept.length).isLessThanOrEqualTo(2000);
    assertThat(kept).contains(4_321, 40_000);
    assertThat(IntStream.of(kept).filter(i -> Double.isNaN(c[i]))).isNotEmpty();
  }

  @Test
  void heatmapColoursRunFromRedThroughGreyToGreen() {
    assertThat(MonthlyHeatmap.color(-1)).isEqualTo("#c62828");
    assertThat(MonthlyHeatmap.color(0)).isEqualTo("#f7f7f7");
    assertThat(MonthlyHeatmap.color(1)).isEqualTo("#2e7d32");
    // half way to green: 247 + 0.5 * (46 - 247) = 146.5 -> 147 = 0x93, 186 = 0xba, 148.5 -> 149 = 0x95
    assertThat(MonthlyHeatmap.color(0.5)).isEqualTo("#93ba95");
  }

  @Test
  void yearlyTotalsCompoundTheMonths() {
    var yearly = MonthlyHeatmap.yearly(List.of(new MonthlyReturn(2024, 1, 0.1), new MonthlyReturn(2024, 2, -0.1),
        new MonthlyReturn(2023, 7, 0.05)));
    // 1.1 * 0.9 - 1 = -0.01
    assertThat(yearly.get(2024)).isCloseTo(-0.01, within(1e-12));
    assertThat(yearly.get(2023)).isCloseTo(0.05, within(1e-12));
    assertThat(yearly.keySet()).containsExactly(2023, 2024);
  }

  private static long micros(String instant) {
    return Instant.parse(instant).getEpochSecond() * 1_000_000L;
  }
}
