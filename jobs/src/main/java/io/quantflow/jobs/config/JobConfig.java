package io.quantflow.jobs.config;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.features.FeatureSpec;
import io.quantflow.operators.features.IndicatorSpec;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.portfolio.SimulationConfig;
import io.quantflow.operators.signals.SignalConfig;
import io.quantflow.operators.signals.VoteMethod;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configuration of {@code quant backtest} and {@code quant features}, as written in YAML. Every field is
 * optional; a missing field takes the default shown in {@code docs/configuration.md} and {@code config/backtest.yaml}.
 *
 * @param mode {@code batch} (bounded Parquet read, the default) or {@code streaming} (event-time replay)
 * @param input {@code bars} (the store's bars of {@code timeframe}, the default) or {@code ticks} (bars of every
 *     feature timeframe built from the store's trades, quotes and recorded feeds)
 * @param parallelism Flink parallelism, default 2
 * @param replaySpeed streaming mode only: market time per wall time (60 = a minute a second), 0 = as fast as possible
 * @param timeframe timeframe of the input bars in the store, default 1m
 * @param features the indicators and the timeframes they are computed on (the input's and coarser ones resampled
 *     from it), default {@code ret, sma 20, ema 20, rsi 14 wilder, rvol 20 cc} on 1m, 5m and 15m
 * @param timing watermarks, allowed lateness per timeframe and session settings (see {@link Timing})
 * @param signal the agreement signal
 * @param portfolio portfolio simulation
 * @param fills the fill and cost model (see {@link Fills})
 * @param execution how decisions become orders (see {@link ExecutionSettings})
 * @param outputs which large tables a backtest writes (see {@link Outputs})
 * @param riskFreeRate annual risk-free rate for Sharpe and Sortino, decimal (0.02 = 2 percent), default 0
 * @param seed seed of every random choice a job makes, default 1 (the trend pipeline is deterministic and makes
 *     none; the seed is recorded so that later stochastic stages reproduce)
 * @param live the live job's settings (see {@link LiveSettings}); a backtest ignores them
 * @param model the model that validates the rule signals (see {@link ModelSettings}); none by default
 */
public record JobConfig(
    String mode,
    String input,
    Integer parallelism,
    Double replaySpeed,
    Timeframe timeframe,
    Features features,
    Timing timing,
    Signals signal,
    Portfolio portfolio,
    Fills fills,
    ExecutionSettings execution,
    Outputs outputs,
    Double riskFreeRate,
    Long seed,
    LiveSettings live,
    ModelSettings model) {

  /** Fills defaults and checks values. */
  public JobConfig {
    mode = mode == null ? "batch" : mode.toLowerCase(Locale.ROOT);
    Checks.isTrue(mode.equals("batch") || mode.equals("streaming"),
        "Setting 'mode' must be 'batch' or 'streaming' but was '%s'", mode);
    input = input == null ? "bars" : input.toLowerCase(Locale.ROOT);
    Checks.isTrue(input.equals("bars") || input.equals("ticks"),
        "Setting 'input' must be 'bars' or 'ticks' but was '%s'", input);
    parallelism = parallelism == null ? 2 : Checks.positive(parallelism, "parallelism");
    replaySpeed = replaySpeed == null ? 0.0 : Checks.notNegative(replaySpeed, "replaySpeed");
    timeframe = timeframe == null ? Timeframe.M1 : timeframe;
    features = features == null ? new Features(null, null) : features;
    timing = timing == null ? new Timing(null, null, null, null, null, null) : timing;
    signal = signal == null ? new Signals(null, null, null, null, null) : signal;
    portfolio = portfolio == null
        ? new Portfolio(null, null, null, null, null, null, null, null, null, null, null, null) : portfolio;
    fills = fills == null ? new Fills(null, null, null, null, null, null, null, null, null, null, null, null) : fills;
    execution = execution == null ? new ExecutionSettings(null, null, null, null, null) : execution;
    outputs = outputs == null ? new Outputs(null, null) : outputs;
    riskFreeRate = riskFreeRate == null ? 0.0 : Checks.finite(riskFreeRate, "riskFreeRate");
    seed = seed == null ? 1L : seed;
    live = live == null ? LiveSettings.defaults() : live;
    model = model == null ? ModelSettings.NONE : model;
  }

  /** All defaults. */
  public static JobConfig defaults() {
    return new JobConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A copy with another parallelism. */
  public JobConfig withParallelism(int p) {
    return new JobConfig(mode, input, p, replaySpeed, timeframe, features, timing, signal, portfolio, fills, execution, outputs, riskFreeRate,
        seed, live, model);
  }

  /** A copy with another mode ({@code batch} or {@code streaming}). */
  public JobConfig withMode(String m) {
    return new JobConfig(m, input, parallelism, replaySpeed, timeframe, features, timing, signal, portfolio, fills, execution, outputs,
        riskFreeRate, seed, live, model);
  }

  /** A copy with another input ({@code bars} or {@code ticks}). */
  public JobConfig withInput(String i) {
    return new JobConfig(mode, i, parallelism, replaySpeed, timeframe, features, timing, signal, portfolio, fills, execution, outputs,
        riskFreeRate, seed, live, model);
  }

  /** A copy with another replay speed (market time per wall time; 0 = as fast as possible). */
  public JobConfig withReplaySpeed(double speed) {
    return new JobConfig(mode, input, parallelism, speed, timeframe, features, timing, signal, portfolio, fills, execution, outputs,
        riskFreeRate, seed, live, model);
  }

  /** A copy with another seed. */
  public JobConfig withSeed(long s) {
    return new JobConfig(mode, input, parallelism, replaySpeed, timeframe, features, timing, signal, portfolio, fills, execution, outputs,
        riskFreeRate, s, live, model);
  }

  /** A copy with other timing settings. */
  public JobConfig withTiming(Timing t) {
    return new JobConfig(mode, input, parallelism, replaySpeed, timeframe, features, t, signal, portfolio, fills, execution, outputs,
        riskFreeRate, seed, live, model);
  }

  /** A copy with other model settings. */
  public JobConfig withModel(ModelSettings m) {
    return new JobConfig(mode, input, parallelism, replaySpeed, timeframe, features, timing, signal, portfolio, fills,
        execution, outputs, riskFreeRate, seed, live, m);
  }

  /** Whether bars are built from ticks. */
  public boolean fromTicks() {
    return input.equals("ticks");
  }

  /** Whether the job runs in STREAMING mode over a replay. */
  public boolean streaming() {
    return mode.equals("streaming");
  }

  /** A copy with other features (from a {@code --spec} file). */
  public JobConfig withFeatures(Features f) {
    return new JobConfig(mode, input, parallelism, replaySpeed, timeframe, f, timing, signal, portfolio, fills, execution, outputs,
        riskFreeRate, seed, live, model);
  }

  /**
   * The pipeline definition these settings describe.
   *
   * @throws IllegalArgumentException naming the setting when the features, timeframes and signal do not fit
   */
  public PipelineConfig pipeline() {
    List<String> tfs = features.timeframes() != null ? features.timeframes()
        : Stream.concat(Stream.of(timeframe), Stream.of(Timeframe.M5, Timeframe.M15)
                .filter(tf -> tf.compareTo(timeframe) > 0 && tf.isMultipleOf(timeframe)))
            .map(Timeframe::label).toList();
    FeatureSpec spec = new FeatureSpec(
        features.indicators() != null ? features.indicators() : PipelineConfig.DEFAULT_FEATURES.indicators(), tfs);
    Timeframe finest = spec.parsedTimeframes().stream().min(Enum::compareTo).orElseThrow();
    Checks.isTrue(finest == timeframe, "Setting 'features.timeframes' %s must have the input timeframe %s as its "
        + "finest; coarser ones are resampled from it", tfs, timeframe.label());
    List<Timeframe> voting = signal.timeframes() == null ? spec.parsedTimeframes() : signal.timeframes();
    List<VoteMethod> methods = signal.methods() == null
        ? List.of(VoteMethod.above("ema_20"))
        : signal.methods().stream().map(Method::toVoteMethod).toList();
    int quorum = signal.methodQuorum() == null ? methods.size() : signal.methodQuorum();
    String vol = signal.volFeature() == null ? "rvol_20_cc" : signal.volFeature();
    return new PipelineConfig(spec,
        new SignalConfig(timeframe, voting, methods, quorum, vol, signal.allowShort()), timing.toBarTiming(),
        model.enabled());
  }

  /**
   * The simulation settings for a universe of {@code symbols} symbols, the hedge instruments among them: those are
   * not sized by signals, so each other symbol's share is {@code grossLeverage / (symbols - hedge instruments)}.
   */
  public SimulationConfig simulation(int symbols) {
    int traded = Math.max(1, symbols - portfolio.hedge().instruments().size());
    return new SimulationConfig(portfolio.initialCash(), traded, portfolio.grossLeverage(),
        portfolio.maxGrossLeverage(), portfolio.costBps(), fills.toFillModel(), portfolio.borrowRate(),
        portfolio.marginRate(), execution.toExecution()).withLimits(portfolio.limits(), portfolio.sectors())
        .withConstruction(portfolio.construction()).withHedge(portfolio.hedge());
  }

  /**
   * The feature spec: which indicators, with which parameters and methods, on which timeframes. Both parts are
   * optional. The format and every indicator are in {@code docs/features.md}.
   *
   * @param timeframes the input timeframe first or anywhere (it must be the finest), plus coarser ones to resample
   *     to, e.g. {@code [1m, 5m, 15m]}; default the input timeframe plus 5m and 15m
   * @param indicators e.g. {@code [{indicator: ema, params: {period: 20}}, {indicator: rsi, methods: [wilder, cutler]}]};
   *     default {@code ret, sma 20, ema 20, rsi 14 wilder, rvol 20 cc}
   */
  public record Features(List<String> timeframes, List<IndicatorSpec> indicators) {}

  /**
   * Event-time settings (see {@code BarTiming} and {@code docs/configuration.md}); durations are written like
   * {@code 2s}, {@code 500ms}, {@code 1m} or ISO-8601 ({@code PT2S}).
   *
   * @param outOfOrderness how far the watermark trails the latest event time, default 2s
   * @param idleness when a quiet source split stops holding the watermark back, default 5s
   * @param allowedLateness how long after its close a bar may still be revised by a late tick, default 30s
   * @param latenessByTimeframe overrides per timeframe label, e.g. {@code {1s: 5s, 1h: 2m}}
   * @param extendedHours bars from ticks count pre-market and after-hours trading too, default false
   * @param carryLastPrice empty in-session intervals give a flat zero-volume bar, default false
   */
  public record Timing(java.time.Duration outOfOrderness, java.time.Duration idleness,
      java.time.Duration allowedLateness, java.util.Map<String, java.time.Duration> latenessByTimeframe,
      Boolean extendedHours, Boolean carryLastPrice) {
    /** Fills defaults. */
    public Timing {
      io.quantflow.operators.pipeline.BarTiming d = io.quantflow.operators.pipeline.BarTiming.DEFAULT;
      outOfOrderness = outOfOrderness == null ? d.outOfOrderness() : outOfOrderness;
      idleness = idleness == null ? d.idleness() : idleness;
      allowedLateness = allowedLateness == null ? d.allowedLateness() : allowedLateness;
      latenessByTimeframe = latenessByTimeframe == null ? java.util.Map.of() : latenessByTimeframe;
      extendedHours = extendedHours != null && extendedHours;
      carryLastPrice = carryLastPrice != null && carryLastPrice;
    }

    /** The operator-level settings. */
    public io.quantflow.operators.pipeline.BarTiming toBarTiming() {
      return new io.quantflow.operators.pipeline.BarTiming(outOfOrderness, idleness, allowedLateness,
          latenessByTimeframe, extendedHours, carryLastPrice);
    }
  }

  /**
   * The agreement signal.
   *
   * @param timeframes voting timeframes, default every feature timeframe; all must agree
   * @param methods how features vote on each timeframe, default close above {@code ema_<emaPeriod>}
   * @param methodQuorum how many methods must agree for a timeframe to vote, default all of them
   * @param volFeature the per-bar volatility feature that scales distances into confidences, default
   *     {@code rvol_20_cc}
   * @param allowShort whether all-down agreement goes short, default false
   */
  public record Signals(List<Timeframe> timeframes, List<Method> methods, Integer methodQuorum, String volFeature,
      Boolean allowShort) {
    /** Fills defaults. */
    public Signals {
      allowShort = allowShort != null && allowShort;
    }
  }

  /**
   * One voting method.
   *
   * @param feature a computed feature without timeframe suffix, e.g. {@code ema_20} or {@code rsi_14}
   * @param kind {@code above} (close above the feature votes up, below votes down; the default) or
   *     {@code threshold} (feature above {@code upper} votes up, below {@code lower} votes down)
   * @param upper threshold only
   * @param lower threshold only, default {@code upper}
   */
  public record Method(String feature, String kind, Double upper, Double lower) {
    /** The operator-level method. */
    public VoteMethod toVoteMethod() {
      String k = kind == null ? "above" : kind.toLowerCase(Locale.ROOT);
      if (k.equals("above")) {
        return VoteMethod.above(feature);
      }
      Checks.isTrue(k.equals("threshold"), "Method kind must be 'above' or 'threshold' but was '%s'", kind);
      Checks.isTrue(upper != null, "Method '%s' of kind threshold needs 'upper'", feature);
      return VoteMethod.threshold(feature, upper, lower == null ? upper : lower);
    }
  }

  /**
   * Portfolio simulation.
   *
   * @param initialCash USD, default 1,000,000
   * @param grossLeverage target gross exposure when every symbol is invested, default 1.0
   * @param costBps an extra cost per fill, basis points of notional, on top of the fill model, default 0
   * @param benchmark the symbol that alpha, beta and the report's benchmark line compare against, default SPY
   *     (ignored when the run has no such symbol)
   * @param maxGrossLeverage margin limit on gross exposure, fraction of equity, default 2.0 (Reg T)
   * @param borrowRate annual fee on short market value, decimal, default 0.01
   * @param marginRate annual interest on negative cash, decimal, default 0.06
   * @param limits pre-trade risk limits, fractions of equity (each optional; see {@code docs/portfolio-and-risk.md}):
   *     {@code maxPositionWeight}, {@code maxSectorWeight}, {@code maxGrossExposure}, {@code maxNetExposure},
   *     {@code maxConcentration} (Herfindahl of equity weights), {@code maxDrawdown} (kill switch)
   * @param sectors sector of each symbol, e.g. {@code {JPM: financials, BAC: financials}}; default none
   * @param construction how signals become target weights; default {@code {method: signal}}
   * @param risk the real-time risk monitor (VaR, exposures, limit usage, alerts); default on
   * @param hedge the hedge of the book with index instruments ({@code instruments}, {@code method: beta |
   *     minimum-variance}, {@code ratio}, {@code lookbackBars}, {@code minBars}, {@code threshold}); default none
   */
  public record Portfolio(Double initialCash, Double grossLeverage, Double costBps, String benchmark,
      Double maxGrossLeverage, Double borrowRate, Double marginRate,
      io.quantflow.models.risk.limits.RiskLimits limits, Map<String, String> sectors,
      io.quantflow.operators.portfolio.Construction construction, io.quantflow.operators.risk.RiskConfig risk,
      io.quantflow.operators.portfolio.Hedge hedge) {
    /** Fills defaults. */
    public Portfolio {
      initialCash = initialCash == null ? 1_000_000.0 : initialCash;
      grossLeverage = grossLeverage == null ? 1.0 : grossLeverage;
      costBps = costBps == null ? 0.0 : costBps;
      benchmark = benchmark == null ? "SPY" : benchmark.trim();
      maxGrossLeverage = maxGrossLeverage == null ? Math.max(2.0, grossLeverage) : maxGrossLeverage;
      borrowRate = borrowRate == null ? 0.01 : borrowRate;
      marginRate = marginRate == null ? 0.06 : marginRate;
      limits = limits == null ? io.quantflow.models.risk.limits.RiskLimits.none() : limits;
      sectors = sectors == null ? Map.of() : Map.copyOf(sectors);
      construction = construction == null ? io.quantflow.operators.portfolio.Construction.SIGNAL : construction;
      risk = risk == null ? io.quantflow.operators.risk.RiskConfig.DEFAULT : risk;
      hedge = hedge == null ? io.quantflow.operators.portfolio.Hedge.NONE : hedge;
    }
  }

  /**
   * The fill and cost model ({@code docs/backtesting.md}, "Fills and costs"). {@code model: realistic} (the
   * default) uses every setting below; {@code model: frictionless} fills at the next bar's open with no spread,
   * impact, fees or volume cap, paying only {@code portfolio.costBps}, for checks against hand calculations.
   *
   * @param model {@code realistic} or {@code frictionless}
   * @param latency delay from decision to the first bar that may fill, default 0s
   * @param participation largest share of a bar's volume one order takes, default 0.1
   * @param spreadFloorBps smallest quoted spread assumed, bps, default 2
   * @param spreadRangeFactor spread estimate from the bar range when quotes are unknown: {@code k * (high - low) /
   *     close}, default 0.1
   * @param impactCoefficient square-root impact coefficient, default 1.0
   * @param commissionPerShare USD per share, default 0 (Alpaca)
   * @param commissionMinimum USD per fill, default 0
   * @param commissionMaxFraction cap as a fraction of notional, default 0 (no cap; only used with a per-share rate)
   * @param secFeePerMillion SEC Section 31 fee on sells, USD per million of notional, default 27.80
   * @param tafPerShare FINRA TAF on sells, USD per share, default 0.000166
   * @param tafMaximum FINRA TAF cap per trade, USD, default 8.30
   */
  public record Fills(String model, java.time.Duration latency, Double participation, Double spreadFloorBps,
      Double spreadRangeFactor, Double impactCoefficient, Double commissionPerShare, Double commissionMinimum,
      Double commissionMaxFraction, Double secFeePerMillion, Double tafPerShare, Double tafMaximum) {
    /** Fills defaults. */
    public Fills {
      model = model == null ? "realistic" : model.toLowerCase(Locale.ROOT);
      Checks.isTrue(model.equals("realistic") || model.equals("frictionless"),
          "Setting 'fills.model' must be 'realistic' or 'frictionless' but was '%s'", model);
      latency = latency == null ? java.time.Duration.ZERO : latency;
      participation = participation == null ? 0.1 : participation;
      spreadFloorBps = spreadFloorBps == null ? 2.0 : spreadFloorBps;
      spreadRangeFactor = spreadRangeFactor == null ? 0.1 : spreadRangeFactor;
      impactCoefficient = impactCoefficient == null ? 1.0 : impactCoefficient;
      commissionPerShare = commissionPerShare == null ? 0.0 : commissionPerShare;
      commissionMinimum = commissionMinimum == null ? 0.0 : commissionMinimum;
      commissionMaxFraction = commissionMaxFraction == null ? 0.0 : commissionMaxFraction;
      secFeePerMillion = secFeePerMillion == null ? io.quantflow.models.execution.RegulatoryFees
          .SEC_FEE_USD_PER_MILLION_2024 : secFeePerMillion;
      tafPerShare = tafPerShare == null ? io.quantflow.models.execution.RegulatoryFees.TAF_USD_PER_SHARE_2024
          : tafPerShare;
      tafMaximum = tafMaximum == null ? io.quantflow.models.execution.RegulatoryFees.TAF_MAXIMUM_USD_2024 : tafMaximum;
    }

    /** The fill model these settings describe. */
    public io.quantflow.models.execution.BarFillModel toFillModel() {
      if (model.equals("frictionless")) {
        return io.quantflow.models.execution.BarFillModel.frictionless();
      }
      return new io.quantflow.models.execution.BarFillModel(latency.toNanos() / 1000, participation,
          new io.quantflow.models.execution.Commission(commissionPerShare, commissionMinimum,
              commissionMaxFraction > 0 ? commissionMaxFraction : 1.0),
          new io.quantflow.models.execution.RegulatoryFees(secFeePerMillion, tafPerShare, tafMaximum),
          new io.quantflow.models.execution.SpreadCost(spreadFloorBps, spreadRangeFactor),
          new io.quantflow.models.execution.SquareRootImpact(impactCoefficient));
    }
  }

  /**
   * How a decision becomes orders.
   *
   * @param algorithm {@code none} (one order, the default), {@code twap} or {@code vwap} (child orders over
   *     {@code horizonBars} base bars)
   * @param horizonBars bars a TWAP/VWAP order is spread over, default 5
   * @param orderType {@code market} (default) or {@code limit} (at the decision close, {@code limitOffsetBps} away
   *     against the trade: a buy limit above the close)
   * @param limitOffsetBps default 0
   * @param timeInForce {@code gtc} (default; the next decision replaces the order), {@code day} or {@code ioc}
   */
  public record ExecutionSettings(String algorithm, Integer horizonBars, String orderType, Double limitOffsetBps,
      String timeInForce) {
    /** Fills defaults. */
    public ExecutionSettings {
      algorithm = algorithm == null ? "none" : algorithm.toLowerCase(Locale.ROOT);
      Checks.isTrue(java.util.List.of("none", "twap", "vwap").contains(algorithm),
          "Setting 'execution.algorithm' must be one of [none, twap, vwap] but was '%s'", algorithm);
      horizonBars = horizonBars == null ? 5 : Checks.positive(horizonBars, "execution.horizonBars");
      orderType = orderType == null ? "market" : orderType.toLowerCase(Locale.ROOT);
      Checks.isTrue(orderType.equals("market") || orderType.equals("limit"),
          "Setting 'execution.orderType' must be 'market' or 'limit' but was '%s'", orderType);
      limitOffsetBps = limitOffsetBps == null ? 0.0 : limitOffsetBps;
      timeInForce = timeInForce == null ? "gtc" : timeInForce.toLowerCase(Locale.ROOT);
      Checks.isTrue(java.util.List.of("gtc", "day", "ioc").contains(timeInForce),
          "Setting 'execution.timeInForce' must be one of [gtc, day, ioc] but was '%s'", timeInForce);
    }

    /** The simulator's settings. */
    public SimulationConfig.Execution toExecution() {
      return new SimulationConfig.Execution(SimulationConfig.Algorithm.valueOf(algorithm.toUpperCase(Locale.ROOT)),
          horizonBars, io.quantflow.domain.Order.OrderType.valueOf(orderType.toUpperCase(Locale.ROOT)),
          limitOffsetBps, io.quantflow.domain.Order.TimeInForce.valueOf(timeInForce.toUpperCase(Locale.ROOT)));
    }
  }

  /**
   * Which large tables a backtest writes. The portfolio tables (equity, orders, fills, positions, trades), signals,
   * rejected inputs, metrics and the report are always written; the feature tables hold a row per symbol, timeframe
   * and bar, so a 400-symbol year of minutes gives tens of millions of rows: turn them off for big runs.
   *
   * @param features write {@code features.parquet}/{@code .arrow}, default true
   * @param wide write {@code wide.parquet}/{@code .arrow}, default true
   */
  public record Outputs(Boolean features, Boolean wide) {
    /** Fills defaults. */
    public Outputs {
      features = features == null || features;
      wide = wide == null || wide;
    }
  }
}
