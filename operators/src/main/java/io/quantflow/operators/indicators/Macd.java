package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.util.List;

/**
 * MACD on closes as TA-Lib computes it. Outputs {@code macd_F_S_G} (fast EMA minus slow EMA, in price units),
 * {@code macd_signal_F_S_G} (EMA of the MACD line over {@code G}) and {@code macd_hist_F_S_G} (MACD minus signal).
 *
 * <p>Conventions (TA-Lib {@code TA_MACD}): the EMAs use {@code k = 2 / (n + 1)} and are seeded with an SMA. Both EMAs
 * produce their first value at close number {@code S}: the slow one is seeded with the SMA of closes {@code 1..S},
 * the fast one with the SMA of the {@code F} closes ending at close {@code S} (closes {@code S-F+1..S}), not of the
 * first {@code F}. The signal EMA is seeded with the SMA of the first {@code G} MACD values. All three outputs are NaN
 * until the signal exists, so the first values appear at close {@code S + G - 1}. Requires {@code fast < slow}.
 */
public final class Macd implements BarIndicator {
  private final int slowPeriod;
  private final int signalPeriod;
  private final int fastStart;
  private final List<String> names;
  private final Ema fast;
  private final Ema slow;
  private final Ema signal;
  private long count;

  /** A MACD with the given EMA periods, in bars; {@code fast < slow}. */
  public Macd(int fast, int slow, int signal) {
    Checks.positive(fast, "fast");
    Checks.positive(slow, "slow");
    this.signalPeriod = Checks.positive(signal, "signal");
    Checks.isTrue(fast < slow, "Argument 'fast' must be less than 'slow' but fast was %d and slow %d", fast, slow);
    this.slowPeriod = slow;
    this.fastStart = slow - fast;
    String suffix = fast + "_" + slow + "_" + signal;
    this.names = List.of("macd_" + suffix, "macd_signal_" + suffix, "macd_hist_" + suffix);
    this.fast = new Ema(fast);
    this.slow = new Ema(slow);
    this.signal = new Ema(signal);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    double x = bar.close();
    count++;
    double s = slow.update(x);
    double f = count > fastStart ? fast.update(x) : Double.NaN;
    double sig = Double.NaN;
    double line = f - s;
    if (count >= slowPeriod) {
      sig = signal.update(line);
    }
    if (Double.isNaN(sig)) {
      out[offset] = Double.NaN;
      out[offset + 1] = Double.NaN;
      out[offset + 2] = Double.NaN;
    } else {
      out[offset] = line;
      out[offset + 1] = sig;
      out[offset + 2] = line - sig;
    }
  }

  @Override
  public int warmUp() {
    return slowPeriod + signalPeriod - 1;
  }

  @Override
  public int stateSize() {
    return 3 * 3 + 1;
  }

  @Override
  public void save(double[] buf, int offset) {
    fast.save(buf, offset);
    slow.save(buf, offset + 3);
    signal.save(buf, offset + 6);
    buf[offset + 9] = count;
  }

  @Override
  public void load(double[] buf, int offset) {
    fast.load(buf, offset);
    slow.load(buf, offset + 3);
    signal.load(buf, offset + 6);
    count = (long) buf[offset + 9];
  }
}
