package io.quantflow.jobs.optimize;

import io.quantflow.domain.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a walk-forward analysis: train on the sessions {@code trainStart..trainEnd}, then trade the chosen
 * parameters out of sample on {@code testStart..testEnd}, which lies wholly after the train sessions. Dates are New
 * York session dates, both ends inclusive. Immutable.
 *
 * @param index the step, 0 first
 * @param trainStart first train session
 * @param trainEnd last train session
 * @param testStart first test session, the session after {@code trainEnd}
 * @param testEnd last test session
 */
public record WalkForwardWindow(int index, LocalDate trainStart, LocalDate trainEnd, LocalDate testStart,
    LocalDate testEnd) {

  /** Checks the order of the dates. */
  public WalkForwardWindow {
    Checks.isTrue(index >= 0, "Argument 'index' must not be negative but was %s", index);
    Checks.isTrue(trainStart != null && trainEnd != null && testStart != null && testEnd != null,
        "Walk-forward window %s needs all four dates", index);
    Checks.isTrue(!trainEnd.isBefore(trainStart) && trainEnd.isBefore(testStart) && !testEnd.isBefore(testStart),
        "Walk-forward window %s needs trainStart <= trainEnd < testStart <= testEnd but was %s, %s, %s, %s", index,
        trainStart, trainEnd, testStart, testEnd);
  }

  /**
   * The windows over {@code sessions}. Step {@code k} tests the {@code test} sessions starting at
   * {@code k * step + train}; it trains on the {@code train} sessions before them (rolling) or on every session
   * from the first (anchored). The last test window is cut short at the last session; steps whose test window
   * would start after it are left out.
   *
   * @param sessions the trading sessions, in order
   * @param train sessions per train window (the first one when anchored), at least 1
   * @param test sessions per test window, at least 1
   * @param step sessions between steps, at least {@code test} so test windows never overlap
   * @param anchored whether every train window starts at the first session
   * @throws IllegalArgumentException when the sessions cannot hold one train window and one test session
   */
  public static List<WalkForwardWindow> plan(List<LocalDate> sessions, int train, int test, int step,
      boolean anchored) {
    Checks.notNull(sessions, "sessions");
    Checks.positive(train, "train");
    Checks.positive(test, "test");
    Checks.isTrue(step >= test, "Argument 'step' (%s) must be at least 'test' (%s) so test windows do not overlap",
        step, test);
    Checks.isTrue(sessions.size() > train, "A walk-forward with %s train sessions needs at least %s sessions but "
        + "the window has %s; lengthen the window or shorten walkForward.train", train, train + 1, sessions.size());
    List<WalkForwardWindow> out = new ArrayList<>();
    for (int k = 0; ; k++) {
      int testFirst = k * step + train;
      if (testFirst >= sessions.size()) {
        return out;
      }
      int trainFirst = anchored ? 0 : testFirst - train;
      int testLast = Math.min(testFirst + test, sessions.size()) - 1;
      out.add(new WalkForwardWindow(k, sessions.get(trainFirst), sessions.get(testFirst - 1),
          sessions.get(testFirst), sessions.get(testLast)));
    }
  }

  /**
   * The train window: New York midnight starting {@code trainStart} to New York midnight after {@code trainEnd},
   * which is at or before the test window's start; features warm up from {@code warmupDays} sessions earlier.
   */
  public TrialEvaluator.Window trainWindow(int warmupDays) {
    return Sessions.window(trainStart, trainEnd, warmupDays);
  }

  /**
   * The test window: New York midnight starting {@code testStart} to New York midnight after {@code testEnd}. Its
   * warm-up starts {@code warmupDays} sessions earlier and may reach into the train sessions: those bars only warm
   * up indicators, they are neither traded nor used to choose parameters.
   */
  public TrialEvaluator.Window testWindow(int warmupDays) {
    return Sessions.window(testStart, testEnd, warmupDays);
  }
}
