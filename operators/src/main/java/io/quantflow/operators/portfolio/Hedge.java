package io.quantflow.operators.portfolio;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How the portfolio operator hedges the book ({@code portfolio.hedge}; the reference is
 * {@code docs/portfolio-and-risk.md}, "Hedging in the jobs"). Without instruments (the default) nothing is hedged.
 * The hedge instruments are reserved for the hedge: their own signals are not traded (each is a {@code rejected} row
 * of stage {@code hedge}). At every valuation the {@link Hedger} works out the hedge target from the last
 * {@code lookbackBars} base-bar returns (close to close between valuations) and, when the shares held plus those
 * still working differ from it by more than {@code threshold} of equity, orders the difference through the same
 * margin cap and pre-trade limits as any other order. A null argument takes its default. Immutable and
 * serializable.
 *
 * @param instruments the hedge instruments, e.g. {@code [SPY]}; {@code beta} uses the first, {@code
 *     minimum-variance} all of them; default none (no hedge)
 * @param method {@code beta} (default): hold {@code -ratio x sum_i v_i beta_i} USD of the first instrument, with
 *     {@code v_i} the market value of each other position and {@code beta_i} its OLS beta to the instrument over
 *     the window (1.0 while a symbol has fewer than {@code minBars} returns); or {@code minimum-variance}: hold
 *     {@code -ratio x h_j x equity} USD of each instrument {@code j}, with {@code h} the minimum-variance hedge
 *     ratios of the book's equity-weighted return {@code sum_i (v_i / equity) r_i} against the instruments' returns
 * @param ratio the fraction of the exposure to hedge, in (0, 2]; default 1.0 (a full hedge)
 * @param lookbackBars base-bar returns behind the betas, at least {@code minBars}; default 390 (one session of
 *     one-minute bars)
 * @param minBars returns the instruments need before a hedge is placed, at least 3; default 60
 * @param threshold no-trade band, fraction of equity, not negative: the hedge is re-ordered only when
 *     {@code |target - (held + working)| x price > threshold x equity}; default 0.02
 */
public record Hedge(List<String> instruments, String method, Double ratio, Integer lookbackBars, Integer minBars,
    Double threshold) implements Serializable {
  /** No hedge. */
  public static final Hedge NONE = new Hedge(null, null, null, null, null, null);

  /** Fills defaults and checks every field. */
  public Hedge {
    instruments = instruments == null ? List.of()
        : instruments.stream().map(sym -> Checks.notBlank(sym, "portfolio.hedge.instruments").strip()).toList();
    Checks.isTrue(instruments.stream().distinct().count() == instruments.size(),
        "Setting 'portfolio.hedge.instruments' lists a symbol twice: %s", instruments);
    method = method == null || method.isBlank() ? "beta" : method.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(method.equals("beta") || method.equals("minimum-variance"),
        "Setting 'portfolio.hedge.method' must be beta or minimum-variance but was '%s'", method);
    ratio = ratio == null ? 1.0 : ratio;
    Checks.isTrue(ratio > 0 && ratio <= 2, "Setting 'portfolio.hedge.ratio' must be in (0, 2] but was %s", ratio);
    minBars = minBars == null ? 60 : minBars;
    Checks.isTrue(minBars >= 3, "Setting 'portfolio.hedge.minBars' must be at least 3 but was %s", minBars);
    lookbackBars = lookbackBars == null ? Math.max(390, minBars) : lookbackBars;
    Checks.isTrue(lookbackBars >= minBars,
        "Setting 'portfolio.hedge.lookbackBars' (%s) must be at least 'portfolio.hedge.minBars' (%s)", lookbackBars,
        minBars);
    threshold = threshold == null ? 0.02 : threshold;
    Checks.isTrue(threshold >= 0 && Double.isFinite(threshold),
        "Setting 'portfolio.hedge.threshold' must be a fraction of equity, at least 0, but was %s", threshold);
  }

  /** Whether a hedge is configured. */
  public boolean enabled() {
    return !instruments.isEmpty();
  }

  /** Whether {@code symbol} is one of the hedge instruments. */
  public boolean isInstrument(String symbol) {
    return instruments.contains(symbol);
  }
}
