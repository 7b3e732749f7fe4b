package io.quantflow.jobs.risk;

import java.util.List;

/**
 * The input of {@code quant risk var} (see {@code docs/portfolio-and-risk.md} and {@code docs/examples/var.json}).
 * Returns are daily simple returns in decimals; VaR and CVaR come out as positive loss fractions. Absent fields take
 * the defaults stated here. Immutable.
 *
 * @param returns the portfolio's daily returns as one array, or one array per asset (then with {@code weights})
 * @param assets the asset names of per-asset arrays, in their order; taken from the keys when {@code returns} is an
 *     object
 * @param weights per-asset input: the weights (fractions of equity, negative = short), an array in asset order or
 *     an object keyed by asset
 * @param method {@code parametric} (default), {@code cornish-fisher}, {@code historical} or {@code monte-carlo}
 * @param confidence {@code c} in (0, 1), default 0.95
 * @param horizonDays {@code h}, trading days, default 1
 * @param scaling {@code sqrt-time} (default) or {@code compounded} (historical and monte-carlo only)
 * @param includeMean whether the parametric, Cornish-Fisher and Monte Carlo methods use the sample mean, default
 *     true
 * @param seed monte-carlo: the seed, default 1
 * @param paths monte-carlo: the number of simulated returns, default 100,000
 * @param distribution monte-carlo: {@code normal} (default) or {@code student-t}
 * @param degreesOfFreedom monte-carlo with student-t: {@code nu >= 3}, default 5
 * @param backtest true to add a Kupiec test of a rolling one-day historical VaR over the portfolio returns
 * @param window backtest: days in each rolling window, default 250
 */
public record VarRequest(ReturnsInput returns, List<String> assets, AssetVector weights, String method,
    Double confidence, Integer horizonDays, String scaling, Boolean includeMean, Long seed, Integer paths,
    String distribution, Integer degreesOfFreedom, Boolean backtest, Integer window) {}
