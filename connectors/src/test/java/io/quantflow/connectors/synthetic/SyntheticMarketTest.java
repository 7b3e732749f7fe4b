package io.quantflow.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMarketTest {
  private static final long MINUTE = 60_000_000L;
  /** 20 symbols x 20 trading days (2024-01-02 to 2024-01-30) of 1m bars: about 156,000 bars. */
  private static final SyntheticConfig SMALL = SyntheticConfig.defaults(20, 20, Timeframe.M1, 7);
  private static Map<String, List<Bar>> small;

  @TempDir Path dir;

  @BeforeAll
  static void generateSmallUniverse() {
    small = SyntheticMarket.barsFor(SMALL).stream()
        .collect(Collectors.groupingBy(Bar::symbol, TreeMap::new, Collectors.toList()));
  }

  private static LocalDate dateOf(Bar b) {
    return Instant.ofEpochSecond(b.timestampMicros() / 1_000_000L).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Minutes since the session open. */
  private static int minuteOf(Bar b) {
    return (int) ((b.timestampMicros() - UsEquityCalendar.sessionOpenMicros(dateOf(b))) / MINUTE);
  }

  private static Map<LocalDate, List<Bar>> byDay(List<Bar> bars) {
    return bars.stream().collect(Collectors.groupingBy(SyntheticMarketTest::dateOf, TreeMap::new,
        Collectors.toList()));
  }

  private static void compareFiles(BarStore a, BarStore b, Timeframe tf, boolean same) throws Exception {
    List<Path> fa = a.files(tf);
    assertThat(fa).isNotEmpty();
    assertThat(b.files(tf).stream().map(f -> b.root().relativize(f)).toList())
        .isEqualTo(fa.stream().map(f -> a.root().relativize(f)).toList());
    for (Path f : fa) {
      byte[] x = Files.readAllBytes(f);
      byte[] y = Files.readAllBytes(b.root().resolve(a.root().relativize(f)));
      assertThat(Arrays.equals(x, y)).as(f.toString()).isEqualTo(same);
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesForAnyNumberOfThreads() throws Exception {
    // 25 days cross into February, so each symbol has two monthly files.
    SyntheticConfig cfg = SyntheticConfig.defaults(6, 25, Timeframe.M1, 42);
    BarStore one = BarStore.at(dir.resolve("one"));
    BarStore two = BarStore.at(dir.resolve("two"));
    BarStore other = BarStore.at(dir.resolve("other"));
    List<String> lines = new ArrayList<>();
    GenerateReport r1 = SyntheticMarket.generate(cfg, one, 1, lines::add);
    GenerateReport r2 = SyntheticMarket.generate(cfg, two, 2, s -> {});
    SyntheticMarket.generate(cfg.toBuilder().seed(43).build(), other, 2, s -> {});

    assertThat(r2).isEqualTo(r1);
    compareFiles(one, two, Timeframe.M1, true);
    compareFiles(one, other, Timeframe.M1, false);

    assertThat(r1.symbols()).containsExactly("SYN0001", "SYN0002", "SYN0003", "SYN0004", "SYN0005", "SYN0006");
    assertThat(r1.firstSession()).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(r1.lastSession()).isEqualTo(LocalDate.of(2024, 2, 6));
    assertThat(r1.filesWritten()).isEqualTo(12);
    List<Bar> stored = one.read(Timeframe.M1);
    assertThat(r1.barsWritten()).isEqualTo(stored.size());
    assertThat(stored).isEqualTo(SyntheticMarket.barsFor(cfg));
    // The same bytes as BarStore.write of the same bars, and regenerating over existing files merges to the same.
    BarStore viaStore = BarStore.at(dir.resolve("via-store"));
    viaStore.write(stored);
    compareFiles(one, viaStore, Timeframe.M1, true);
    assertThat(SyntheticMarket.generate(cfg, two, 2, s -> {})).isEqualTo(r1);
    compareFiles(one, two, Timeframe.M1, true);
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1)).matches("generated 6/6 symbols, [0-9.]+K bars, [0-9]+ s");
  }

  @Test
  void barsAreValidTicksInsideTheSessionAndNotOnHolidays() {
    for (List<Bar> bars : small.values()) {
      for (Bar b : bars) {
        assertThat(b.volume()).isGreaterThanOrEqualTo(1);
        assertThat(b.tradeCount()).isGreaterThanOrEqualTo(1);
        assertThat(b.vwap()).isBetween(b.low(), b.high());
        assertThat(b.close() * 100).isCloseTo(Math.rint(b.close() * 100), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(minuteOf(b)).isBetween(0, 389);
        assertThat(b.timestampMicros() % MINUTE).isZero();
      }
      assertThat(bars).extracting(SyntheticMarketTest::dateOf).doesNotContain(LocalDate.of(2024, 1, 15));
      assertThat(byDay(bars)).hasSize(20);
    }
    // Across the switch to daylight saving time (2024-03-10) and Good Friday (2024-03-29).
    SyntheticConfig dst = SyntheticConfig.builder(2, 20, Timeframe.M5, 9).startDate(LocalDate.of(2024, 3, 6))
        .build();
    Map<LocalDate, List<Bar>> days = byDay(SyntheticMarket.barsFor(dst, "SYN0002"));
    assertThat(days.keySet()).contains(LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 11))
        .doesNotContain(LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 29))
        .hasSize(20);
    days.forEach((day, bars) -> {
      long open = UsEquityCalendar.sessionOpenMicros(day);
      assertThat(bars).allSatisfy(b -> assertThat(b.timestampMicros()).isBetween(open, open + 385 * MINUTE));
    });
    assertThat(days.get(LocalDate.of(2024, 3, 8)).get(0).timestampMicros())
        .isEqualTo(Instant.parse("2024-03-08T14:30:00Z").getEpochSecond() * 1_000_000L);
    assertThat(days.get(LocalDate.of(2024, 3, 11)).get(0).timestampMicros())
        .isEqualTo(Instant.parse("2024-03-11T13:30:00Z").getEpochSecond() * 1_000_000L);
  }

  @Test
  void returnsAreCorrelatedThroughTheMarketFactor() {
    // Minute log returns, aligned by (day, minute); NaN where a bar is missing (halts).
    int n = SMALL.days() * 390;
    List<double[]> returns = new ArrayList<>();
    for (List<Bar> bars : small.values()) {
      double[] r = new double[n];
      Arrays.fill(r, Double.NaN);
      List<LocalDate> dates = new ArrayList<>(byDay(bars).keySet());
      for (int i = 1; i < bars.size(); i++) {
        Bar p = bars.get(i - 1);
        Bar b = bars.get(i);
        if (dateOf(p).equals(dateOf(b)) && minuteOf(b) == minuteOf(p) + 1) {
          r[dates.indexOf(dateOf(b)) * 390 + minuteOf(b)] = Math.log(b.close() / p.close());
        }
      }
      returns.add(r);
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < returns.size(); i++) {
      for (int j = i + 1; j < returns.size(); j++) {
        sum += correlation(returns.get(i), returns.get(j));
        pairs++;
      }
    }
    assertThat(sum / pairs).isGreaterThan(0.15).isLessThan(0.6);
  }

  @Test
  void minuteReturnsHaveFatTails() {
    // Pooled returns standardised per symbol, so the kurtosis is not just from mixing symbols of different vols.
    List<Double> pooled = new ArrayList<>();
    for (List<Bar> bars : small.values()) {
      double[] r = new double[bars.size() - 1];
      for (int i = 1; i < bars.size(); i++) {
        r[i - 1] = Math.log(bars.get(i).close() / bars.get(i - 1).close());
      }
      double mean = Arrays.stream(r).average().orElseThrow();
      double sd = Math.sqrt(Arrays.stream(r).map(x -> (x - mean) * (x - mean)).average().orElseThrow());
      Arrays.stream(r).forEach(x -> pooled.add((x - mean) / sd));
    }
    double m4 = pooled.stream().mapToDouble(x -> x * x * x * x).average().orElseThrow();
    assertThat(m4 - 3).as("excess kurtosis").isGreaterThan(1);
  }

  @Test
  void volumeIsUShapedWithinTheDay() {
    double[] sum = new double[390];
    for (List<Bar> bars : small.values()) {
      double total = bars.stream().mapToDouble(Bar::volume).sum(); // weigh symbols equally
      bars.forEach(b -> sum[minuteOf(b)] += b.volume() / total);
    }
    double first = Arrays.stream(sum, 0, 30).average().orElseThrow();
    double last = Arrays.stream(sum, 360, 390).average().orElseThrow();
    double midday = Arrays.stream(sum, 165, 225).average().orElseThrow();
    assertThat(first).isGreaterThan(1.5 * midday);
    assertThat(last).isGreaterThan(1.5 * midday);
  }

  @Test
  void sessionsOpenWithOvernightGaps() {
    List<Double> gaps = new ArrayList<>();
    for (List<Bar> bars : small.values()) {
      List<List<Bar>> days = new ArrayList<>(byDay(bars).values());
      for (int d = 1; d < days.size(); d++) {
        List<Bar> prev = days.get(d - 1);
        gaps.add(Math.log(days.get(d).get(0).open() / prev.get(prev.size() - 1).close()));
      }
    }
    assertThat(gaps.stream().filter(g -> g != 0).count()).isGreaterThan(gaps.size() * 9 / 10);
    double sd = Math.sqrt(gaps.stream().mapToDouble(g -> g * g).average().orElseThrow());
    assertThat(sd).isBetween(0.004, 0.05);
  }

  @Test
  void haltsAreContiguousWindowsOfMissingBars() {
    SyntheticConfig cfg = SMALL.toBuilder().haltProbability(0.03).timeframe(Timeframe.M1).build();
    BarStore store = BarStore.at(dir);
    GenerateReport report = SyntheticMarket.generate(cfg, store, 2, s -> {});
    int halts = 0;
    for (List<Bar> bars : byDayAndSymbol(store.read(Timeframe.M1))) {
      assertThat(minuteOf(bars.get(0))).isZero();
      assertThat(minuteOf(bars.get(bars.size() - 1))).isEqualTo(389);
      int missing = 390 - bars.size();
      if (missing > 0) {
        halts++;
        assertThat(missing).isBetween(5, 30);
        // One window: exactly one jump between consecutive bars, spanning all the missing minutes.
        List<Integer> jumps = new ArrayList<>();
        for (int i = 1; i < bars.size(); i++) {
          int step = minuteOf(bars.get(i)) - minuteOf(bars.get(i - 1));
          if (step != 1) {
            jumps.add(step);
          }
        }
        assertThat(jumps).containsExactly(missing + 1);
      }
    }
    assertThat(halts).isPositive().isEqualTo(report.halts());
  }

  private static List<List<Bar>> byDayAndSymbol(List<Bar> bars) {
    return new ArrayList<>(bars.stream().collect(Collectors.groupingBy(b -> b.symbol() + dateOf(b), TreeMap::new,
        Collectors.toList())).values());
  }

  @Test
  void everyTimeframeHasItsBarsPerDay() {
    Map<Timeframe, Integer> perDay = Map.of(Timeframe.S1, 23_400, Timeframe.S15, 1_560, Timeframe.M1, 390,
        Timeframe.M5, 78, Timeframe.M15, 26, Timeframe.H1, 7, Timeframe.D1, 1);
    for (Timeframe tf : Timeframe.values()) {
      int days = tf.durationMicros() < MINUTE ? 1 : 3;
      SyntheticConfig cfg = SyntheticConfig.builder(1, days, tf, 3).haltProbability(0).build();
      Map<LocalDate, List<Bar>> bars = byDay(SyntheticMarket.barsFor(cfg, "SYN0001"));
      assertThat(bars).as(tf.label()).hasSize(days);
      bars.values().forEach(day -> assertThat(day).as(tf.label()).hasSize(perDay.get(tf)));
      List<Bar> first = bars.get(LocalDate.of(2024, 1, 2));
      long expected = switch (tf) {
        case H1 -> Instant.parse("2024-01-02T14:00:00Z").getEpochSecond();
        case D1 -> Instant.parse("2024-01-02T00:00:00Z").getEpochSecond();
        default -> Instant.parse("2024-01-02T14:30:00Z").getEpochSecond();
      };
      assertThat(first.get(0).timestampMicros()).as(tf.label()).isEqualTo(expected * 1_000_000L);
      assertThat(first.get(first.size() - 1).availableAtMicros()).as(tf.label())
          .isEqualTo(tf == Timeframe.D1 ? Instant.parse("2024-01-03T00:00:00Z").getEpochSecond() * 1_000_000L
              : Instant.parse("2024-01-02T21:00:00Z").getEpochSecond() * 1_000_000L);
    }
  }

  @Test
  void coarserTimeframesAggregateTheFinerPath() {
    SyntheticConfig m1 = SyntheticConfig.builder(2, 3, Timeframe.M1, 11).haltProbability(0.3).build();
    for (Timeframe tf : List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1)) {
      assertAggregates(m1, tf);
    }
    assertAggregates(SyntheticConfig.builder(1, 1, Timeframe.S1, 11).build(), Timeframe.S15);
  }

  private static void assertAggregates(SyntheticConfig fine, Timeframe tf) {
    List<Bar> expected = new ArrayList<>();
    Map<String, List<Bar>> buckets = SyntheticMarket.barsFor(fine).stream().collect(Collectors.groupingBy(
        b -> b.symbol() + "/" + (tf == Timeframe.D1 ? dateOf(b).toString() : Long.toString(tf.startOf(
            b.timestampMicros()) + 1_000_000_000_000_000L)), TreeMap::new, Collectors.toList()));
    for (List<Bar> g : buckets.values()) {
      Bar f = g.get(0);
      long ts = tf == Timeframe.D1 ? dateOf(f).toEpochDay() * tf.durationMicros() : tf.startOf(f.timestampMicros());
      double volume = g.stream().mapToDouble(Bar::volume).sum();
      double vwap = g.stream().mapToDouble(b -> b.vwap() * b.volume()).sum() / volume;
      expected.add(new Bar(f.symbol(), tf, ts, f.open(), g.stream().mapToDouble(Bar::high).max().orElseThrow(),
          g.stream().mapToDouble(Bar::low).min().orElseThrow(), g.get(g.size() - 1).close(), volume,
          g.stream().mapToLong(Bar::tradeCount).sum(), vwap));
    }
    List<Bar> actual = SyntheticMarket.barsFor(fine.toBuilder().timeframe(tf).build());
    assertThat(actual).as(tf.label()).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      Bar a = actual.get(i);
      Bar e = expected.get(i);
      assertThat(a.vwap()).as(tf.label()).isCloseTo(e.vwap(), org.assertj.core.data.Percentage.withPercentage(1e-9));
      assertThat(new Bar(a.symbol(), tf, a.timestampMicros(), a.open(), a.high(), a.low(), a.close(), a.volume(),
          a.tradeCount(), e.vwap())).as(tf.label()).isEqualTo(e);
    }
  }

  @Test
  void volatileRegimesScaleVolatilityAndVolume() {
    // Same seed, so the same innovations; only the regime differs: calm throughout vs volatile from day 1 on.
    SyntheticConfig.Builder b = SyntheticConfig.builder(4, 10, Timeframe.M5, 5).jumps(0, 0).marketJumps(0, 0)
        .haltProbability(0);
    List<Bar> calm = SyntheticMarket.barsFor(b.highVolSwitching(0, 0).build());
    List<Bar> wild = SyntheticMarket.barsFor(b.highVolSwitching(1, 0).build());
    assertThat(realisedVol(wild) / realisedVol(calm)).isBetween(1.8, 2.2);
    double volumeRatio = wild.stream().filter(x -> !dateOf(x).equals(LocalDate.of(2024, 1, 2)))
        .mapToDouble(Bar::volume).sum()
        / calm.stream().filter(x -> !dateOf(x).equals(LocalDate.of(2024, 1, 2))).mapToDouble(Bar::volume).sum();
    assertThat(volumeRatio).isBetween(1.45, 1.55);
  }

  /** Root mean square of 5-minute log returns within days after the first. */
  private static double realisedVol(List<Bar> bars) {
    double sum = 0;
    int n = 0;
    for (int i = 1; i < bars.size(); i++) {
      Bar p = bars.get(i - 1);
      Bar c = bars.get(i);
      if (p.symbol().equals(c.symbol()) && dateOf(p).equals(dateOf(c)) && !dateOf(c).equals(LocalDate.of(2024, 1, 2))) {
        double r = Math.log(c.close() / p.close());
        sum += r * r;
        n++;
      }
    }
    return Math.sqrt(sum / n);
  }

  @Test
  void aSmallerUniverseIsAPrefixOfALargerOne() {
    SyntheticConfig big = SyntheticConfig.defaults(8, 12, Timeframe.M15, 21);
    SyntheticConfig little = big.toBuilder().symbols(3).days(5).build();
    List<Bar> all = SyntheticMarket.barsFor(big, "SYN0003");
    List<Bar> part = SyntheticMarket.barsFor(little, "SYN0003");
    assertThat(all.subList(0, part.size())).isEqualTo(part);
    assertThat(all.get(part.size()).timestampMicros()).isGreaterThan(part.get(part.size() - 1).timestampMicros());
  }

  @Test
  void namesSymbolsUniquelyAndRejectsUnknownOnes() {
    List<String> names = SyntheticMarket.symbols(SyntheticConfig.defaults(12_345, 1, Timeframe.D1, 1));
    assertThat(names).hasSize(12_345).doesNotHaveDuplicates().allMatch(s -> s.matches("SYN[0-9]{5}"));
    assertThat(names.get(0)).isEqualTo("SYN00001");
    assertThatThrownBy(() -> SyntheticMarket.barsFor(SMALL, "SYN0021"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Symbol 'SYN0021' is not in the synthetic universe of 20 symbols: SYN0001 to SYN0020");
  }

  private static double correlation(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sx += x[i];
        sy += y[i];
        n++;
      }
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
      }
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
