package io.quantflow.operators.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.testing.SampleBars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel, built through {@link FeatureRegistry}, against {@code reference/indicators-<symbol>.csv}: values that
 * {@code reference/make_reference.py} computes naively in Python (whole-window recomputation, exact-arithmetic
 * standard deviations) over the first 450 real 1-minute bars of AAPL and SPY, which cross one New York day boundary.
 * Every cell is compared, warm-up NaNs (empty cells) included.
 */
class IndicatorReferenceCsvTest {
  private static final double RELATIVE = 1e-9;
  /** Absolute floor for values that cross zero (MACD histogram, slope, z-score, returns): rounding of prices. */
  private static final double ABSOLUTE = 1e-12;

  record Reference(List<String> names, List<Long> timestampsMicros, List<double[]> rows) {}

  static Reference read(String symbol) throws IOException {
    try (InputStream in = IndicatorReferenceCsvTest.class.getResourceAsStream(
        "/reference/indicators-" + symbol.toLowerCase() + ".csv")) {
      assertThat(in).as("reference CSV for %s", symbol).isNotNull();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<String> header = List.of(lines[0].split(",", -1));
      List<Long> ts = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].split(",", -1);
        ts.add(Instant.parse(f[0]).getEpochSecond() * 1_000_000L);
        double[] row = new double[f.length - 1];
        for (int j = 1; j < f.length; j++) {
          row[j - 1] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
        }
        rows.add(row);
      }
      return new Reference(header.subList(1, header.size()), ts, rows);
    }
  }

  static List<Bar> bars(String symbol, int n) {
    return SampleBars.of(symbol).subList(0, n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AAPL", "SPY"})
  void everyKernelMatchesTheNaiveReference(String symbol) throws IOException {
    Reference ref = read(symbol);
    FeatureSet set = FeatureRegistry.standard().newFeatureSet(ReferenceSpecs.SPECS);
    assertThat(set.schema().names()).containsExactlyElementsOf(ref.names());
    List<Bar> bars = bars(symbol, ref.rows().size());
    int compared = 0;
    for (int t = 0; t < bars.size(); t++) {
      Bar bar = bars.get(t);
      assertThat(bar.timestampMicros()).isEqualTo(ref.timestampsMicros().get(t));
      double[] actual = set.update(bar);
      double[] expected = ref.rows().get(t);
      for (int j = 0; j < expected.length; j++) {
        String what = symbol + " " + ref.names().get(j) + " at bar " + t;
        if (Double.isNaN(expected[j])) {
          assertThat(actual[j]).as(what).isNaN();
        } else {
          assertThat(actual[j]).as(what)
              .isCloseTo(expected[j], within(RELATIVE * Math.abs(expected[j]) + ABSOLUTE));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(bars.size() * ref.names().size() * 9 / 10);
  }

  @Test
  void warmUpIsTheIndexOfTheFirstValuePlusOne() throws IOException {
    Reference ref = read("AAPL");
    for (IndicatorSpec spec : ReferenceSpecs.SPECS) {
      for (var kernel : FeatureRegistry.standard().create(spec)) {
        for (String name : kernel.names()) {
          int col = ref.names().indexOf(name);
          int first = 0;
          while (Double.isNaN(ref.rows().get(first)[col])) {
            first++;
          }
          assertThat(kernel.warmUp()).as(name).isEqualTo(first + 1);
        }
      }
    }
  }

  @Test
  void handCheckedValues() {
    FeatureSet set = FeatureRegistry.standard().newFeatureSet(List.of(
        IndicatorSpec.of("atr", Map.of("period", 2)),
        IndicatorSpec.of("vwap"),
        IndicatorSpec.of("volratio", Map.of("period", 2)),
        IndicatorSpec.of("slope", Map.of("period", 3))));
    assertThat(set.schema().names())
        .containsExactly("atr_2", "vwap_session", "vwap_dist_session", "volratio_2", "slope_3");
    List<Bar> bars = bars("AAPL", 3);
    double[] first = set.update(bars.get(0));
    double[] second = set.update(bars.get(1));
    double[] third = set.update(bars.get(2));
    // Bar 1: h 171.2, l 170.7, c 170.97, v 619925; no VWAP in the sample, so the typical price:
    // (171.2 + 170.7 + 170.97) / 3 = 170.956666..., and 170.97 / 170.95667 - 1 = 7.7992e-5.
    assertThat(first[1]).isCloseTo(170.95666666666668, within(1e-9));
    assertThat(first[2]).isCloseTo(7.799247372619611e-05, within(1e-15));
    // Bar 2: h 170.92, l 170.6755, c 170.7701, prev close 170.97: TR = max(0.2445, 0.05, 0.2945) = 0.2945.
    // Bar 3: h 170.83, l 170.3477, c 170.35, prev close 170.7701: TR = max(0.4823, 0.0599, 0.4224) = 0.4823.
    // ATR(2) = (0.2945 + 0.4823) / 2 = 0.3884 at bar 3 (TA-Lib: the first bar has no true range).
    assertThat(second[0]).isNaN();
    assertThat(third[0]).isCloseTo(0.3884, within(1e-9));
    // volratio_2 at bar 3: 168622 / ((619925 + 123138) / 2) = 168622 / 371531.5 = 0.453857...
    assertThat(third[3]).isCloseTo(168622 / 371531.5, within(1e-12));
    // slope_3 of 170.97, 170.7701, 170.35 against 0, 1, 2: (170.35 - 170.97) / 2 = -0.31.
    assertThat(third[4]).isCloseTo(-0.31, within(1e-9));
    assertThat(first[0]).isNaN();
    assertThat(first[3]).isNaN();
    assertThat(second[3]).isNaN();
  }
}
