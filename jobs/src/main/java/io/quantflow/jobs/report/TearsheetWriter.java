package io.quantflow.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.quantflow.domain.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Tearsheet} as one self-contained HTML file that opens from disk with no server and no network:
 * CSS and charts (SVG generated here) are inline, no fonts or scripts are fetched, and the page needs no JavaScript
 * (one inline script only records script errors and readiness as attributes of the root element, for headless
 * checks).
 *
 * <p>Sections, each with a stable element id: {@code metric-cards} (total return, CAGR, Sharpe, Sortino, max
 * drawdown, volatility), {@code chart-equity} (and {@code chart-equity-log} behind a log-scale toggle when every value
 * is positive), {@code chart-drawdown}, {@code chart-rolling-sharpe}, {@code chart-rolling-volatility},
 * {@code chart-monthly-returns}, {@code chart-exposure}, {@code trades-table} (or {@code trades-empty}),
 * {@code metrics-table} and {@code config}. Dates and times are New York (America/New_York). docs/report.md describes
 * every chart.
 *
 * <p>Metric values are formatted by the words of their key: percentages with 2 decimals for keys ending in
 * {@code return}, {@code drawdown}, {@code rate} or {@code exposure} and for volatilities; 2 decimals for ratios
 * ({@code sharpe}, {@code sortino}, {@code calmar}, {@code *_ratio}); USD for {@code *_equity}, {@code *_pnl},
 * {@code commissions}, {@code *_notional}; grouped whole numbers and up to 4 decimals otherwise; "n/a" for null and
 * NaN. The cards read {@code total_return}, {@code annualized_return} (or {@code cagr}), {@code sharpe},
 * {@code sortino}, {@code max_drawdown} and {@code annualized_volatility} (or {@code volatility}); total return and
 * max drawdown fall back to the series when missing, and the drawdown card always shows the drawdown as a loss.
 *
 * <p>The output is deterministic: the same tearsheet gives a byte-identical file (no generation time, no random ids,
 * numbers formatted with {@link Locale#ROOT}, {@code \n} line ends).
 */
public final class TearsheetWriter {
  /** The most trades listed; the table says how many more there are. */
  public static final int MAX_TRADE_ROWS = 500;

  private static final String CSS = resource("tearsheet.css");
  private static final String STRATEGY_COLOR = "#1f4e9c";
  private static final String BENCHMARK_COLOR = "#e8710a";
  private static final String DRAWDOWN_COLOR = "#c62828";
  private static final String VOLATILITY_COLOR = "#7b3fa0";
  private static final ObjectWriter JSON = new ObjectMapper().writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private TearsheetWriter() {}

  /**
   * Writes {@code tearsheet} to {@code file} (UTF-8), creating missing parent directories and replacing any existing
   * file.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Tearsheet tearsheet, Path file) {
    Checks.notNull(file, "file");
    String html = render(tearsheet);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the tearsheet to " + file, e);
    }
  }

  /** The HTML document {@link #write} writes. */
  public static String render(Tearsheet tearsheet) {
    Tearsheet t = Checks.notNull(tearsheet, "tearsheet");
    long[] ts = t.timestampsMicros();
    StringBuilder b = new StringBuilder(512 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"QuantFlow tearsheet\">\n<title>").append(esc(t.title()))
        .append(" | ").append(esc(t.strategyName())).append("</title>\n")
        // records script errors where a headless browser's DOM dump shows them; the page itself needs no script
        .append("<script>window.addEventListener('error',function(e){var d=document.documentElement;")
        .append("d.setAttribute('data-report-error',(d.getAttribute('data-report-error')||'')+e.message+';');});")
        .append("</script>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    header(b, t, ts);
    b.append("<main>\n");
    cards(b, t);
    equity(b, t, ts);
    drawdown(b, t, ts);
    rolling(b, t, ts);
    monthly(b, t);
    exposure(b, t, ts);
    trades(b, t);
    metrics(b, t);
    config(b, t);
    b.append("<footer>Run <code>").append(esc(t.runId())).append("</code>. Dates and times are New York ")
        .append("(America/New_York). Charts show at most ").append(TimeSeriesChart.MAX_POINTS)
        .append(" points per series (the minimum and maximum of each bucket are kept); hover a chart for values.")
        .append(" This file is self-contained and loads nothing from the network.</footer>\n</main>\n")
        .append("<script>document.documentElement.setAttribute('data-report-ready','1');</script>\n")
        .append("</body>\n</html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, Tearsheet t, long[] ts) {
    b.append("<header class=\"report-header\" id=\"report-header\"><div class=\"inner\">\n<h1>").append(esc(t.title()))
        .append("</h1>\n<p class=\"subtitle\">Strategy <b>").append(esc(t.strategyName())).append("</b> &middot; run ")
        .append("<code>").append(esc(t.runId())).append("</code> &middot; ").append(Format.date(ts[0]))
        .append(" to ").append(Format.date(ts[ts.length - 1])).append(" (New York) &middot; ")
        .append(Format.grouped(ts.length, 0)).append(ts.length == 1 ? " point" : " points").append(" &middot; ")
        .append(t.hasBenchmark() ? "benchmark <b>" + esc(t.benchmarkSymbol()) + "</b>" : "no benchmark")
        .append("</p>\n</div></header>\n<nav class=\"report-nav\" id=\"report-nav\"><div class=\"inner\">");
    String[][] links = {{"section-summary", "Summary"}, {"section-equity", "Returns"},
        {"section-drawdown", "Drawdown"}, {"section-rolling", "Rolling"}, {"section-monthly", "Monthly"},
        {"section-exposure", "Exposure"}, {"section-trades", "Trades"}, {"section-metrics", "Metrics"},
        {"section-config", "Config"}};
    for (String[] link : links) {
      b.append("<a href=\"#").append(link[0]).append("\">").append(link[1]).append("</a>");
    }
    b.append("</div></nav>\n");
  }

  private static void cards(StringBuilder b, Tearsheet t) {
    double[] growth = rebased(t.equity());
    double totalReturn = number(t.metrics(), "total_return");
    if (Double.isNaN(totalReturn)) {
      totalReturn = lastFinite(growth) - 1;
    }
    double maxDrawdown = number(t.metrics(), "max_drawdown");
    maxDrawdown = Double.isNaN(maxDrawdown) ? min(t.drawdown()) : -Math.abs(maxDrawdown);
    b.append("<section id=\"section-summary\">\n<h2>Summary</h2>\n<p class=\"note\">")
        .append(esc(t.strategyName())).append(", ").append(Format.date(t.timestampsMicros()[0])).append(" to ")
        .append(Format.date(t.timestampsMicros()[t.timestampsMicros().length - 1]))
        .append(". Ratios are annualised.</p>\n<div class=\"cards\" id=\"metric-cards\">\n");
    card(b, "card-total-return", "Total return", Format.percent(totalReturn, 2), totalReturn, "over the run");
    double cagr = number(t.metrics(), "annualized_return", "cagr");
    card(b, "card-cagr", "CAGR", Format.percent(cagr, 2), cagr, "annualised, geometric");
    double sharpe = number(t.metrics(), "sharpe", "sharpe_ratio");
    card(b, "card-sharpe", "Sharpe", Format.fixed(sharpe, 2), sharpe, "annualised");
    double sortino = number(t.metrics(), "sortino", "sortino_ratio");
    card(b, "card-sortino", "Sortino", Format.fixed(sortino, 2), sortino, "annualised");
    card(b, "card-max-drawdown", "Max drawdown", Format.percent(maxDrawdown, 2), maxDrawdown, "from the peak");
    double vol = number(t.metrics(), "annualized_volatility", "volatility");
    card(b, "card-volatility", "Volatility", Format.percent(vol, 2), 0, "annualised");
    b.append("</div>\n</section>\n");
  }

  private static void card(StringBuilder b, String id, String label, String value, double sign, String sub) {
    String cls = sign > 0 && !value.equals("0.00%") && !value.equals("0.00") ? " pos"
        : sign < 0 && !value.equals("0.00%") && !value.equals("0.00") ? " neg" : "";
    b.append("<div class=\"card\" id=\"").append(id).append("\"><div class=\"label\">").append(label)
        .append("</div><div class=\"value").append(cls).append("\">").append(value)
        .append("</div><div class=\"sub\">").append(sub).append("</div></div>\n");
  }

  private static void equity(StringBuilder b, Tearsheet t, long[] ts) {
    double[] strategy = rebased(t.equity());
    List<TimeSeriesChart.Series> series = new ArrayList<>();
    series.add(new TimeSeriesChart.Series(t.strategyName(), STRATEGY_COLOR, strategy, false));
    double[] benchmark = t.hasBenchmark() ? rebased(t.benchmarkEquity()) : null;
    if (benchmark != null) {
      series.add(new TimeSeriesChart.Series(t.benchmarkSymbol(), BENCHMARK_COLOR, benchmark, false));
    }
    b.append("<section id=\"section-equity\">\n<h2>Cumulative returns</h2>\n<p class=\"note\">Growth of 1.0 ")
        .append("invested at the first point").append(benchmark != null ? ", strategy and benchmark both rebased"
            : "").append(": ").append(esc(t.strategyName())).append(' ')
        .append(Format.signedPercent(lastFinite(strategy) - 1, 2));
    if (benchmark != null) {
      b.append(", ").append(esc(t.benchmarkSymbol())).append(' ')
          .append(Format.signedPercent(lastFinite(benchmark) - 1, 2));
    }
    b.append(".</p>\n");
    boolean logPossible = positiveWhereFinite(strategy) && (benchmark == null || positiveWhereFinite(benchmark));
    String label = "Cumulative returns of " + t.strategyName() + (benchmark != null ? " and " + t.benchmarkSymbol()
        : "") + ", rebased to 1.0";
    if (logPossible) {
      b.append("<input type=\"checkbox\" id=\"equity-log-toggle\" class=\"scale-toggle\">")
          .append("<label for=\"equity-log-toggle\" class=\"toggle-label\">Log scale</label>\n");
    }
    b.append("<div class=\"equity-linear\">\n").append(TimeSeriesChart.render(new TimeSeriesChart.Spec(
        "chart-equity", label, 340, TimeSeriesChart.Axis.GROWTH, false, 1.0), ts, series)).append("</div>\n");
    if (logPossible) {
      b.append("<div class=\"equity-log\">\n").append(TimeSeriesChart.render(new TimeSeriesChart.Spec(
          "chart-equity-log", label + ", log scale", 340, TimeSeriesChart.Axis.GROWTH, true, 1.0), ts, series))
          .append("</div>\n");
    }
    b.append("</section>\n");
  }

  private static void drawdown(StringBuilder b, Tearsheet t, long[] ts) {
    double[] dd = t.drawdown();
    int worst = -1;
    for (int i = 0; i < dd.length; i++) {
      worst = !Double.isNaN(dd[i]) && (worst < 0 || dd[i] < dd[worst]) ? i : worst;
    }
    b.append("<section id=\"section-drawdown\">\n<h2>Underwater</h2>\n<p class=\"note\">Drawdown: the decline of ")
        .append("equity from its running peak.");
    if (worst >= 0 && dd[worst] < 0) {
      b.append(" Deepest ").append(Format.percent(dd[worst], 2)).append(" on ").append(Format.date(ts[worst]))
          .append('.');
    } else if (worst >= 0) {
      b.append(" Equity never fell below its peak.");
    }
    b.append("</p>\n").append(TimeSeriesChart.render(new TimeSeriesChart.Spec("chart-drawdown",
        "Drawdown from the running peak", 220, TimeSeriesChart.Axis.PERCENT, false, Double.NaN), ts,
        List.of(new TimeSeriesChart.Series("Drawdown", DRAWDOWN_COLOR, dd, true)))).append("</section>\n");
  }

  private static void rolling(StringBuilder b, Tearsheet t, long[] ts) {
    String window = t.rollingWindow() + (t.rollingWindow() == 1 ? " period" : " periods");
    b.append("<section id=\"section-rolling\">\n<h2>Rolling statistics</h2>\n<p class=\"note\">Over the trailing ")
        .append(window).append(", annualised; blank while the window fills.</p>\n<div class=\"chart-pair\">\n")
        .append("<h3>Rolling Sharpe ratio</h3>\n").append(TimeSeriesChart.render(new TimeSeriesChart.Spec(
            "chart-rolling-sharpe", "Rolling Sharpe ratio over " + window, 220, TimeSeriesChart.Axis.RATIO, false,
            Double.NaN), ts, List.of(new TimeSeriesChart.Series("Sharpe (" + window + ")", STRATEGY_COLOR,
            t.rollingSharpe(), false))))
        .append("<h3>Rolling volatility</h3>\n").append(TimeSeriesChart.render(new TimeSeriesChart.Spec(
            "chart-rolling-volatility", "Rolling annualised volatility over " + window, 220,
            TimeSeriesChart.Axis.PERCENT, false, Double.NaN), ts, List.of(new TimeSeriesChart.Series(
            "Volatility (" + window + ")", VOLATILITY_COLOR, t.rollingVolatility(), false))))
        .append("</div>\n</section>\n");
  }

  private static void monthly(StringBuilder b, Tearsheet t) {
    b.append("<section id=\"section-monthly\">\n<h2>Monthly returns</h2>\n<p class=\"note\">Simple return of each ")
        .append("calendar month (New York); the Year column compounds the months shown.</p>\n")
        .append(MonthlyHeatmap.render("chart-monthly-returns", t.monthlyReturns())).append("</section>\n");
  }

  private static void exposure(StringBuilder b, Tearsheet t, long[] ts) {
    double[] gross = t.grossExposure();
    double[] net = t.netExposure();
    b.append("<section id=\"section-exposure\">\n<h2>Exposure</h2>\n<p class=\"note\">Market value as a fraction ")
        .append("of equity: gross = (long + |short|) / equity, net = (long - |short|) / equity. Average gross ")
        .append(Format.percent(mean(gross), 1)).append(", net ").append(Format.percent(mean(net), 1))
        .append(".</p>\n").append(TimeSeriesChart.render(new TimeSeriesChart.Spec("chart-exposure",
            "Gross and net exposure", 240, TimeSeriesChart.Axis.PERCENT, false, Double.NaN), ts, List.of(
            new TimeSeriesChart.Series("Gross", STRATEGY_COLOR, gross, false),
            new TimeSeriesChart.Series("Net", BENCHMARK_COLOR, net, false))))
        .append("</section>\n");
  }

  private static void trades(StringBuilder b, Tearsheet t) {
    List<TradeRow> trades = new ArrayList<>(t.trades());
    trades.sort(Comparator.comparingLong(TradeRow::exitMicros).thenComparingLong(TradeRow::entryMicros));
    b.append("<section id=\"section-trades\">\n<h2>Trades</h2>\n");
    if (trades.isEmpty()) {
      b.append("<p class=\"note\" id=\"trades-empty\">No trades in this run.</p>\n</section>\n");
      return;
    }
    int winners = 0;
    double pnl = 0;
    double returns = 0;
    for (TradeRow r : trades) {
      winners += r.pnlUsd() > 0 ? 1 : 0;
      pnl += r.pnlUsd();
      returns += r.returnFraction();
    }
    b.append("<p class=\"note\" id=\"trades-summary\">").append(Format.grouped(trades.size(), 0))
        .append(trades.size() == 1 ? " trade" : " trades").append(", ").append(winners).append(" winning (")
        .append(Format.percent((double) winners / trades.size(), 1)).append("), total PnL ")
        .append(Format.usd(pnl)).append(", average return ").append(Format.signedPercent(returns / trades.size(), 2))
        .append(". Sorted by exit time.</p>\n<div class=\"table-scroll\">\n<table id=\"trades-table\">\n<thead><tr>")
        .append("<th class=\"num\">#</th><th>Symbol</th><th>Side</th><th class=\"num\">Shares</th><th>Entry</th>")
        .append("<th>Exit</th><th class=\"num\">Entry price</th><th class=\"num\">Exit price</th>")
        .append("<th class=\"num\">PnL (USD)</th><th class=\"num\">Return</th></tr></thead>\n<tbody>\n");
    int shown = Math.min(MAX_TRADE_ROWS, trades.size());
    for (int i = 0; i < shown; i++) {
      TradeRow r = trades.get(i);
      String cls = r.pnlUsd() > 0 ? "pos" : r.pnlUsd() < 0 ? "neg" : "";
      b.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(esc(r.symbol()))
          .append("</td><td>").append(r.direction() == io.quantflow.domain.Direction.LONG ? "Long" : "Short")
          .append("</td><td class=\"num\">").append(Format.quantity(r.quantity())).append("</td><td>")
          .append(Format.dateTime(r.entryMicros())).append("</td><td>").append(Format.dateTime(r.exitMicros()))
          .append("</td><td class=\"num\">").append(Format.price(r.entryPrice())).append("</td><td class=\"num\">")
          .append(Format.price(r.exitPrice())).append("</td><td class=\"num ").append(cls).append("\">")
          .append(Format.usd(r.pnlUsd())).append("</td><td class=\"num ").append(cls).append("\">")
          .append(Format.signedPercent(r.returnFraction(), 2)).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n");
    if (trades.size() > shown) {
      int more = trades.size() - shown;
      b.append("<p class=\"note\" id=\"trades-more\">Showing the first ").append(shown).append(" trades by exit ")
          .append("time; ").append(Format.grouped(more, 0)).append(more == 1 ? " more trade is" : " more trades are")
          .append(" not shown.</p>\n");
    }
    b.append("</section>\n");
  }

  private static void metrics(StringBuilder b, Tearsheet t) {
    b.append("<section id=\"section-metrics\">\n<h2>Metrics</h2>\n");
    if (t.metrics().isEmpty()) {
      b.append("<p class=\"note\">No metrics recorded.</p>\n");
    }
    b.append("<table class=\"metrics\" id=\"metrics-table\">\n<tbody>\n");
    for (Map.Entry<String, Object> e : t.metrics().entrySet()) {
      b.append("<tr><td>").append(esc(humanize(e.getKey()))).append("<span class=\"key\">").append(esc(e.getKey()))
          .append("</span></td><td class=\"num\">").append(esc(Format.metric(e.getKey(), e.getValue())))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
  }

  private static void config(StringBuilder b, Tearsheet t) {
    String json;
    try {
      json = JSON.writeValueAsString(t.config());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Argument 'config' cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    b.append("<section id=\"section-config\">\n<h2>Configuration</h2>\n<details id=\"config\"><summary>Show the ")
        .append("run configuration (").append(t.config().size()).append(t.config().size() == 1 ? " setting" :
            " settings").append(")</summary>\n<pre>").append(esc(json)).append("</pre>\n</details>\n</section>\n");
  }

  /** {@code values / first finite value}; NaN stays NaN. */
  private static double[] rebased(double[] values) {
    double base = Double.NaN;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        base = v;
        break;
      }
    }
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] / base;
    }
    return out;
  }

  private static boolean positiveWhereFinite(double[] values) {
    for (double v : values) {
      if (v <= 0) {
        return false;
      }
    }
    return true;
  }

  private static double lastFinite(double[] values) {
    for (int i = values.length - 1; i >= 0; i--) {
      if (!Double.isNaN(values[i])) {
        return values[i];
      }
    }
    return Double.NaN;
  }

  private static double min(double[] values) {
    double min = Double.NaN;
    for (double v : values) {
      min = Double.isNaN(min) || v < min ? v : min;
    }
    return min;
  }

  private static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The first of {@code keys} that maps to a number, as a double; NaN when none does. */
  private static double number(Map<String, Object> metrics, String... keys) {
    for (String k : keys) {
      if (metrics.get(k) instanceof Number n) {
        return n.doubleValue();
      }
    }
    return Double.NaN;
  }

  /** {@code max_drawdown} as "Max drawdown". */
  private static String humanize(String key) {
    String s = key.replace('_', ' ').trim();
    return s.isEmpty() ? key : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String esc(String s) {
    return Format.html(s);
  }

  private static String resource(String name) {
    try (InputStream in = TearsheetWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " next to " + TearsheetWriter.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
