package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A flash crash: prices fall linearly to {@code 1 - depth} of their level over {@code downBars} bars and recover
 * linearly over the next {@code upBars} bars, while volumes spike. Counting each symbol's own bars from its first
 * bar at or after {@code atMicros} ({@code j = 0}), the price multiplier at the end of bar {@code j} is
 *
 * <pre>
 * m_j = 1 - depth (j + 1) / downBars                      for 0 &lt;= j &lt; downBars    (m = 1 - depth at the trough)
 * m_j = 1 - depth (1 - (j + 1 - downBars) / upBars)       for downBars &lt;= j &lt; downBars + upBars   (back to 1)
 * </pre>
 *
 * and {@code m_{-1} = 1}. Bar {@code j} opens on the previous level and closes on the new one: {@code open * m_{j-1}},
 * {@code close * m_j}, {@code high * max(m_{j-1}, m_j)}, {@code low * min(m_{j-1}, m_j)}, VWAP times their mean; its
 * volume (and known trade count) is multiplied by {@code volumeSpike}. Bars before and after the crash are
 * unchanged.
 *
 * @param symbols the symbols hit; empty for every symbol
 * @param atMicros the start of the crash, UTC epoch microseconds
 * @param depth the fall at the trough, in (0, 1): 0.09 is a 9 percent crash
 * @param downBars bars of the fall, positive
 * @param upBars bars of the recovery, positive
 * @param volumeSpike the volume multiplier during the crash, positive ({@value #DEFAULT_VOLUME_SPIKE} by default)
 */
public record FlashCrash(List<String> symbols, long atMicros, double depth, int downBars, int upBars,
    double volumeSpike) implements StressTransform {
  /** The volume multiplier when none is given. */
  public static final double DEFAULT_VOLUME_SPIKE = 5.0;

  /** Checks the arguments and copies the symbols. */
  public FlashCrash {
    symbols = Bars.symbols(symbols);
    Checks.isTrue(depth > 0 && depth < 1, "Argument 'depth' must be in (0, 1) but was %s", depth);
    Checks.positive(downBars, "downBars");
    Checks.positive(upBars, "upBars");
    Checks.positive(volumeSpike, "volumeSpike");
  }

  /** The price multiplier at the end of crash bar {@code j} (see the class comment); 1 outside the crash. */
  public double multiplier(int j) {
    if (j < 0 || j >= downBars + upBars) {
      return 1.0;
    }
    if (j < downBars) {
      return 1 - depth * (j + 1) / downBars;
    }
    return 1 - depth * (1 - (double) (j + 1 - downBars) / upBars);
  }

  @Override
  public List<Bar> apply(List<Bar> bars) {
    if (bars.isEmpty() || !symbols.isEmpty() && !symbols.contains(bars.get(0).symbol())) {
      return bars;
    }
    int first = Bars.firstAtOrAfter(bars, atMicros);
    List<Bar> out = new ArrayList<>(bars);
    for (int j = 0; j < downBars + upBars && first + j < bars.size(); j++) {
      Bar b = bars.get(first + j);
      double before = multiplier(j - 1);
      double after = multiplier(j);
      Bar moved = Bars.withPrices(b, b.open() * before, b.high() * Math.max(before, after),
          b.low() * Math.min(before, after), b.close() * after, b.vwap() * (before + after) / 2);
      out.set(first + j, Bars.scaleVolume(moved, volumeSpike));
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "flashCrash(%s, %s, depth %s, %d bars down, %d up, volume x%s)",
        StressTransform.symbols(symbols), StressTransform.iso(atMicros), depth, downBars, upBars, volumeSpike);
  }
}
