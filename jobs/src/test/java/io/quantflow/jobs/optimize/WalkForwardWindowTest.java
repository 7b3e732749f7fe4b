package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.calendar.ExchangeCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Window arithmetic over the NYSE sessions of 2024-01-02..2024-01-19: 13 sessions, because 2024-01-01 (New Year)
 * and 2024-01-15 (Martin Luther King Jr. Day) are holidays.
 *
 * <pre>
 * index    0  1  2  3  4  5  6  7  8  9 10 11 12
 * January  2  3  4  5  8  9 10 11 12 16 17 18 19
 * </pre>
 */
class WalkForwardWindowTest {
  private static final List<LocalDate> SESSIONS =
      ExchangeCalendar.nyse().tradingDays(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 19));

  private static LocalDate jan(int day) {
    return LocalDate.of(2024, 1, day);
  }

  @Test
  void theCalendarRangeIsTheOneListed() {
    assertThat(SESSIONS).extracting(LocalDate::getDayOfMonth)
        .containsExactly(2, 3, 4, 5, 8, 9, 10, 11, 12, 16, 17, 18, 19);
  }

  @Test
  void rollingWindowsMoveTrainAndTestByTheStep() {
    // train 5, test 2, step 2: step k tests sessions 5+2k and 6+2k and trains on the 5 sessions before them
    assertThat(WalkForwardWindow.plan(SESSIONS, 5, 2, 2, false)).containsExactly(
        new WalkForwardWindow(0, jan(2), jan(8), jan(9), jan(10)),     // train 0-4, test 5-6
        new WalkForwardWindow(1, jan(4), jan(10), jan(11), jan(12)),   // train 2-6, test 7-8
        new WalkForwardWindow(2, jan(8), jan(12), jan(16), jan(17)),   // train 4-8, test 9-10 (across the holiday)
        new WalkForwardWindow(3, jan(10), jan(17), jan(18), jan(19))); // train 6-10, test 11-12
  }

  @Test
  void anchoredWindowsAllTrainFromTheFirstSession() {
    assertThat(WalkForwardWindow.plan(SESSIONS, 5, 2, 2, true)).containsExactly(
        new WalkForwardWindow(0, jan(2), jan(8), jan(9), jan(10)),
        new WalkForwardWindow(1, jan(2), jan(10), jan(11), jan(12)),
        new WalkForwardWindow(2, jan(2), jan(12), jan(16), jan(17)),
        new WalkForwardWindow(3, jan(2), jan(17), jan(18), jan(19)));
  }

  @Test
  void aStepLongerThanTheTestLeavesSessionsUntested() {
    // train 5, test 2, step 3: tests 5-6, 8-9, 11-12; sessions 7 (Jan 11) and 10 (Jan 17) are never tested
    assertThat(WalkForwardWindow.plan(SESSIONS, 5, 2, 3, false)).containsExactly(
        new WalkForwardWindow(0, jan(2), jan(8), jan(9), jan(10)),     // train 0-4
        new WalkForwardWindow(1, jan(5), jan(11), jan(12), jan(16)),   // train 3-7
        new WalkForwardWindow(2, jan(10), jan(17), jan(18), jan(19))); // train 6-10
  }

  @Test
  void theLastTestWindowIsCutShortAtTheLastSession() {
    // train 5, test 3: tests 5-7, 8-10, then 11-13 cut to 11-12
    assertThat(WalkForwardWindow.plan(SESSIONS, 5, 3, 3, false)).containsExactly(
        new WalkForwardWindow(0, jan(2), jan(8), jan(9), jan(11)),     // train 0-4, test 5-7
        new WalkForwardWindow(1, jan(5), jan(11), jan(12), jan(17)),   // train 3-7, test 8-10
        new WalkForwardWindow(2, jan(10), jan(17), jan(18), jan(19))); // train 6-10, test 11-12: 2 sessions
  }

  @Test
  void windowsRunFromNewYorkMidnightToNewYorkMidnight() {
    WalkForwardWindow w = WalkForwardWindow.plan(SESSIONS, 5, 2, 2, false).get(0);
    // train 2024-01-02..08 with 1 warm-up session: from Fri 2023-12-29 (Jan 1 is a holiday), 00:00 New York =
    // 05:00Z in winter: 1703826000 s; start 2024-01-02T05:00Z = 1704171600 s; end 2024-01-09T05:00Z = 1704776400 s
    assertThat(w.trainWindow(1)).isEqualTo(new TrialEvaluator.Window(1_703_826_000_000_000L,
        1_704_171_600_000_000L, 1_704_776_400_000_000L));
    // the test starts where the train window ends; its warm-up (2 sessions: Jan 5 and Jan 8) reaches into train
    // bars: 2024-01-05T05:00Z = 1704430800 s; end 2024-01-11T05:00Z = 1704949200 s
    assertThat(w.testWindow(2)).isEqualTo(new TrialEvaluator.Window(1_704_430_800_000_000L,
        1_704_776_400_000_000L, 1_704_949_200_000_000L));
  }

  @Test
  void windowsFollowDaylightSavingTime() {
    // 2024-03-10 moves New York to UTC-4: a window of Fri 03-08 and Mon 03-11 runs from 03-08T05:00Z to
    // 03-12T04:00Z (1709874000 s to 1710216000 s); Mon 03-11 starts at 04:00Z (1710129600 s)
    List<LocalDate> march = ExchangeCalendar.nyse().tradingDays(LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 12));
    WalkForwardWindow w = WalkForwardWindow.plan(march, 2, 1, 1, false).get(0);
    assertThat(w.trainWindow(0)).isEqualTo(new TrialEvaluator.Window(1_709_874_000_000_000L,
        1_709_874_000_000_000L, 1_710_216_000_000_000L));
    assertThat(w.testWindow(1).warmupStartMicros()).isEqualTo(1_710_129_600_000_000L);
  }

  @Test
  void trainWindowsEndAtOrBeforeTheirTestStart() {
    for (boolean anchored : new boolean[] {false, true}) {
      for (WalkForwardWindow w : WalkForwardWindow.plan(SESSIONS, 3, 2, 2, anchored)) {
        assertThat(w.trainWindow(4).endMicros()).isLessThanOrEqualTo(w.testWindow(4).startMicros());
      }
    }
  }

  @Test
  void impossiblePlansSayWhy() {
    assertThatThrownBy(() -> WalkForwardWindow.plan(SESSIONS, 13, 1, 1, false))
        .hasMessageContaining("needs at least 14 sessions but the window has 13");
    assertThatThrownBy(() -> WalkForwardWindow.plan(SESSIONS, 5, 3, 2, false))
        .hasMessageContaining("Argument 'step' (2) must be at least 'test' (3)");
  }

  @Test
  void stitchingChainsEachSegmentOntoThePreviousFinalEquity() {
    TrialEvaluator.TrialResult a = new TrialEvaluator.TrialResult(new long[] {10, 20, 30},
        new double[] {100, 110, 99}, Map.of(), 252);
    TrialEvaluator.TrialResult b = new TrialEvaluator.TrialResult(new long[] {40, 50, 60},
        new double[] {100, 120, 90}, Map.of(), 252);
    WalkForwardJob.Stitched s = WalkForwardJob.stitch(List.of(a, b));
    // segment b's returns +20 % and -25 % compound on 99: 99 * 1.2 = 118.8, 118.8 * 0.75 = 89.1; its own start
    // (time 40, at its initial cash) adds no point
    assertThat(s.timesMicros()).containsExactly(10, 20, 30, 50, 60);
    assertThat(s.equity()).containsExactly(new double[] {100, 110, 99, 118.8, 89.1},
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.segments()).containsExactly(0, 0, 0, 1, 1);
  }
}
