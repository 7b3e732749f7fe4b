package io.quantflow.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly returns heatmap as inline SVG: one row per year (ascending), one column per month and a yearly total
 * column, each cell coloured on a diverging scale (red for losses, near-white for zero, green for gains) and labelled
 * as a percentage with one decimal. The yearly total compounds the year's months: {@code prod(1 + r) - 1}. Months and
 * yearly totals have their own scales, symmetric around zero and saturating at the largest absolute value of each.
 */
final class MonthlyHeatmap {
  private static final int WIDTH = TimeSeriesChart.WIDTH;
  private static final int LEFT = 56;
  private static final int TOP = 26;
  private static final int CELL_HEIGHT = 30;
  private static final int GAP = 10;
  private static final double CELL_WIDTH = (WIDTH - LEFT - 24 - GAP) / 13.0;
  private static final int[] NEUTRAL = {247, 247, 247};
  private static final int[] LOSS = {198, 40, 40};
  private static final int[] GAIN = {46, 125, 50};

  private MonthlyHeatmap() {}

  /** The yearly totals, compounded from the months of each year: year to {@code prod(1 + r) - 1}. */
  static Map<Integer, Double> yearly(List<MonthlyReturn> months) {
    Map<Integer, Double> growth = new TreeMap<>();
    for (MonthlyReturn m : months) {
      growth.merge(m.year(), 1 + m.returnFraction(), (a, b) -> a * b);
    }
    growth.replaceAll((year, g) -> g - 1);
    return growth;
  }

  /** The heatmap as an {@code <svg>} element with the given id. */
  static String render(String id, List<MonthlyReturn> months) {
    Map<Integer, double[]> rows = new TreeMap<>();
    double monthScale = 0;
    for (MonthlyReturn m : months) {
      rows.computeIfAbsent(m.year(), y -> nanRow())[m.month() - 1] = m.returnFraction();
      monthScale = Math.max(monthScale, Math.abs(m.returnFraction()));
    }
    Map<Integer, Double> yearly = yearly(months);
    double yearScale = 0;
    for (double r : yearly.values()) {
      yearScale = Math.max(yearScale, Math.abs(r));
    }
    int height = TOP + Math.max(1, rows.size()) * CELL_HEIGHT + 46;
    StringBuilder b = new StringBuilder(16 * 1024);
    b.append("<svg id=\"").append(id).append("\" class=\"chart heatmap\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"Monthly returns by year and month\">\n");
    b.append("<g class=\"axis\">");
    for (int c = 0; c < 13; c++) {
      b.append("<text x=\"").append(Format.coord(cellX(c) + CELL_WIDTH / 2)).append("\" y=\"").append(TOP - 8)
          .append("\" text-anchor=\"middle\">").append(c < 12 ? Format.MONTHS[c] : "Year").append("</text>");
    }
    int row = 0;
    for (int year : rows.keySet()) {
      b.append("<text x=\"").append(LEFT - 10).append("\" y=\"")
          .append(Format.coord(TOP + row * CELL_HEIGHT + CELL_HEIGHT / 2.0 + 4)).append("\" text-anchor=\"end\">")
          .append(year).append("</text>");
      row++;
    }
    b.append("</g>\n<g class=\"cells\">\n");
    row = 0;
    for (Map.Entry<Integer, double[]> e : rows.entrySet()) {
      int year = e.getKey();
      double[] r = e.getValue();
      for (int c = 0; c < 12; c++) {
        cell(b, cellX(c), row, r[c], monthScale, Format.MONTHS[c] + " " + year);
      }
      int count = 0;
      for (double v : r) {
        count += Double.isNaN(v) ? 0 : 1;
      }
      cell(b, cellX(12), row, yearly.get(year), yearScale,
          year + ", compounded over " + count + (count == 1 ? " month" : " months"));
      row++;
    }
    if (rows.isEmpty()) {
      b.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(TOP + CELL_HEIGHT / 2 + 4)
          .append("\" text-anchor=\"middle\">No monthly returns</text>\n");
    }
    b.append("</g>\n");
    legend(b, id, TOP + Math.max(1, rows.size()) * CELL_HEIGHT + 18, monthScale, yearScale);
    return b.append("</svg>\n").toString();
  }

  private static double cellX(int column) {
    return LEFT + column * CELL_WIDTH + (column == 12 ? GAP : 0);
  }

  private static double[] nanRow() {
    double[] row = new double[12];
    java.util.Arrays.fill(row, Double.NaN);
    return row;
  }

  private static void cell(StringBuilder b, double x, int row, double r, double scale, String what) {
    double y = TOP + row * CELL_HEIGHT;
    b.append("<g><rect x=\"").append(Format.coord(x + 1)).append("\" y=\"").append(Format.coord(y + 1))
        .append("\" width=\"").append(Format.coord(CELL_WIDTH - 2)).append("\" height=\"").append(CELL_HEIGHT - 2)
        .append("\" rx=\"3\"");
    if (Double.isNaN(r)) {
      b.append(" class=\"missing\"/><title>").append(Format.html(what)).append(": no data</title></g>\n");
      return;
    }
    double t = scale == 0 ? 0 : Math.max(-1, Math.min(1, r / scale));
    b.append(" fill=\"").append(color(t)).append("\"/><text x=\"").append(Format.coord(x + CELL_WIDTH / 2))
        .append("\" y=\"").append(Format.coord(y + CELL_HEIGHT / 2.0 + 4)).append("\" text-anchor=\"middle\" fill=\"")
        .append(Math.abs(t) > 0.55 ? "#ffffff" : "#1f2328").append("\">").append(Format.percent(r, 1))
        .append("</text><title>").append(Format.html(what)).append(": ").append(Format.signedPercent(r, 2))
        .append("</title></g>\n");
  }

  /** The colour of {@code t} in [-1, 1]: neutral at 0, full loss red at -1, full gain green at +1. */
  static String color(double t) {
    int[] target = t < 0 ? LOSS : GAIN;
    double w = Math.abs(t);
    StringBuilder hex = new StringBuilder("#");
    for (int k = 0; k < 3; k++) {
      hex.append(String.format(Locale.ROOT, "%02x", (int) Math.round(NEUTRAL[k] + w * (target[k] - NEUTRAL[k]))));
    }
    return hex.toString();
  }

  private static void legend(StringBuilder b, String id, int y, double scale, double yearScale) {
    String gradient = id + "-scale";
    double x = LEFT;
    b.append("<defs><linearGradient id=\"").append(gradient).append("\"><stop offset=\"0\" stop-color=\"")
        .append(color(-1)).append("\"/><stop offset=\"0.5\" stop-color=\"").append(color(0))
        .append("\"/><stop offset=\"1\" stop-color=\"").append(color(1)).append("\"/></linearGradient></defs>\n")
        .append("<g class=\"axis legend\"><rect x=\"").append(Format.coord(x)).append("\" y=\"").append(y)
        .append("\" width=\"220\" height=\"10\" rx=\"2\" fill=\"url(#").append(gradient).append(")\"/>")
        .append("<text x=\"").append(Format.coord(x)).append("\" y=\"").append(y + 24).append("\">")
        .append(Format.percent(-scale, 1)).append("</text><text x=\"").append(Format.coord(x + 110))
        .append("\" y=\"").append(y + 24).append("\" text-anchor=\"middle\">0%</text><text x=\"")
        .append(Format.coord(x + 220)).append("\" y=\"").append(y + 24).append("\" text-anchor=\"end\">")
        .append(Format.signedPercent(scale, 1)).append("</text><text x=\"").append(Format.coord(x + 236))
        .append("\" y=\"").append(y + 9).append("\">monthly scale; the Year column has its own, up to ")
        .append(Format.signedPercent(yearScale, 1)).append("</text></g>\n");
  }
}
