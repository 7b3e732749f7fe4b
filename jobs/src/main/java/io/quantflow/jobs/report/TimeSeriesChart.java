package io.quantflow.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An inline SVG line or area chart of aligned series over time: New York date ticks on a linear time axis, nice value
 * ticks (linear or log10), a legend, and hover bands whose {@code <title>} tooltips give the date and every series'
 * value at the nearest point. Series are downsampled with {@link Downsampler} to at most {@link #MAX_POINTS} points;
 * tooltips read the full series. NaN values (and values at most 0 on a log axis) are gaps in the line.
 */
final class TimeSeriesChart {
  /** Width of every chart's view box, in SVG user units (the page scales it to the column width). */
  static final int WIDTH = 1100;
  /** The most points drawn per chart. */
  static final int MAX_POINTS = 2000;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 30;
  private static final int BOTTOM = 28;
  private static final int HOVER_BANDS = 160;
  private static final int MAX_X_TICKS = 8;

  /** How values are printed on the axis and in tooltips. */
  enum Axis {
    /** Decimals shown as percentages (0.05 is "5%"). */
    PERCENT,
    /** Plain numbers with 2 decimals, e.g. a Sharpe ratio. */
    RATIO,
    /** Growth of 1.0 (1.25 is 25 percent up); tooltips add the percentage change. */
    GROWTH
  }

  /**
   * One series of a chart.
   *
   * @param name legend and tooltip name
   * @param color CSS colour of the line
   * @param values one value per timestamp, NaN for gaps
   * @param area whether to fill between the line and zero
   */
  record Series(String name, String color, double[] values, boolean area) {}

  /**
   * What a chart shows.
   *
   * @param id the SVG element's id
   * @param label accessible name of the chart
   * @param height view box height, SVG user units
   * @param axis value format
   * @param log whether the value axis is log10 (values at most 0 are left out)
   * @param reference value of a dashed horizontal reference line, NaN for none
   */
  record Spec(String id, String label, int height, Axis axis, boolean log, double reference) {}

  private final Spec spec;
  private final long[] ts;
  private final List<Series> series;
  private final double plotWidth;
  private final double plotHeight;
  private double t0;
  private double t1;
  private double v0;
  private double v1;

  private TimeSeriesChart(Spec spec, long[] ts, List<Series> series) {
    this.spec = spec;
    this.ts = ts;
    this.series = series;
    this.plotWidth = WIDTH - LEFT - RIGHT;
    this.plotHeight = spec.height() - TOP - BOTTOM;
  }

  /** The chart as an {@code <svg>} element; {@code ts} are UTC epoch microseconds, one per series value. */
  static String render(Spec spec, long[] ts, List<Series> series) {
    return new TimeSeriesChart(spec, ts, series).render();
  }

  private String render() {
    int n = ts.length;
    int[] idx = Downsampler.indices(MAX_POINTS, n, series.stream().map(Series::values).toArray(double[][]::new));
    boolean empty = !valueRange(idx);
    t0 = ts[0];
    t1 = ts[n - 1];
    if (t1 == t0) {
      t0 -= 43_200e6;
      t1 += 43_200e6;
    }
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<svg id=\"").append(spec.id()).append("\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(spec.height()).append("\" role=\"img\" aria-label=\"").append(Format.html(spec.label()))
        .append("\">\n");
    valueAxis(b);
    timeAxis(b);
    if (empty) {
      b.append("<text class=\"empty\" x=\"").append(Format.coord(LEFT + plotWidth / 2)).append("\" y=\"")
          .append(Format.coord(TOP + plotHeight / 2)).append("\" text-anchor=\"middle\">No data</text>\n");
    } else {
      lines(b, idx);
    }
    legend(b);
    if (!empty) {
      hoverBands(b);
    }
    return b.append("</svg>\n").toString();
  }

  /** Sets {@code v0, v1} (in axis space, log10 for log axes) from the drawn points; false when nothing is drawn. */
  private boolean valueRange(int[] idx) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    boolean area = false;
    for (Series s : series) {
      area |= s.area();
      for (int i : idx) {
        double v = s.values()[i];
        if (drawable(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      v0 = 0;
      v1 = 1;
      return false;
    }
    if (area && !spec.log()) {
      lo = Math.min(lo, 0);
      hi = Math.max(hi, 0);
    }
    if (drawable(spec.reference())) {
      lo = Math.min(lo, spec.reference());
      hi = Math.max(hi, spec.reference());
    }
    double a = axis(lo);
    double c = axis(hi);
    if (c - a < 1e-12) {
      // flat series: centre it in a band wide enough for a few ticks
      double pad = spec.log() ? 0.01 : Math.max(Math.abs(a) * 0.02, 0.01);
      boolean topAtZero = area && hi == 0;
      v0 = topAtZero ? -2 * pad : a - pad;
      v1 = topAtZero ? 0 : c + pad;
    } else {
      double pad = (c - a) * 0.06;
      v0 = a - pad;
      // an underwater chart keeps its top at zero, as in pyfolio
      v1 = area && hi == 0 ? 0 : c + pad;
    }
    return true;
  }

  private boolean drawable(double v) {
    return Double.isFinite(v) && (!spec.log() || v > 0);
  }

  private double axis(double v) {
    return spec.log() ? Math.log10(v) : v;
  }

  private double x(double micros) {
    return LEFT + (micros - t0) / (t1 - t0) * plotWidth;
  }

  private double y(double value) {
    return TOP + (v1 - axis(value)) / (v1 - v0) * plotHeight;
  }

  private void valueAxis(StringBuilder b) {
    double[] ticks = spec.log() ? Ticks.log(Math.pow(10, v0), Math.pow(10, v1)) : Ticks.linear(v0, v1, 6);
    int decimals = 0;
    for (double t : ticks) {
      decimals = Math.max(decimals, Math.min(4, Ticks.decimals(Math.abs(spec.axis() == Axis.PERCENT ? t * 100 : t))));
    }
    b.append("<g class=\"grid\">");
    for (double t : ticks) {
      String yy = Format.coord(y(t));
      b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(Format.coord(LEFT + plotWidth))
          .append("\" y1=\"").append(yy).append("\" y2=\"").append(yy).append("\"/>");
    }
    b.append("</g>\n<g class=\"axis y-axis\">");
    for (double t : ticks) {
      b.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(Format.coord(y(t) + 4))
          .append("\" text-anchor=\"end\">").append(tickLabel(t, decimals)).append("</text>");
    }
    b.append("</g>\n");
    if (!spec.log() && spec.axis() != Axis.GROWTH && v0 < 0 && v1 > 0) {
      line(b, "zero", y(0));
    }
    if (drawable(spec.reference())) {
      line(b, "reference", y(spec.reference()));
    }
  }

  private void line(StringBuilder b, String cssClass, double yy) {
    b.append("<line class=\"").append(cssClass).append("\" x1=\"").append(LEFT).append("\" x2=\"")
        .append(Format.coord(LEFT + plotWidth)).append("\" y1=\"").append(Format.coord(yy)).append("\" y2=\"")
        .append(Format.coord(yy)).append("\"/>\n");
  }

  private String tickLabel(double t, int decimals) {
    return spec.axis() == Axis.PERCENT ? Format.percent(t, decimals) : Format.fixed(t, decimals);
  }

  private void timeAxis(StringBuilder b) {
    double bottom = TOP + plotHeight;
    b.append("<line class=\"baseline\" x1=\"").append(LEFT).append("\" x2=\"").append(Format.coord(LEFT + plotWidth))
        .append("\" y1=\"").append(Format.coord(bottom)).append("\" y2=\"").append(Format.coord(bottom))
        .append("\"/>\n<g class=\"axis x-axis\">");
    for (Ticks.DateTick tick : Ticks.dates((long) t0, (long) t1, MAX_X_TICKS)) {
      double xx = x(tick.micros());
      String anchor = xx > LEFT + plotWidth - 40 ? "end" : xx < LEFT + 20 ? "start" : "middle";
      b.append("<line x1=\"").append(Format.coord(xx)).append("\" x2=\"").append(Format.coord(xx))
          .append("\" y1=\"").append(Format.coord(bottom)).append("\" y2=\"").append(Format.coord(bottom + 5))
          .append("\"/><text x=\"").append(Format.coord(xx)).append("\" y=\"").append(Format.coord(bottom + 18))
          .append("\" text-anchor=\"").append(anchor).append("\">").append(Format.html(tick.label()))
          .append("</text>");
    }
    b.append("</g>\n");
  }

  private void lines(StringBuilder b, int[] idx) {
    b.append("<g class=\"series\">\n");
    String zero = Format.coord(y(spec.log() ? Math.pow(10, v0) : Math.min(Math.max(0, v0), v1)));
    for (Series s : series) {
      StringBuilder line = new StringBuilder(idx.length * 12);
      StringBuilder fill = new StringBuilder(s.area() ? idx.length * 12 : 0);
      String runStartX = null;
      String lastX = null;
      int run = 0;
      for (int i : idx) {
        double v = s.values()[i];
        if (!drawable(v)) {
          run = endRun(line, fill, s.area(), run, lastX, zero);
          continue;
        }
        String xx = Format.coord(x(ts[i]));
        String yy = Format.coord(y(v));
        if (run == 0) {
          runStartX = xx;
          line.append('M').append(xx).append(' ').append(yy);
          if (s.area()) {
            fill.append('M').append(xx).append(' ').append(zero).append('L').append(xx).append(' ').append(yy);
          }
        } else {
          line.append('L').append(xx).append(' ').append(yy);
          if (s.area()) {
            fill.append('L').append(xx).append(' ').append(yy);
          }
        }
        lastX = xx;
        run++;
      }
      endRun(line, fill, s.area(), run, lastX, zero);
      if (s.area() && fill.length() > 0) {
        b.append("<path class=\"area\" d=\"").append(fill).append("\" fill=\"").append(s.color()).append("\"/>\n");
      }
      if (runStartX != null) {
        b.append("<path class=\"line\" d=\"").append(line).append("\" stroke=\"").append(s.color())
            .append("\"><title>").append(Format.html(s.name())).append("</title></path>\n");
      }
    }
    b.append("</g>\n");
  }

  /** Closes a run of drawn points: a lone point becomes a dot, an area run goes back down to zero. */
  private static int endRun(StringBuilder line, StringBuilder fill, boolean area, int run, String lastX, String zero) {
    if (run == 1) {
      line.append("h0");
    }
    if (run > 0 && area) {
      fill.append('L').append(lastX).append(' ').append(zero).append('Z');
    }
    return 0;
  }

  private void legend(StringBuilder b) {
    b.append("<g class=\"legend\">");
    double xx = LEFT;
    for (Series s : series) {
      b.append("<line x1=\"").append(Format.coord(xx)).append("\" x2=\"").append(Format.coord(xx + 18))
          .append("\" y1=\"12\" y2=\"12\" stroke=\"").append(s.color()).append("\"/><text x=\"")
          .append(Format.coord(xx + 24)).append("\" y=\"16\">").append(Format.html(s.name())).append("</text>");
      xx += 24 + 7 * s.name().length() + 24;
    }
    b.append("</g>\n");
  }

  private void hoverBands(StringBuilder b) {
    List<Integer> reps = new ArrayList<>();
    int n = ts.length;
    if (n <= HOVER_BANDS) {
      for (int i = 0; i < n; i++) {
        reps.add(i);
      }
    } else {
      for (int k = 0; k < HOVER_BANDS; k++) {
        int i = nearest(t0 + (k + 0.5) / HOVER_BANDS * (t1 - t0));
        if (reps.isEmpty() || reps.get(reps.size() - 1) != i) {
          reps.add(i);
        }
      }
    }
    boolean intraday = false;
    for (int i = 1; i < n && !intraday; i++) {
      intraday = ts[i] - ts[i - 1] < 20L * 3600 * 1_000_000;
    }
    b.append("<g class=\"hover\">\n");
    for (int k = 0; k < reps.size(); k++) {
      int i = reps.get(k);
      double xx = x(ts[i]);
      double left = k == 0 ? LEFT : (x(ts[reps.get(k - 1)]) + xx) / 2;
      double right = k == reps.size() - 1 ? LEFT + plotWidth : (xx + x(ts[reps.get(k + 1)])) / 2;
      StringBuilder tip = new StringBuilder(intraday ? Format.dateTime(ts[i]) : Format.date(ts[i]));
      for (Series s : series) {
        tip.append('\n').append(s.name()).append(": ").append(tooltipValue(s.values()[i]));
      }
      b.append("<g><rect x=\"").append(Format.coord(left)).append("\" y=\"").append(TOP).append("\" width=\"")
          .append(Format.coord(right - left)).append("\" height=\"").append(Format.coord(plotHeight))
          .append("\"/><line x1=\"").append(Format.coord(xx)).append("\" x2=\"").append(Format.coord(xx))
          .append("\" y1=\"").append(TOP).append("\" y2=\"").append(Format.coord(TOP + plotHeight))
          .append("\"/><title>").append(Format.html(tip.toString())).append("</title></g>\n");
    }
    b.append("</g>\n");
  }

  private int nearest(double micros) {
    int lo = 0;
    int hi = ts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < micros) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 && micros - ts[lo - 1] <= ts[lo] - micros ? lo - 1 : lo;
  }

  private String tooltipValue(double v) {
    if (Double.isNaN(v)) {
      return Format.NA;
    }
    return switch (spec.axis()) {
      case PERCENT -> Format.percent(v, 2);
      case RATIO -> Format.fixed(v, 2);
      case GROWTH -> Format.fixed(v, 4) + " (" + Format.signedPercent(v - 1, 2) + ")";
    };
  }
}
