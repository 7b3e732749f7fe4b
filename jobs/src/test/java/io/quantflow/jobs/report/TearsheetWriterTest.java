package io.quantflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TearsheetWriterTest {
  static final List<String> CHART_IDS = List.of("chart-equity", "chart-equity-log", "chart-drawdown",
      "chart-rolling-sharpe", "chart-rolling-volatility", "chart-monthly-returns", "chart-exposure");
  static final List<String> SECTION_IDS = List.of("report-header", "metric-cards", "section-equity",
      "section-drawdown", "section-rolling", "section-monthly", "section-exposure", "section-trades",
      "trades-table", "section-metrics", "metrics-table", "section-config", "config");

  @TempDir Path dir;

  @Test
  void writesEverySectionAndChart() throws Exception {
    Path file = dir.resolve("out/report.html");
    TearsheetWriter.write(SampleTearsheets.threeMonthsDaily(7), file);
    String html = Files.readString(file);
    for (String id : SECTION_IDS) {
      assertThat(html).as(id).contains("id=\"" + id + "\"");
    }
    for (String id : CHART_IDS) {
      // the heatmap draws its cells as rectangles, the other charts their series as paths
      assertThat(svg(html, id)).as(id).contains(id.equals("chart-monthly-returns") ? "<rect" : "<path");
    }
    for (String id : List.of("chart-equity", "chart-drawdown", "chart-rolling-sharpe", "chart-rolling-volatility",
        "chart-exposure")) {
      assertThat(linePaths(svg(html, id))).as(id).isNotEmpty();
      assertThat(svg(html, id)).as(id + " has date ticks").contains("Jan 15, 2024").contains("Mar 25");
    }
    // the benchmark is in the legend of the equity chart, with its own colour
    assertThat(svg(html, "chart-equity")).contains(">SPY</text>").contains(">ema-cross</text>");
    assertThat(linePaths(svg(html, "chart-equity"))).hasSize(2);
    assertThat(count(html, "<tr><td class=\"num\">")).isEqualTo(20);
    // 3 months, each a cell with a fill colour, plus the year total
    assertThat(count(svg(html, "chart-monthly-returns"), "<rect x=") - count(svg(html, "chart-monthly-returns"),
        "class=\"missing\"")).isEqualTo(3 + 1 + 1);
  }

  @Test
  void loadsNothingFromTheNetwork() {
    String html = TearsheetWriter.render(SampleTearsheets.threeMonthsDaily(7));
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link")
        .doesNotContain("src=").doesNotContain("@import").doesNotContain("//cdn");
    // the only url(...) is the heatmap legend's gradient, a reference inside the page
    assertThat(Pattern.compile("url\\((?!#)").matcher(html).find()).isFalse();
    assertThat(html).contains("url(#chart-monthly-returns-scale)");
  }

  @Test
  void sameInputGivesByteIdenticalFile() throws Exception {
    Path first = dir.resolve("a.html");
    Path second = dir.resolve("b.html");
    TearsheetWriter.write(SampleTearsheets.threeMonthsDaily(11), first);
    TearsheetWriter.write(SampleTearsheets.threeMonthsDaily(11), second);
    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    TearsheetWriter.write(SampleTearsheets.threeMonthsDaily(11), first);
    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    TearsheetWriter.write(SampleTearsheets.threeMonthsDaily(12), second);
    assertThat(Files.mismatch(first, second)).isNotEqualTo(-1L);
  }

  @Test
  void unorderedMetricMapsAreListedByKey() {
    SampleTearsheets.Parts p = new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(3));
    p.metrics = Map.of("sharpe", 1.0, "alpha_count", 3, "total_return", 0.1, "max_drawdown", 0.02);
    String table = between(TearsheetWriter.render(p.build()), "id=\"metrics-table\"", "</table>");
    assertThat(keysInOrder(table)).containsExactly("alpha_count", "max_drawdown", "sharpe", "total_return");
  }

  @Test
  void cardsAndMetricsTableFormatTheValuesByKey() {
    SampleTearsheets.Parts p = new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(3));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_return", 0.052549);           // 5.2549 % -> 5.25%
    m.put("annualized_return", 0.2317);        // 23.17%
    m.put("annualized_volatility", 0.18344);   // 18.344 % -> 18.34%
    m.put("sharpe", 1.4567);                   // 1.46
    m.put("sortino", null);                    // n/a
    m.put("max_drawdown", 0.07891);            // positive in metrics.json; the card shows the loss, -7.89%
    m.put("max_drawdown_duration_periods", 1234);  // a count: 1,234
    m.put("periods_per_year", 98280.0);        // whole double: 98,280
    m.put("final_equity", 105250.5);           // USD: $105,250.50
    m.put("commissions", -12.3456);            // USD: -$12.35
    m.put("hit_ratio", 0.5);                   // ratio: 0.50
    m.put("turnover", 0.123456);               // other: 4 decimals, 0.1235
    m.put("start", "2024-01-02T21:00:00Z");
    p.metrics = m;
    String html = TearsheetWriter.render(p.build());
    assertThat(cardValue(html, "card-total-return")).isEqualTo("5.25%");
    assertThat(cardValue(html, "card-cagr")).isEqualTo("23.17%");
    assertThat(cardValue(html, "card-sharpe")).isEqualTo("1.46");
    assertThat(cardValue(html, "card-sortino")).isEqualTo("n/a");
    assertThat(cardValue(html, "card-max-drawdown")).isEqualTo("-7.89%");
    assertThat(cardValue(html, "card-volatility")).isEqualTo("18.34%");
    String table = between(html, "id=\"metrics-table\"", "</table>");
    assertThat(metricRow(table, "total_return")).isEqualTo("5.25%");
    assertThat(metricRow(table, "max_drawdown")).isEqualTo("7.89%");
    assertThat(metricRow(table, "max_drawdown_duration_periods")).isEqualTo("1,234");
    assertThat(metricRow(table, "periods_per_year")).isEqualTo("98,280");
    assertThat(metricRow(table, "final_equity")).isEqualTo("$105,250.50");
    assertThat(metricRow(table, "commissions")).isEqualTo("-$12.35");
    assertThat(metricRow(table, "hit_ratio")).isEqualTo("0.50");
    assertThat(metricRow(table, "turnover")).isEqualTo("0.1235");
    assertThat(metricRow(table, "sortino")).isEqualTo("n/a");
    assertThat(metricRow(table, "start")).isEqualTo("2024-01-02T21:00:00Z");
    assertThat(table).contains("<td>Max drawdown duration periods<span class=\"key\">");
  }

  @Test
  void heatmapShowsEachMonthAndTheCompoundedYear() {
    SampleTearsheets.Parts p = new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(3));
    p.months = List.of(new MonthlyReturn(2024, 2, -0.01), new MonthlyReturn(2023, 12, 0.0123),
        new MonthlyReturn(2024, 1, 0.02));
    String heatmap = svg(TearsheetWriter.render(p.build()), "chart-monthly-returns");
    // 2024: 1.02 * 0.99 - 1 = 0.0098; 2023: December alone, 1.23 %
    assertThat(heatmap).contains("<title>2024, compounded over 2 months: +0.98%</title>")
        .contains("<title>2023, compounded over 1 month: +1.23%</title>")
        .contains("<title>Feb 2024: -1.00%</title>").contains(">-1.0%</text>").contains(">2.0%</text>");
    // 24 month cells, 3 of them with data
    assertThat(count(heatmap, "class=\"missing\"")).isEqualTo(21);
    // years ascending: 2023 above 2024
    assertThat(heatmap.indexOf(">2023</text>")).isLessThan(heatmap.indexOf(">2024</text>"));
    // the largest monthly loss or gain (2 %) saturates: January 2024 is full green, February half red
    assertThat(heatmap).contains("fill=\"" + MonthlyHeatmap.color(1) + "\"/><text x=")
        .contains("fill=\"" + MonthlyHeatmap.color(-0.5) + "\"/>");
    assertThat(MonthlyHeatmap.color(1)).isEqualTo("#2e7d32");
  }

  @Test
  void tradeTableListsTheFirst500ByExitTimeAndCountsTheRest() {
    SampleTearsheets.Parts p = new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(3));
    List<TradeRow> trades = new ArrayList<>();
    long t0 = p.ts[0];
    for (int k = 0; k < 520; k++) {
      // input in decreasing exit time: trade k exits k minutes before the last one
      long exit = t0 + (600 - k) * 60_000_000L;
      trades.add(new TradeRow("T" + k, k % 2 == 0 ? Direction.LONG : Direction.SHORT, 100, t0, exit, 10, 11,
          k % 2 == 0 ? 100 : -100, k % 2 == 0 ? 0.1 : -0.1));
    }
    p.trades = trades;
    String html = TearsheetWriter.render(p.build());
    String table = between(html, "id=\"trades-table\"", "</table>");
    assertThat(count(table, "<tr><td class=\"num\">")).isEqualTo(500);
    // the earliest exit is trade 519 (t0 + 81 minutes: 2024-01-02 16:00 + 1:21 = 17:21 New York)
    assertThat(table).contains("<tr><td class=\"num\">1</td><td>T519</td><td>Short</td><td class=\"num\">100</td>"
        + "<td>2024-01-02 16:00</td><td>2024-01-02 17:21</td><td class=\"num\">10.00</td><td class=\"num\">11.00</td>"
        + "<td class=\"num neg\">-$100.00</td><td class=\"num neg\">-10.00%</td></tr>");
    assertThat(table).contains("<td>T20</td>").doesNotContain("<td>T19</td>");
    assertThat(html).contains("Showing the first 500 trades by exit time; 20 more trades are not shown.");
    // 260 winners of 520; PnL 260 * 100 - 260 * 100 = 0
    assertThat(html).contains("520 trades, 260 winning (50.0%), total PnL $0.00, average return 0.00%.");
  }

  @Test
  void flatRunWithoutBenchmarkTradesOrMetricsStillRenders() {
    String html = TearsheetWriter.render(SampleTearsheets.flat(10).build());
    assertThat(html).contains("id=\"trades-empty\"").doesNotContain("id=\"trades-table\"")
        .contains("no benchmark").contains("Equity never fell below its peak.");
    assertThat(linePaths(svg(html, "chart-equity"))).hasSize(1);
    assertThat(svg(html, "chart-equity")).doesNotContain("SPY");
    // all rolling values NaN: an empty chart, not a line at zero
    assertThat(svg(html, "chart-rolling-sharpe")).contains(">No data</text>").doesNotContain("class=\"line\"");
    // metrics missing: total return and max drawdown come from the series, the others are n/a
    assertThat(cardValue(html, "card-total-return")).isEqualTo("0.00%");
    assertThat(cardValue(html, "card-max-drawdown")).isEqualTo("0.00%");
    assertThat(cardValue(html, "card-sharpe")).isEqualTo("n/a");
    String heatmap = svg(html, "chart-monthly-returns");
    assertThat(count(heatmap, "class=\"missing\"")).isEqualTo(11);
    assertThat(heatmap).contains("<title>Jan 2024: 0.00%</title>");
    // a flat line sits mid-chart: y range 1 +- 0.02, so 1.0 is at the centre of the plot (30 + 282 / 2 = 171)
    assertThat(linePaths(svg(html, "chart-equity")).get(0)).startsWith("M64 171L");
  }

  @Test
  void singlePointRendersAsADot() {
    String html = TearsheetWriter.render(SampleTearsheets.flat(1).build());
    // one point, centred on a one-day axis: x = 64 + 1012 / 2 = 570
    assertThat(linePaths(svg(html, "chart-equity"))).containsExactly("M570 171h0");
  }

  @Test
  void nanValuesAreGapsNotZeros() {
    SampleTearsheets.Parts p = new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(5));
    // warm-up NaNs at 0..19 already; add a gap at 30..34 and a missing equity value at 40
    Arrays.fill(p.rollingSharpe, 30, 35, Double.NaN);
    p.equity[40] = Double.NaN;
    p.benchmark[40] = Double.NaN;
    String html = TearsheetWriter.render(p.build());
    String sharpe = linePaths(svg(html, "chart-rolling-sharpe")).get(0);
    // two runs: 20..29 and 35..end; 10 + (n - 35) vertices
    assertThat(count(sharpe, "M")).isEqualTo(2);
    assertThat(count(sharpe, "M") + count(sharpe, "L")).isEqualTo(10 + p.ts.length - 35);
    for (String line : linePaths(svg(html, "chart-equity"))) {
      assertThat(count(line, "M")).isEqualTo(2);
    }
    // the tooltip of the gap says n/a
    assertThat(svg(html, "chart-rolling-sharpe")).contains("<title>" + Format.date(p.ts[31])
        + "\nSharpe (20 periods): n/a</title>");
  }

  @Test
  void longSeriesAreDownsampledAndKeepTheirDeepestTrough() {
    // 100,000 one-minute points with noise in [-10 %, 0] and one trough of -50 % at index 67,891
    int n = 100_000;
    long start = SampleTearsheets.micros(ZonedDateTime.of(LocalDate.of(2024, 1, 2).atTime(9, 30),
        SampleTearsheets.NEW_YORK));
    long[] ts = new long[n];
    double[] dd = new double[n];
    double[] equity = new double[n];
    Random random = new Random(42);
    for (int i = 0; i < n; i++) {
      ts[i] = start + i * 60_000_000L;
      dd[i] = -0.1 * random.nextDouble();
      equity[i] = 100_000 * (1 + dd[i]);
    }
    dd[67_891] = -0.5;
    SampleTearsheets.Parts p = new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(5));
    p.ts = ts;
    p.equity = equity;
    p.benchmark = null;
    p.drawdown = dd;
    p.rollingSharpe = new double[n];
    p.rollingVolatility = new double[n];
    p.gross = new double[n];
    p.net = new double[n];
    String html = TearsheetWriter.render(p.build());
    String line = linePaths(svg(html, "chart-drawdown")).get(0);
    assertThat(count(line, "M") + count(line, "L")).isLessThanOrEqualTo(TimeSeriesChart.MAX_POINTS);
    // plot from y = 30 to 30 + (220 - 30 - 28) = 192, values from 1.06 * -0.5 (6 % padding) to 0:
    // -0.5 sits at 30 + 162 * 0.5 / 0.53 = 182.8
    double deepest = 30 + 162 * 0.5 / 0.53;
    assertThat(maxY(line)).isEqualTo(Math.round(deepest * 10) / 10.0);
    LocalDate troughDate = ZonedDateTime.of(LocalDate.of(2024, 1, 2).atTime(9, 30), SampleTearsheets.NEW_YORK)
        .plusMinutes(67_891).toLocalDate();
    assertThat(html).contains("Deepest -50.00% on " + troughDate + ".");
  }

  /** The {@code <svg id=...>} element with the given id, up to its closing tag. */
  static String svg(String html, String id) {
    int start = html.indexOf("<svg id=\"" + id + "\"");
    assertThat(start).as("svg " + id).isNotNegative();
    return html.substring(start, html.indexOf("</svg>", start) + 6);
  }

  /** The {@code d} attributes of the line paths of a chart. */
  static List<String> linePaths(String svg) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<path class=\"line\" d=\"([^\"]*)\"").matcher(svg);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static double maxY(String path) {
    double max = Double.NEGATIVE_INFINITY;
    Matcher m = Pattern.compile("[ML](-?[0-9.]+) (-?[0-9.]+)").matcher(path);
    while (m.find()) {
      max = Math.max(max, Double.parseDouble(m.group(2)));
    }
    return max;
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  static String between(String s, String from, String to) {
    int start = s.indexOf(from);
    assertThat(start).as(from).isNotNegative();
    return s.substring(start, s.indexOf(to, start));
  }

  static String cardValue(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"><div class=\"label\">[^<]*</div><div class=\"value[^\"]*\">([^<]*)<")
        .matcher(html);
    assertThat(m.find()).as(id).isTrue();
    return m.group(1);
  }

  static String metricRow(String table, String key) {
    Matcher m = Pattern.compile("<span class=\"key\">" + key + "</span></td><td class=\"num\">([^<]*)</td>")
        .matcher(table);
    assertThat(m.find()).as(key).isTrue();
    return m.group(1);
  }

  static List<String> keysInOrder(String table) {
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("<span class=\"key\">([^<]*)</span>").matcher(table);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }
}
