package io.quantflow.models.ml.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitsTest {
  /** 10 samples, t0 = 0, 10, ..., 90 and t1 = t0 + 15: each window overlaps the next sample's. */
  private static final long[] T0 = new long[10];
  private static final long[] T1 = new long[10];

  static {
    for (int i = 0; i < 10; i++) {
      T0[i] = 10L * i;
      T1[i] = T0[i] + 15;
    }
  }

  /**
   * Fold 0 tests 0..4, span [0, 55]: sample 5 (t0 50) is purged, the embargo (55, 70] drops 6 and 7 (its end is
   * inclusive). Fold 1 tests 5..9, span [50, 105]: sample 4 (t1 55) is purged; nothing after the block to embargo.
   */
  @Test
  void purgeAndEmbargoByHand() {
    List<Split> splits = new PurgedKFold(2, 15).split(T0, T1);

    assertThat(splits).hasSize(2);
    assertThat(splits.get(0).test()).containsExactly(0, 1, 2, 3, 4);
    assertThat(splits.get(0).train()).containsExactly(8, 9);
    assertThat(splits.get(1).test()).containsExactly(5, 6, 7, 8, 9);
    assertThat(splits.get(1).train()).containsExactly(0, 1, 2, 3);

    List<Split> noEmbargo = new PurgedKFold(2, 0).split(T0, T1);
    assertThat(noEmbargo.get(0).train()).containsExactly(6, 7, 8, 9);
    assertThat(noEmbargo.get(1).train()).containsExactly(0, 1, 2, 3);
  }

  /** 10 into 3 folds: sizes 4, 3, 3. The middle fold [40, 75] purges 3 and 7; embargo (75, 85] drops 8. */
  @Test
  void unevenFoldsByHand() {
    List<Split> splits = new PurgedKFold(3, 10).split(T0, T1);

    assertThat(splits).extracting(Split::fold).containsExactly(0, 1, 2);
    assertThat(splits.get(0).test()).containsExactly(0, 1, 2, 3);
    assertThat(splits.get(1).test()).containsExactly(4, 5, 6);
    assertThat(splits.get(2).test()).containsExactly(7, 8, 9);
    assertThat(splits.get(1).train()).containsExactly(0, 1, 2, 9);
  }

  /** Irregularly spaced samples, each label ending 5 samples later: overlaps everywhere. */
  @Test
  void purgedKFoldNeverLeaksOnOverlappingLabels() {
    int n = 200;
    long[][] w = overlappingWindows(n, 5, 42);
    long[] t0 = w[0];
    long[] t1 = w[1];
    long embargo = 150;
    List<Split> splits = new PurgedKFold(7, embargo).split(t0, t1);

    assertThat(splits).hasSize(7);
    int[] timesTested = new int[n];
    for (Split s : splits) {
      assertAscendingAndDisjoint(s);
      assertNoOverlap(s, t0, t1);
      long maxT1 = Arrays.stream(s.test()).mapToLong(i -> t1[i]).max().orElseThrow();
      List<Integer> expected = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (contains(s.test(), j) || overlapsAny(j, s.test(), t0, t1)) {
          continue;
        }
        if (t0[j] > maxT1 && t0[j] <= maxT1 + embargo) {
          continue;
        }
        expected.add(j);
      }
      assertThat(s.train()).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
      for (int i : s.test()) {
        timesTested[i]++;
      }
    }
    assertThat(timesTested).containsOnly(1);
  }

  /** 10 samples from 4 on in blocks of 3: tests 4..6 (a = 40) and 7..9 (a = 70), the last one a sample short. */
  @Test
  void walkForwardByHand() {
    List<Split> expanding = WalkForwardSplits.ofTestSize(4, 3).split(T0, T1);
    assertThat(expanding).hasSize(2);
    assertThat(expanding.get(0).test()).containsExactly(4, 5, 6);
    assertThat(expanding.get(0).train()).containsExactly(0, 1, 2); // 3 ends at 45 >= 40
    assertThat(expanding.get(1).test()).containsExactly(7, 8, 9);
    assertThat(expanding.get(1).train()).containsExactly(0, 1, 2, 3, 4, 5); // 6 ends at 75 >= 70

    List<Split> rolling = WalkForwardSplits.ofTestSize(4, 3).rolling(3).split(T0, T1);
    assertThat(rolling.get(0).train()).containsExactly(1, 2);
    assertThat(rolling.get(1).train()).containsExactly(4, 5);

    // the embargo keeps 10 micros between the end of training labels and the test block
    List<Split> gapped = WalkForwardSplits.ofTestSize(4, 3).withEmbargoMicros(10).split(T0, T1);
    assertThat(gapped.get(0).train()).containsExactly(0, 1);
    assertThat(gapped.get(1).train()).containsExactly(0, 1, 2, 3, 4);

    List<Split> stepped = WalkForwardSplits.ofSteps(4, 4).split(T0, T1);
    assertThat(stepped).extracting(s -> s.test().length).containsExactly(2, 2, 1, 1);
    assertThat(stepped.get(3).test()).containsExactly(9);

    assertThat(WalkForwardSplits.ofTestSize(4, 4).split(T0, T1)).extracting(s -> s.test().length)
        .containsExactly(4, 2);
  }

  @Test
  void walkForwardTrainsOnlyOnThePast() {
    int n = 200;
    long[][] w = overlappingWindows(n, 5, 7);
    for (WalkForwardSplits wf : List.of(WalkForwardSplits.ofTestSize(50, 17),
        WalkForwardSplits.ofSteps(30, 6).rolling(40).withEmbargoMicros(100))) {
      List<Split> splits = wf.split(w[0], w[1]);
      int next = splits.get(0).test()[0];
      for (Split s : splits) {
        assertAscendingAndDisjoint(s);
        assertNoOverlap(s, w[0], w[1]);
        assertThat(s.test()[0]).isEqualTo(next);
        next = s.test()[s.test().length - 1] + 1;
        for (int j : s.train()) {
          assertThat(j).isLessThan(s.test()[0]);
        }
      }
      assertThat(next).isEqualTo(n);
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new PurgedKFold(1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k'");
    assertThatThrownBy(() -> new PurgedKFold(11, 0).split(T0, T1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k = 11");
    assertThatThrownBy(() -> new PurgedKFold(2, 0).split(new long[] {5, 1}, new long[] {6, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted");
    assertThatThrownBy(() -> new PurgedKFold(2, 0).split(new long[] {1, 5}, new long[] {0, 6}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1Micros");
    assertThatThrownBy(() -> new PurgedKFold(2, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("embargoMicros");
    assertThatThrownBy(() -> WalkForwardSplits.ofTestSize(10, 1).split(T0, T1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minTrainSize");
    assertThatThrownBy(() -> WalkForwardSplits.ofSteps(4, 7).split(T0, T1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
  }

  /** t0 with random gaps of 1..100 micros; t1 = t0 of the sample {@code horizon} later (or beyond the end). */
  private static long[][] overlappingWindows(int n, int horizon, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] t = new long[n + horizon];
    for (int i = 1; i < t.length; i++) {
      t[i] = t[i - 1] + 1 + random.nextInt(100);
    }
    long[] t0 = Arrays.copyOf(t, n);
    long[] t1 = new long[n];
    for (int i = 0; i < n; i++) {
      t1[i] = t[i + horizon];
    }
    return new long[][] {t0, t1};
  }

  private static void assertAscendingAndDisjoint(Split s) {
    assertThat(s.train()).isSorted();
    assertThat(s.test()).isSorted().isNotEmpty();
    for (int i : s.train()) {
      assertThat(s.test()).doesNotContain(i);
    }
  }

  private static void assertNoOverlap(Split s, long[] t0, long[] t1) {
    for (int j : s.train()) {
      assertThat(overlapsAny(j, s.test(), t0, t1)).as("train %d overlaps fold %d", j, s.fold()).isFalse();
    }
  }

  private static boolean overlapsAny(int j, int[] test, long[] t0, long[] t1) {
    for (int i : test) {
      if (Math.max(t0[i], t0[j]) <= Math.min(t1[i], t1[j])) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(int[] values, int v) {
    return Arrays.stream(values).anyMatch(x -> x == v);
  }
}
