package io.quantflow.models.execution;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarView;
import io.quantflow.domain.Timeframe;
import java.time.Instant;

/** Named test data: one-minute AAPL bars on Monday 2024-03-04 (New York is UTC-5 that day). */
final class TestBars {
  private TestBars() {}

  static final String SYMBOL = "AAPL";
  static final long MINUTE = 60_000_000L;
  /** 09:30 New York, the open. */
  static final long OPEN_0930 = micros("2024-03-04T14:30:00Z");

  static long micros(String instant) {
    return Instant.parse(instant).getEpochSecond() * 1_000_000L;
  }

  /** A one-minute bar starting {@code minutes} after 09:30. */
  static Bar bar(int minutes, double open, double high, double low, double close, double volume) {
    return Bar.of(SYMBOL, Timeframe.M1, OPEN_0930 + minutes * MINUTE, open, high, low, close, volume);
  }

  /** {@code bar} with a known mean quoted spread. */
  static BarView quoted(Bar bar, double spreadBps) {
    return new RawBar(bar.timestampMicros(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
        spreadBps);
  }

  /** An unchecked bar view, for prices a {@link Bar} refuses (NaN during a halt). */
  record RawBar(long timestampMicros, double open, double high, double low, double close, double volume,
      double spreadBps) implements BarView {
    @Override
    public String symbol() {
      return SYMBOL;
    }

    @Override
    public Timeframe timeframe() {
      return Timeframe.M1;
    }

    @Override
    public long tradeCount() {
      return Bar.UNKNOWN_TRADE_COUNT;
    }

    @Override
    public double vwap() {
      return Double.NaN;
    }
  }
}
