package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A hypothetical shock applied to today's book by {@link StressTest#apply}. Two kinds of effect:
 *
 * <ul>
 *   <li>P&amp;L shocks give a P&amp;L per position: {@link Index} ({@code v_i beta_i x}) and {@link Factor}
 *       ({@code v_i loading_i x});
 *   <li>covariance shocks give a stressed parametric VaR against the base one: {@link Volatility}
 *       ({@code Sigma' = k^2 Sigma}) and {@link CorrelationsToOne} ({@code Sigma'_ij = sigma_i sigma_j});
 * </ul>
 *
 * and {@link Combined} applies several at once (P&amp;L adds up, covariance shocks compose). Immutable.
 */
public sealed interface HypotheticalShock permits HypotheticalShock.Index, HypotheticalShock.Factor,
    HypotheticalShock.Volatility, HypotheticalShock.CorrelationsToOne, HypotheticalShock.Combined {

  /** The shock's name in reports. */
  String name();

  /** One line saying what the shock does, with its numbers. */
  String description();

  /**
   * The index moves by {@code indexReturn} and each position follows through its beta:
   * {@code P&L_i = v_i beta_i indexReturn} (USD).
   *
   * @param name e.g. {@code "index -10%"}
   * @param indexReturn simple return of the index, a decimal ({@code -0.10} = down 10 percent), at least -1
   */
  record Index(String name, double indexReturn) implements HypotheticalShock {
    /** Checks the fields. */
    public Index {
      Checks.notBlank(name, "name");
      Checks.finite(indexReturn, "indexReturn");
      Checks.isTrue(indexReturn >= -1, "Argument 'indexReturn' must be at least -1 but was %s", indexReturn);
    }

    @Override
    public String description() {
      return String.format(Locale.ROOT, "index %+.2f%% through each position's beta", 100 * indexReturn);
    }
  }

  /**
   * A factor moves by {@code move} and each position's return is {@code loading_i * move}:
   * {@code P&L_i = v_i loading_i move} (USD). For a rates shock of +100 bp, {@code move = 0.01} and a bond fund of
   * modified duration 7 has loading {@code -7} (it loses 7 percent). A symbol without a loading is not sensitive to
   * the factor (loading 0).
   *
   * @param name e.g. {@code "rates +100bp"}
   * @param factor the factor's name, e.g. {@code "US 10y yield"}
   * @param move the factor's move in its own unit (a yield change as a decimal, 0.01 = 100 bp)
   * @param loadingBySymbol simple return per unit move, per symbol; copied
   */
  record Factor(String name, String factor, double move, Map<String, Double> loadingBySymbol)
      implements HypotheticalShock {
    /** Checks the fields and copies the loadings. */
    public Factor {
      Checks.notBlank(name, "name");
      Checks.notBlank(factor, "factor");
      Checks.finite(move, "move");
      loadingBySymbol = Maps.finiteBySymbol(loadingBySymbol, "loadingBySymbol");
    }

    @Override
    public String description() {
      return String.format(Locale.ROOT, "%s moves by %s through per-symbol loadings", factor, move);
    }
  }

  /**
   * Every volatility is multiplied by {@code multiplier} with correlations kept: {@code Sigma' = k^2 Sigma}, so the
   * parametric VaR is multiplied by exactly {@code k}.
   *
   * @param name e.g. {@code "volatility x3"}
   * @param multiplier {@code k}, positive
   */
  record Volatility(String name, double multiplier) implements HypotheticalShock {
    /** Checks the fields. */
    public Volatility {
      Checks.notBlank(name, "name");
      Checks.positive(multiplier, "multiplier");
    }

    @Override
    public String description() {
      return String.format(Locale.ROOT, "volatilities multiplied by %s, correlations kept", multiplier);
    }
  }

  /**
   * Every correlation is set to one, volatilities kept: {@code Sigma'_ij = sigma_i sigma_j}, so
   * {@code sigma_p' = |sum_i w_i sigma_i|}. For a long-only book that is the largest possible volatility (no
   * diversification); for a long-short book the shorts then offset the longs perfectly, so the stressed VaR can be
   * below the base one.
   *
   * @param name e.g. {@code "correlations to one"}
   */
  record CorrelationsToOne(String name) implements HypotheticalShock {
    /** Checks the name. */
    public CorrelationsToOne {
      Checks.notBlank(name, "name");
    }

    @Override
    public String description() {
      return "all correlations set to 1, volatilities kept";
    }
  }

  /**
   * Several shocks at once: the P&amp;L of the P&amp;L shocks adds up position by position, and the covariance
   * shocks compose (they commute: {@code Sigma'_ij = k^2 sigma_i sigma_j} for both).
   *
   * @param name e.g. {@code "crash: index -20%, volatility x3, correlations to one"}
   * @param shocks the parts, at least one; copied
   */
  record Combined(String name, List<HypotheticalShock> shocks) implements HypotheticalShock {
    /** Checks the fields and copies the parts. */
    public Combined {
      Checks.notBlank(name, "name");
      shocks = List.copyOf(Checks.notNull(shocks, "shocks"));
      Checks.isTrue(!shocks.isEmpty(), "A combined shock needs at least one part");
    }

    @Override
    public String description() {
      return shocks.stream().map(HypotheticalShock::description).collect(Collectors.joining("; "));
    }
  }
}
