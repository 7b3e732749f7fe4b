package io.quantflow.models.risk.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.testing.SampleBars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Worst days of an equal-weighted index of the 12 stocks of the bundled real daily sample
 * ({@code data/sample/daily}, AlphaVantage adjusted closes, see its SOURCE.md). The expected dates and returns were
 * computed independently with Python over the gz files (returns between consecutive dates inside the year):
 *
 * <pre>
 * cd data/sample/daily && python3 -c "
 * import gzip,glob,csv
 * px={f.split('.')[0]:{r['timestamp']:float(r['adjusted_close']) for r in csv.DictReader(gzip.open(f,'rt'))}
 *     for f in glob.glob('*.csv.gz')}
 * for lo,hi in [('2008-01-01','2008-12-31'),('2020-01-01','2020-12-31')]:
 *   d=sorted(x for x in px['AAPL'] if lo<=x<=hi)
 *   print(sorted((sum(px[s][d[i]]/px[s][d[i-1]]-1 for s in px)/len(px),d[i]) for i in range(1,len(d)))[:2])"
 * </pre>
 *
 * which prints {@code (-0.1109273458561696, '2008-09-15'), (-0.1080332258036842, '2008-12-01')} and
 * {@code (-0.11969808938930382, '2020-03-16'), (-0.10708397555676404, '2020-03-12')} (all 12 files have the same
 * 1,593 dates).
 */
class SampleDailyCrisisTest {
  private static Map<String, Map<LocalDate, Double>> closes;

  @BeforeAll
  static void readSample() throws IOException {
    closes = new TreeMap<>();
    Path dir = SampleBars.repoRoot().resolve("data/sample/daily");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv.gz")) {
      for (Path file : files) {
        closes.put(file.getFileName().toString().replace(".csv.gz", ""), adjustedCloses(file));
      }
    }
    assertThat(closes).hasSize(12);
  }

  /** {@code timestamp,open,high,low,close,adjusted_close,...}: the date and the sixth column. */
  private static Map<LocalDate, Double> adjustedCloses(Path file) throws IOException {
    Map<LocalDate, Double> out = new TreeMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      assertThat(header.split(",")[5]).isEqualTo("adjusted_close");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        out.put(LocalDate.parse(f[0]), Double.parseDouble(f[5]));
      }
    }
    return out;
  }

  /** The equal-weighted panel of the closes in {@code [from, to]} only, so no return spans a gap in the sample. */
  private static NavigableMap<LocalDate, Map<String, Double>> panel(LocalDate from, LocalDate to) {
    Map<LocalDate, Map<String, Double>> byDate = new TreeMap<>();
    closes.forEach((symbol, series) -> series.forEach((date, price) -> {
      if (!date.isBefore(from) && !date.isAfter(to)) {
        byDate.computeIfAbsent(date, x -> new TreeMap<>()).put(symbol, price);
      }
    }));
    return HistoricalScenarios.withEqualWeightIndex(HistoricalScenarios.fromAdjustedCloses(byDate), "EW12");
  }

  @Test
  void theWorstDayOf2008IsLehmansBankruptcy() {
    NavigableMap<LocalDate, Map<String, Double>> p = panel(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31));
    List<HistoricalScenario> worst = HistoricalScenarios.worstDays(p, p.keySet(), "EW12", 2);
    assertThat(worst.get(0).from()).isEqualTo(LocalDate.of(2008, 9, 15));
    assertThat(worst.get(0).indexReturn()).isCloseTo(-0.11092734585616959, within(1e-12));
    assertThat(worst.get(1).from()).isEqualTo(LocalDate.of(2008, 12, 1));
    assertThat(worst.get(0).returnBySymbol()).hasSize(13); // 12 stocks and the index
  }

  @Test
  void theWorstDayOf2020IsTheSixteenthOfMarch() {
    NavigableMap<LocalDate, Map<String, Double>> p = panel(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
    List<HistoricalScenario> worst = HistoricalScenarios.worstDays(p, p.keySet(), "EW12", 2);
    assertThat(worst.get(0).from()).isEqualTo(LocalDate.of(2020, 3, 16));
    assertThat(worst.get(0).indexReturn()).isCloseTo(-0.11969808938930382, within(1e-12));
    assertThat(worst.get(1).from()).isEqualTo(LocalDate.of(2020, 3, 12));
  }

  @Test
  void anEqualWeightBookLosesTheIndexReturnOnItsWorstDayAndAProxiedEtfFollowsItsBeta() {
    NavigableMap<LocalDate, Map<String, Double>> p = panel(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
    HistoricalScenario worst = HistoricalScenarios.worstDays(p, p.keySet(), "EW12", 1).get(0);
    Map<String, Double> book = new TreeMap<>();
    closes.keySet().forEach(s -> book.put(s, 10_000.0));
    StressResult r = StressTest.replay(worst, StressInputs.of(new Exposures(book, 120_000), Map.of()));
    // 10000 in each of the 12 is the equal-weighted index: the loss is its return
    assertThat(r.pnlFraction()).isCloseTo(-0.11969808938930382, within(1e-12));
    // a symbol that is not in the sample (an ETF) is proxied through its beta, estimated here on JPM
    Map<String, Double> betas = HistoricalScenarios.betas(p, "EW12", List.of("JPM"));
    StressResult proxied = StressTest.replay(worst, StressInputs.of(new Exposures(Map.of("XLF", 50_000.0),
        100_000), Map.of("XLF", betas.get("JPM"))));
    assertThat(proxied.proxied()).extracting(ProxiedPosition::symbol).containsExactly("XLF");
    assertThat(proxied.pnl()).isCloseTo(50_000 * betas.get("JPM") * -0.11969808938930382, within(1e-6));
  }
}
