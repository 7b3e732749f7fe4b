package io.quantflow.operators.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.risk.VarMethod;
import io.quantflow.models.risk.stress.HypotheticalShock;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How the risk monitor measures the book ({@code risk:} in a job configuration; every field optional).
 *
 * @param enabled false to skip the monitor (default true)
 * @param windowBars {@code returns: bars}: base-bar returns per symbol behind the VaR (default 390, one session of
 *     1-minute bars)
 * @param horizonBars {@code returns: bars}: the VaR horizon in base bars, scaled from one bar by the square root of
 *     time (default 390: one session of 1-minute bars, so the figure is a one-day VaR)
 * @param confidence the VaR confidence (default 0.99)
 * @param method {@code historical} (default: the book's current weights applied to the window's returns),
 *     {@code parametric} (normal, from the window's mean and covariance), {@code cornish-fisher} (the normal
 *     quantile corrected for the window's skewness and excess kurtosis) or {@code monte-carlo} (simulated from the
 *     window's mean and covariance, normal or Student-t); the kernels of
 *     {@link io.quantflow.models.risk.ValueAtRisk}
 * @param maxVar the largest one-horizon VaR as a fraction of equity before an alert (default none)
 * @param minBars {@code returns: bars}: returns needed before a VaR is reported (default 30); NaN before that
 * @param returns {@code bars} (default: the returns between consecutive valuations) or {@code daily} (close-to-close
 *     returns of completed New York sessions)
 * @param windowDays {@code returns: daily}: session returns per symbol behind the VaR (default 250)
 * @param horizonDays {@code returns: daily}: the VaR horizon in sessions, square root of time from one (default 1)
 * @param minDays {@code returns: daily}: session returns needed before a VaR is reported (default 20)
 * @param simulations {@code monte-carlo}: simulated portfolio returns per valuation (default 10,000)
 * @param seed {@code monte-carlo}: the seed, the same at every valuation so that a figure is reproducible (default 42)
 * @param studentTDof {@code monte-carlo}: Student-t returns with this many degrees of freedom (at least 3), scaled
 *     to the window's covariance; default none (normal)
 * @param stress hypothetical shocks applied to the book at every valuation ({@link StressShock}); default none (no
 *     stress figure)
 * @param maxStressLoss the largest loss of the worst {@code stress} scenario as a fraction of equity before an
 *     alert (default none); needs {@code stress}
 */
public record RiskConfig(Boolean enabled, Integer windowBars, Integer horizonBars, Double confidence, String method,
    Double maxVar, Integer minBars, String returns, Integer windowDays, Integer horizonDays, Integer minDays,
    Integer simulations, Long seed, Integer studentTDof, List<StressShock> stress, Double maxStressLoss)
    implements Serializable {

  /** All defaults. */
  public static final RiskConfig DEFAULT =
      new RiskConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /**
   * One hypothetical shock of {@code risk.stress}, the kernels of
   * {@link io.quantflow.models.risk.stress.StressTest#apply}:
   *
   * <ul>
   *   <li>{@code index}: the {@code index} symbol moves by {@code move} and each position by {@code beta_i x move}
   *       (P&amp;L {@code v_i beta_i move}), {@code beta_i} the OLS beta of the symbol's window returns to the
   *       index's;
   *   <li>{@code volatility}: every volatility multiplied by {@code multiplier}, correlations kept; the loss is the
   *       stressed zero-mean parametric VaR of the current weights;
   *   <li>{@code correlations-to-one}: every correlation set to one, volatilities kept; the stressed VaR likewise.
   * </ul>
   *
   * @param type {@code index}, {@code volatility} or {@code correlations-to-one}
   * @param move {@code index}: the index's simple return, a decimal at least -1 ({@code -0.10} = down 10 percent)
   * @param index {@code index}: the index symbol, one of the run's symbols
   * @param multiplier {@code volatility}: {@code k}, positive
   * @param name the scenario's name in reports and alerts; default e.g. {@code index SPY -10%},
   *     {@code volatility x3}, {@code correlations to one}
   */
  public record StressShock(String type, Double move, String index, Double multiplier, String name)
      implements Serializable {
    /** Checks the fields for the type and names the shock. */
    public StressShock {
      Checks.isTrue(type != null, "Setting 'risk.stress[].type' is required: index, volatility or "
          + "correlations-to-one");
      type = type.strip().toLowerCase(Locale.ROOT);
      switch (type) {
        case "index" -> {
          Checks.isTrue(move != null && Double.isFinite(move) && move >= -1, "Setting 'risk.stress[].move' of an "
              + "index shock must be a finite return of at least -1 (e.g. -0.10) but was %s", move);
          Checks.isTrue(index != null && !index.isBlank(), "Setting 'risk.stress[].index' of an index shock must "
              + "name the index symbol (e.g. SPY)");
          index = index.strip();
          Checks.isTrue(multiplier == null, "Setting 'risk.stress[].multiplier' applies to volatility shocks only");
          name = name == null ? "index " + index + " " + plain(100 * move) + "%" : name;
        }
        case "volatility" -> {
          Checks.isTrue(multiplier != null && Double.isFinite(multiplier) && multiplier > 0, "Setting "
              + "'risk.stress[].multiplier' of a volatility shock must be positive (e.g. 3) but was %s", multiplier);
          Checks.isTrue(move == null && index == null, "Settings 'risk.stress[].move' and 'index' apply to index "
              + "shocks only");
          name = name == null ? "volatility x" + plain(multiplier) : name;
        }
        case "correlations-to-one" -> {
          Checks.isTrue(move == null && index == null && multiplier == null, "A correlations-to-one shock takes no "
              + "move, index or multiplier");
          name = name == null ? "correlations to one" : name;
        }
        default -> throw new IllegalArgumentException("Setting 'risk.stress[].type' must be index, volatility or "
            + "correlations-to-one but was '" + type + "'");
      }
      Checks.notBlank(name, "risk.stress[].name");
    }

    /** The kernel's shock. */
    public HypotheticalShock shock() {
      return switch (type) {
        case "index" -> new HypotheticalShock.Index(name, move);
        case "volatility" -> new HypotheticalShock.Volatility(name, multiplier);
        default -> new HypotheticalShock.CorrelationsToOne(name);
      };
    }

    /** Whether the shock changes the covariance (its loss is a stressed VaR) rather than the prices. */
    public boolean covarianceShock() {
      return !type.equals("index");
    }

    /** {@code x} without trailing zeros: -10, -7.5, 3. */
    private static String plain(double x) {
      return new java.math.BigDecimal(Double.toString(x)).round(new java.math.MathContext(10)).stripTrailingZeros()
          .toPlainString();
    }
  }

  /** Fills defaults and checks ranges. */
  public RiskConfig {
    enabled = enabled == null || enabled;
    windowBars = Checks.positive(windowBars == null ? 390 : windowBars, "risk.windowBars");
    horizonBars = Checks.positive(horizonBars == null ? 390 : horizonBars, "risk.horizonBars");
    confidence = confidence == null ? 0.99 : confidence;
    Checks.isTrue(confidence > 0.5 && confidence < 1, "Setting 'risk.confidence' must be in (0.5, 1) but was %s",
        confidence);
    method = method == null ? "historical" : method.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(method.equals("historical") || method.equals("parametric") || method.equals("cornish-fisher")
        || method.equals("monte-carlo"),
        "Setting 'risk.method' must be historical, parametric, cornish-fisher or monte-carlo but was '%s'", method);
    Checks.isTrue(maxVar == null || (maxVar > 0 && maxVar < 1), "Setting 'risk.maxVar' must be in (0, 1) but was %s",
        maxVar);
    minBars = Checks.positive(minBars == null ? 30 : minBars, "risk.minBars");
    Checks.isTrue(minBars <= windowBars, "Setting 'risk.minBars' (%s) must not exceed 'risk.windowBars' (%s)",
        minBars, windowBars);
    returns = returns == null ? "bars" : returns.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(returns.equals("bars") || returns.equals("daily"),
        "Setting 'risk.returns' must be bars or daily but was '%s'", returns);
    windowDays = Checks.positive(windowDays == null ? 250 : windowDays, "risk.windowDays");
    horizonDays = Checks.positive(horizonDays == null ? 1 : horizonDays, "risk.horizonDays");
    minDays = Checks.positive(minDays == null ? 20 : minDays, "risk.minDays");
    Checks.isTrue(minDays <= windowDays, "Setting 'risk.minDays' (%s) must not exceed 'risk.windowDays' (%s)",
        minDays, windowDays);
    // the kernels' own minimum sample: 4 for the third and fourth moments, 2 for a (co)variance
    int least = switch (method) {
      case "cornish-fisher" -> 4;
      case "parametric", "monte-carlo" -> 2;
      default -> 1;
    };
    String minName = returns.equals("daily") ? "risk.minDays" : "risk.minBars";
    int min = returns.equals("daily") ? minDays : minBars;
    Checks.isTrue(min >= least, "Setting '%s' must be at least %s for method %s but was %s", minName, least, method,
        min);
    simulations = Checks.positive(simulations == null ? 10_000 : simulations, "risk.simulations");
    seed = seed == null ? 42L : seed;
    Checks.isTrue(studentTDof == null || studentTDof >= 3,
        "Setting 'risk.studentTDof' must be at least 3 (a finite variance) but was %s", studentTDof);
    Checks.isTrue(studentTDof == null || method.equals("monte-carlo"),
        "Setting 'risk.studentTDof' applies to method monte-carlo only, not %s: drop it or set risk.method: "
            + "monte-carlo", method);
    stress = stress == null ? List.of() : List.copyOf(stress);
    Checks.isTrue(stress.stream().map(StressShock::name).distinct().count() == stress.size(),
        "Setting 'risk.stress' names a scenario twice: %s", stress.stream().map(StressShock::name).toList());
    Checks.isTrue(min >= 2 || stress.stream().noneMatch(StressShock::covarianceShock),
        "Setting '%s' must be at least 2 for a volatility or correlations-to-one shock (a covariance) but was %s",
        minName, min);
    Checks.isTrue(maxStressLoss == null || (Double.isFinite(maxStressLoss) && maxStressLoss > 0),
        "Setting 'risk.maxStressLoss' must be positive but was %s", maxStressLoss);
    Checks.isTrue(maxStressLoss == null || !stress.isEmpty(),
        "Setting 'risk.maxStressLoss' needs scenarios in 'risk.stress'");
  }

  /** The index symbols of the {@code index} shocks of {@link #stress()}, distinct, in order. */
  public List<String> stressIndices() {
    return stress.stream().filter(s -> !s.covarianceShock()).map(StressShock::index).distinct().toList();
  }

  /** Whether the VaR is of daily session returns ({@code returns: daily}) rather than base-bar returns. */
  public boolean daily() {
    return returns.equals("daily");
  }

  /** The VaR horizon in the unit of the returns: {@link #horizonDays()} sessions or {@link #horizonBars()} bars. */
  public int horizon() {
    return daily() ? horizonDays : horizonBars;
  }

  /** The kernel of {@link #method()}. */
  public VarMethod varMethod() {
    return VarMethod.fromCliName(method);
  }
}
