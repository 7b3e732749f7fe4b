package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import java.time.Instant;
import java.util.List;

/**
 * A deterministic transformation of one symbol's bars: the building block of a {@link StressScenario}. Each
 * implementation documents its formula in {@code docs/stress.md}. Transforms keep every bar valid (prices positive,
 * {@code low <= open, close <= high}), keep timestamps (they only remove bars, never move them) and do not round
 * prices. Instants are UTC epoch microseconds; fractions are decimals (0.1 = 10 percent).
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface StressTransform permits GapDown, VolatilityMultiplier, VolumeMultiplier, FlashCrash, Halt,
    Delist {

  /**
   * Transforms the bars of one symbol.
   *
   * @param bars one symbol's bars of one timeframe, in time order
   * @return the transformed bars, in time order; the input is not modified
   */
  List<Bar> apply(List<Bar> bars);

  /** A one-line description with the parameters, e.g. {@code gapDown(all, 2019-02-13T15:00:00Z, 0.1)}. */
  String describe();

  /** See {@link GapDown}; {@code symbols} empty means every symbol. */
  static GapDown gapDown(List<String> symbols, long atMicros, double fraction) {
    return new GapDown(symbols, atMicros, fraction);
  }

  /** See {@link VolatilityMultiplier}. */
  static VolatilityMultiplier volatilityMultiplier(double k) {
    return new VolatilityMultiplier(k);
  }

  /** See {@link VolumeMultiplier}. */
  static VolumeMultiplier volumeMultiplier(double factor) {
    return new VolumeMultiplier(factor);
  }

  /**
   * See {@link FlashCrash}, with volumes times {@value FlashCrash#DEFAULT_VOLUME_SPIKE} during the crash;
   * {@code symbols} empty means every symbol.
   */
  static FlashCrash flashCrash(List<String> symbols, long atMicros, double depth, int downBars, int upBars) {
    return new FlashCrash(symbols, atMicros, depth, downBars, upBars, FlashCrash.DEFAULT_VOLUME_SPIKE);
  }

  /** See {@link Halt}; trading reopens at the last price, without a gap. */
  static Halt halt(String symbol, long fromMicros, long toMicros) {
    return new Halt(symbol, fromMicros, toMicros, 0.0);
  }

  /** See {@link Delist}. */
  static Delist delist(String symbol, long atMicros) {
    return new Delist(symbol, atMicros);
  }

  /** An instant for descriptions: ISO-8601 UTC. */
  static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }

  /** Symbols for descriptions: {@code all} or {@code [AAPL, SPY]}. */
  static String symbols(List<String> symbols) {
    return symbols.isEmpty() ? "all" : symbols.toString();
  }
}
