package io.quantflow.connectors.stress;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scales each symbol's volatility by {@code k} around its own trend. With closes {@code c_0..c_n} of the symbol and
 * their mean log return {@code mu = ln(c_n / c_0) / n}, the new closes are
 *
 * <pre>
 * ln c'_i = ln c_0 + i mu + k (ln(c_i / c_0) - i mu)
 * </pre>
 *
 * so every close-to-close log return becomes {@code mu + k (r_i - mu)}: its deviation from the drift is scaled by
 * {@code k}, the standard deviation of the log returns exactly by {@code k}, and the first and last closes stay
 * where they were. Open, high, low and VWAP keep their position relative to the bar's own close on the log scale,
 * scaled by the same {@code k}: {@code p' = c' (p / c)^k}. As {@code k > 0} this keeps
 * {@code low <= open, close <= high} and every price positive. Volumes are unchanged.
 *
 * @param k the multiplier, positive: 3 triples the volatility, 0.5 halves it
 */
public record VolatilityMultiplier(double k) implements StressTransform {
  /** Checks the argument. */
  public VolatilityMultiplier {
    Checks.positive(k, "k");
  }

  @Override
  public List<Bar> apply(List<Bar> bars) {
    int n = bars.size() - 1;
    if (n < 1) {
      return bars;
    }
    double c0 = bars.get(0).close();
    double mu = Math.log(bars.get(n).close() / c0) / n;
    List<Bar> out = new ArrayList<>(bars.size());
    for (int i = 0; i <= n; i++) {
      Bar b = bars.get(i);
      double c = b.close();
      double close = c0 * Math.exp(i * mu + k * (Math.log(c / c0) - i * mu));
      out.add(Bars.withPrices(b, relative(b.open(), c, close), relative(b.high(), c, close),
          relative(b.low(), c, close), close, relative(b.vwap(), c, close)));
    }
    return out;
  }

  /** {@code c' (p / c)^k}; the close itself maps exactly to {@code c'}. */
  private double relative(double price, double close, double newClose) {
    return price == close ? newClose : newClose * Math.exp(k * Math.log(price / close));
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "volatilityMultiplier(%s)", k);
  }
}
