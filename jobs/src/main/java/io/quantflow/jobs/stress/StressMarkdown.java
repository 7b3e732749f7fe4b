package io.quantflow.jobs.stress;

import io.quantflow.jobs.backtest.RunAnalysis;
import io.quantflow.jobs.config.JobConfig;
import java.util.List;
import java.util.Locale;

/** Renders the stress report as Markdown ({@code stress.md}); the numbers are those of {@code stress.parquet}. */
final class StressMarkdown {
  private StressMarkdown() {}

  static String render(JobConfig backtest, List<StressResult> rows, List<String> notes) {
    StringBuilder md = new StringBuilder();
    md.append("# Stress report\n\n");
    md.append(String.format(Locale.ROOT, "Backtest on %s bars, initial cash %,.0f USD, costs %s bps per fill. "
        + "Returns are simple, losses (drawdown, VaR, CVaR) positive fractions of equity; VaR and CVaR are "
        + "historical, one period (one %s bar), %.0f %% confidence. Definitions in docs/stress.md.%n%n",
        backtest.timeframe().label(), backtest.portfolio().initialCash(), fmt(backtest.portfolio().costBps()),
        backtest.timeframe().label(), 100 * StressResult.CONFIDENCE));
    md.append("| scenario | kind | total return | vs baseline | max drawdown | vs baseline | worst period | VaR 95 | "
        + "CVaR 95 | vs baseline | ann. volatility | final gross exposure | fills | vs baseline |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (StressResult r : rows) {
      StressResult.Metrics m = r.metrics();
      boolean base = r.kind().equals("baseline");
      List<String> cells = List.of(r.scenario(), r.kind(),
          pct(m.totalReturn(), 2), base ? "" : pp(r.totalReturnVsBaseline(), 2),
          pct(m.maxDrawdown(), 2), base ? "" : pp(r.maxDrawdownVsBaseline(), 2),
          pct(m.worstPeriodReturn(), 2),
          pct(m.valueAtRisk(), 3), pct(m.conditionalValueAtRisk(), 3),
          base ? "" : pp(r.conditionalValueAtRiskVsBaseline(), 3),
          pct(m.annualizedVolatility(), 2), pct(m.finalGrossExposure(), 1),
          Integer.toString(m.fills()), base ? "" : String.format(Locale.ROOT, "%+d", r.fillsVsBaseline()));
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    md.append("\n## Runs\n\n");
    for (StressResult r : rows) {
      md.append(String.format(Locale.ROOT, "- **%s** (%s): %s; %s to %s, %,d bars, %,d periods; files in `%s/`%n",
          r.scenario(), r.kind(), r.description(), RunAnalysis.iso(r.metrics().startMicros()),
          RunAnalysis.iso(r.metrics().endMicros()), r.metrics().bars(), r.metrics().periods(), r.runDir()));
    }
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  /** A fraction as a percentage with {@code decimals} decimals, e.g. {@code -1.96 %}; n/a when undefined. */
  private static String pct(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * v) : "n/a";
  }

  /** A difference of fractions in signed percentage points, e.g. {@code +0.48 pp}. */
  private static String pp(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%+." + decimals + "f pp", 100 * v) : "n/a";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v);
  }
}
