package io.quantflow.connectors.synthetic;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.time.LocalDate;

/**
 * What {@link SyntheticMarket} generates: the universe, the calendar span, the timeframe, the seed and the model
 * parameters. Start from {@link #defaults} or {@link #builder} and change single parameters with
 * {@link #toBuilder()}.
 *
 * <p>Conventions. Returns are log returns. Volatilities are standard deviations of log returns: "annualised" ones
 * are per-day standard deviations times {@code sqrt(252)} ({@link #TRADING_DAYS_PER_YEAR}), "per night" ones apply
 * to the close-to-open return once. Probabilities and intensities are per trading day (per symbol-day unless the name
 * says market). Prices are USD per share, volumes shares, times minutes of the regular session.
 *
 * <p>The model, per trading day {@code d} and session step {@code k} (one minute, or one second for 1s and 15s):
 * <pre>
 * market:  m[d,k] = drift/(252 n) + s(d) * marketVol/sqrt(252) * sqrt(w[k]) * t + market jumps
 * symbol:  r[d,k] = beta * m[d,k] + s(d) * idioVol/sqrt(252) * sqrt(w[k]) * t' + jumps
 * gap:     log(open[d] / close[d-1]) = beta * s(d) * marketGapVol * t'' + s(d) * overnightGapVol * t'''
 * </pre>
 * where {@code t} are Student-t draws scaled to unit variance, {@code s(d)} is 1 on calm days and
 * {@code highVolMultiplier} on volatile days (a two-state Markov chain shared by the market), and {@code w[k]} is the
 * step's share of the day's variance, U-shaped like volume. Each symbol draws {@code beta}, {@code idioVol}, a
 * starting price and a base daily volume once from the ranges below.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param symbols number of symbols, named {@code SYN0001}, {@code SYN0002}, ...
 * @param days number of trading days (weekends and NYSE holidays skipped, see {@link UsEquityCalendar})
 * @param timeframe bar interval to write; coarser timeframes aggregate the same 1-minute path
 * @param seed the seed: the same configuration gives the same bars and the same file bytes
 * @param startDate the first session is the first trading day on or after this date; default 2024-01-02
 * @param marketVol annualised volatility of the market factor on calm days; default 0.16
 * @param marketDrift annualised log drift of the market factor; default 0.06
 * @param idioVolMin lower end of the per-symbol annualised idiosyncratic volatility; default 0.15
 * @param idioVolMax upper end of the per-symbol annualised idiosyncratic volatility; default 0.40
 * @param betaMin lower end of the per-symbol market beta; default 0.5
 * @param betaMax upper end of the per-symbol market beta; default 1.6
 * @param highVolEnterProbability daily probability that a calm market turns volatile; default 0.03
 * @param highVolExitProbability daily probability that a volatile market turns calm; default 0.15 (so about 1 day
 *     in 6 is volatile and volatile spells last about 7 days)
 * @param highVolMultiplier factor on all volatilities (market, idiosyncratic, gaps) on volatile days; default 2.0
 * @param jumpsPerDay Poisson intensity of idiosyncratic intraday jumps per symbol-day; default 0.04
 * @param jumpStdDev standard deviation of an idiosyncratic jump (normal, mean 0, log return); default 0.03
 * @param marketJumpsPerDay Poisson intensity of market-wide jumps per day, felt by each symbol times its beta;
 *     default 0.02
 * @param marketJumpStdDev standard deviation of a market jump (normal, mean 0, log return); default 0.015
 * @param tailDegreesOfFreedom degrees of freedom of the Student-t innovations, above 2; default 4 (fat tails)
 * @param overnightGapVol per-night idiosyncratic volatility of the close-to-open return; default 0.008
 * @param marketGapVol per-night volatility of the market's close-to-open return; default 0.005
 * @param haltProbability probability that a symbol-day has a trading halt; default 0.002
 * @param haltMinMinutes shortest halt in minutes; default 5
 * @param haltMaxMinutes longest halt in minutes, at most 360; default 30
 * @param volumeOpenMultiplier volume rate at the open relative to midday; default 4.0
 * @param volumeCloseMultiplier volume rate at the close relative to midday; default 3.0
 * @param volumeProfileDecayMinutes e-folding time in minutes of the opening and closing volume surges; default 30
 * @param highVolVolumeMultiplier factor on daily volume on volatile days; default 1.5
 * @param dailyVolumeMin lower end of the per-symbol base daily volume in shares (log-uniform); default 300,000
 * @param dailyVolumeMax upper end of the per-symbol base daily volume in shares; default 30,000,000
 * @param averageTradeSize mean shares per trade, for {@code trade_count}; default 100
 * @param priceMin lower end of the starting price in USD (log-uniform); default 10
 * @param priceMax upper end of the starting price in USD; default 500
 * @param priceDecimals decimals prices are rounded to (0 to 8); default 2, i.e. cents; prices below 1 USD keep at
 *     least 4 decimals, as sub-penny quotes are allowed there
 */
public record SyntheticConfig(
    int symbols,
    int days,
    Timeframe timeframe,
    long seed,
    LocalDate startDate,
    double marketVol,
    double marketDrift,
    double idioVolMin,
    double idioVolMax,
    double betaMin,
    double betaMax,
    double highVolEnterProbability,
    double highVolExitProbability,
    double highVolMultiplier,
    double jumpsPerDay,
    double jumpStdDev,
    double marketJumpsPerDay,
    double marketJumpStdDev,
    double tailDegreesOfFreedom,
    double overnightGapVol,
    double marketGapVol,
    double haltProbability,
    int haltMinMinutes,
    int haltMaxMinutes,
    double volumeOpenMultiplier,
    double volumeCloseMultiplier,
    double volumeProfileDecayMinutes,
    double highVolVolumeMultiplier,
    double dailyVolumeMin,
    double dailyVolumeMax,
    double averageTradeSize,
    double priceMin,
    double priceMax,
    int priceDecimals) {

  /** Trading days per year, the annualisation factor of all volatilities and drifts. */
  public static final int TRADING_DAYS_PER_YEAR = 252;
  /** The default first date, the first trading day of 2024. */
  public static final LocalDate DEFAULT_START_DATE = LocalDate.of(2024, 1, 2);
  /** The longest halt accepted, so a halt always fits inside the session with trading before and after. */
  public static final int MAX_HALT_MINUTES = 360;
  // Jump counts are drawn with Knuth's method, linear in the mean; a larger intensity is not a jump any more.
  private static final double MAX_JUMPS_PER_DAY = 50;

  /** Checks every parameter; messages name the parameter and the value. */
  public SyntheticConfig {
    Checks.positive(symbols, "symbols");
    Checks.positive(days, "days");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(startDate, "startDate");
    Checks.notNegative(marketVol, "marketVol");
    Checks.finite(marketDrift, "marketDrift");
    Checks.notNegative(idioVolMin, "idioVolMin");
    Checks.notNegative(idioVolMax, "idioVolMax");
    ordered(idioVolMin, idioVolMax, "idioVolMin", "idioVolMax");
    Checks.finite(betaMin, "betaMin");
    Checks.finite(betaMax, "betaMax");
    ordered(betaMin, betaMax, "betaMin", "betaMax");
    Checks.inRange(highVolEnterProbability, 0, 1, "highVolEnterProbability");
    Checks.inRange(highVolExitProbability, 0, 1, "highVolExitProbability");
    Checks.positive(highVolMultiplier, "highVolMultiplier");
    Checks.inRange(jumpsPerDay, 0, MAX_JUMPS_PER_DAY, "jumpsPerDay");
    Checks.notNegative(jumpStdDev, "jumpStdDev");
    Checks.inRange(marketJumpsPerDay, 0, MAX_JUMPS_PER_DAY, "marketJumpsPerDay");
    Checks.notNegative(marketJumpStdDev, "marketJumpStdDev");
    Checks.finite(tailDegreesOfFreedom, "tailDegreesOfFreedom");
    Checks.isTrue(tailDegreesOfFreedom > 2,
        "Argument 'tailDegreesOfFreedom' must be above 2 (the variance is infinite otherwise) but was %s",
        tailDegreesOfFreedom);
    Checks.notNegative(overnightGapVol, "overnightGapVol");
    Checks.notNegative(marketGapVol, "marketGapVol");
    Checks.inRange(haltProbability, 0, 1, "haltProbability");
    Checks.positive(haltMinMinutes, "haltMinMinutes");
    Checks.positive(haltMaxMinutes, "haltMaxMinutes");
    ordered(haltMinMinutes, haltMaxMinutes, "haltMinMinutes", "haltMaxMinutes");
    Checks.isTrue(haltMaxMinutes <= MAX_HALT_MINUTES,
        "Argument 'haltMaxMinutes' must be at most %d (a halt must fit inside the 390-minute session) but was %d",
        MAX_HALT_MINUTES, haltMaxMinutes);
    Checks.positive(volumeOpenMultiplier, "volumeOpenMultiplier");
    Checks.positive(volumeCloseMultiplier, "volumeCloseMultiplier");
    Checks.positive(volumeProfileDecayMinutes, "volumeProfileDecayMinutes");
    Checks.positive(highVolVolumeMultiplier, "highVolVolumeMultiplier");
    Checks.positive(dailyVolumeMin, "dailyVolumeMin");
    Checks.positive(dailyVolumeMax, "dailyVolumeMax");
    ordered(dailyVolumeMin, dailyVolumeMax, "dailyVolumeMin", "dailyVolumeMax");
    Checks.positive(averageTradeSize, "averageTradeSize");
    Checks.positive(priceMin, "priceMin");
    Checks.positive(priceMax, "priceMax");
    ordered(priceMin, priceMax, "priceMin", "priceMax");
    Checks.isTrue(priceDecimals >= 0 && priceDecimals <= 8,
        "Argument 'priceDecimals' must be in [0, 8] but was %d", priceDecimals);
  }

  /** The default model for {@code symbols} symbols over {@code days} trading days from 2024-01-02. */
  public static SyntheticConfig defaults(int symbols, int days, Timeframe timeframe, long seed) {
    return builder(symbols, days, timeframe, seed).build();
  }

  /** A builder holding the defaults, to change single parameters. */
  public static Builder builder(int symbols, int days, Timeframe timeframe, long seed) {
    return new Builder(symbols, days, timeframe, seed);
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder(symbols, days, timeframe, seed);
    b.startDate = startDate;
    b.marketVol = marketVol;
    b.marketDrift = marketDrift;
    b.idioVolMin = idioVolMin;
    b.idioVolMax = idioVolMax;
    b.betaMin = betaMin;
    b.betaMax = betaMax;
    b.highVolEnterProbability = highVolEnterProbability;
    b.highVolExitProbability = highVolExitProbability;
    b.highVolMultiplier = highVolMultiplier;
    b.jumpsPerDay = jumpsPerDay;
    b.jumpStdDev = jumpStdDev;
    b.marketJumpsPerDay = marketJumpsPerDay;
    b.marketJumpStdDev = marketJumpStdDev;
    b.tailDegreesOfFreedom = tailDegreesOfFreedom;
    b.overnightGapVol = overnightGapVol;
    b.marketGapVol = marketGapVol;
    b.haltProbability = haltProbability;
    b.haltMinMinutes = haltMinMinutes;
    b.haltMaxMinutes = haltMaxMinutes;
    b.volumeOpenMultiplier = volumeOpenMultiplier;
    b.volumeCloseMultiplier = volumeCloseMultiplier;
    b.volumeProfileDecayMinutes = volumeProfileDecayMinutes;
    b.highVolVolumeMultiplier = highVolVolumeMultiplier;
    b.dailyVolumeMin = dailyVolumeMin;
    b.dailyVolumeMax = dailyVolumeMax;
    b.averageTradeSize = averageTradeSize;
    b.priceMin = priceMin;
    b.priceMax = priceMax;
    b.priceDecimals = priceDecimals;
    return b;
  }

  private static void ordered(double min, double max, String minName, String maxName) {
    Checks.isTrue(min <= max, "Argument '%s' (%s) must not exceed '%s' (%s)", minName, min, maxName, max);
  }

  private static void ordered(int min, int max, String minName, String maxName) {
    Checks.isTrue(min <= max, "Argument '%s' (%d) must not exceed '%s' (%d)", minName, min, maxName, max);
  }

  /**
   * Builds a {@link SyntheticConfig}; starts from the documented defaults. Setters are named after the record
   * components; {@link #build()} checks all of them. Not thread-safe.
   */
  public static final class Builder {
    private int symbols;
    private int days;
    private Timeframe timeframe;
    private long seed;
    private LocalDate startDate = DEFAULT_START_DATE;
    private double marketVol = 0.16;
    private double marketDrift = 0.06;
    private double idioVolMin = 0.15;
    private double idioVolMax = 0.40;
    private double betaMin = 0.5;
    private double betaMax = 1.6;
    private double highVolEnterProbability = 0.03;
    private double highVolExitProbability = 0.15;
    private double highVolMultiplier = 2.0;
    private double jumpsPerDay = 0.04;
    private double jumpStdDev = 0.03;
    private double marketJumpsPerDay = 0.02;
    private double marketJumpStdDev = 0.015;
    private double tailDegreesOfFreedom = 4;
    private double overnightGapVol = 0.008;
    private double marketGapVol = 0.005;
    private double haltProbability = 0.002;
    private int haltMinMinutes = 5;
    private int haltMaxMinutes = 30;
    private double volumeOpenMultiplier = 4.0;
    private double volumeCloseMultiplier = 3.0;
    private double volumeProfileDecayMinutes = 30;
    private double highVolVolumeMultiplier = 1.5;
    private double dailyVolumeMin = 300_000;
    private double dailyVolumeMax = 30_000_000;
    private double averageTradeSize = 100;
    private double priceMin = 10;
    private double priceMax = 500;
    private int priceDecimals = 2;

    private Builder(int symbols, int days, Timeframe timeframe, long seed) {
      this.symbols = symbols;
      this.days = days;
      this.timeframe = timeframe;
      this.seed = seed;
    }

    /** Sets {@link SyntheticConfig#symbols()}. */
    public Builder symbols(int v) {
      symbols = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#days()}. */
    public Builder days(int v) {
      days = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#timeframe()}. */
    public Builder timeframe(Timeframe v) {
      timeframe = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#seed()}. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#startDate()}. */
    public Builder startDate(LocalDate v) {
      startDate = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#marketVol()}. */
    public Builder marketVol(double v) {
      marketVol = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#marketDrift()}. */
    public Builder marketDrift(double v) {
      marketDrift = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#idioVolMin()} and {@link SyntheticConfig#idioVolMax()}. */
    public Builder idioVol(double min, double max) {
      idioVolMin = min;
      idioVolMax = max;
      return this;
    }

    /** Sets {@link SyntheticConfig#betaMin()} and {@link SyntheticConfig#betaMax()}. */
    public Builder beta(double min, double max) {
      betaMin = min;
      betaMax = max;
      return this;
    }

    /** Sets {@link SyntheticConfig#highVolEnterProbability()} and {@link SyntheticConfig#highVolExitProbability()}. */
    public Builder highVolSwitching(double enterProbability, double exitProbability) {
      highVolEnterProbability = enterProbability;
      highVolExitProbability = exitProbability;
      return this;
    }

    /** Sets {@link SyntheticConfig#highVolMultiplier()}. */
    public Builder highVolMultiplier(double v) {
      highVolMultiplier = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#jumpsPerDay()} and {@link SyntheticConfig#jumpStdDev()}. */
    public Builder jumps(double perDay, double stdDev) {
      jumpsPerDay = perDay;
      jumpStdDev = stdDev;
      return this;
    }

    /** Sets {@link SyntheticConfig#marketJumpsPerDay()} and {@link SyntheticConfig#marketJumpStdDev()}. */
    public Builder marketJumps(double perDay, double stdDev) {
      marketJumpsPerDay = perDay;
      marketJumpStdDev = stdDev;
      return this;
    }

    /** Sets {@link SyntheticConfig#tailDegreesOfFreedom()}. */
    public Builder tailDegreesOfFreedom(double v) {
      tailDegreesOfFreedom = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#overnightGapVol()} and {@link SyntheticConfig#marketGapVol()}. */
    public Builder gapVol(double overnight, double market) {
      overnightGapVol = overnight;
      marketGapVol = market;
      return this;
    }

    /** Sets {@link SyntheticConfig#haltProbability()}. */
    public Builder haltProbability(double v) {
      haltProbability = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#haltMinMinutes()} and {@link SyntheticConfig#haltMaxMinutes()}. */
    public Builder haltMinutes(int min, int max) {
      haltMinMinutes = min;
      haltMaxMinutes = max;
      return this;
    }

    /**
     * Sets {@link SyntheticConfig#volumeOpenMultiplier()}, {@link SyntheticConfig#volumeCloseMultiplier()} and
     * {@link SyntheticConfig#volumeProfileDecayMinutes()}.
     */
    public Builder volumeProfile(double openMultiplier, double closeMultiplier, double decayMinutes) {
      volumeOpenMultiplier = openMultiplier;
      volumeCloseMultiplier = closeMultiplier;
      volumeProfileDecayMinutes = decayMinutes;
      return this;
    }

    /** Sets {@link SyntheticConfig#highVolVolumeMultiplier()}. */
    public Builder highVolVolumeMultiplier(double v) {
      highVolVolumeMultiplier = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#dailyVolumeMin()} and {@link SyntheticConfig#dailyVolumeMax()}. */
    public Builder dailyVolume(double min, double max) {
      dailyVolumeMin = min;
      dailyVolumeMax = max;
      return this;
    }

    /** Sets {@link SyntheticConfig#averageTradeSize()}. */
    public Builder averageTradeSize(double v) {
      averageTradeSize = v;
      return this;
    }

    /** Sets {@link SyntheticConfig#priceMin()} and {@link SyntheticConfig#priceMax()}. */
    public Builder startPrice(double min, double max) {
      priceMin = min;
      priceMax = max;
      return this;
    }

    /** Sets {@link SyntheticConfig#priceDecimals()}. */
    public Builder priceDecimals(int v) {
      priceDecimals = v;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public SyntheticConfig build() {
      return new SyntheticConfig(symbols, days, timeframe, seed, startDate, marketVol, marketDrift, idioVolMin,
          idioVolMax, betaMin, betaMax, highVolEnterProbability, highVolExitProbability, highVolMultiplier,
          jumpsPerDay, jumpStdDev, marketJumpsPerDay, marketJumpStdDev, tailDegreesOfFreedom, overnightGapVol,
          marketGapVol, haltProbability, haltMinMinutes, haltMaxMinutes, volumeOpenMultiplier, volumeCloseMultiplier,
          volumeProfileDecayMinutes, highVolVolumeMultiplier, dailyVolumeMin, dailyVolumeMax, averageTradeSize,
          priceMin, priceMax, priceDecimals);
    }
  }
}
