package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import io.quantflow.models.costs.CostModel;

/**
 * The US regulatory transaction fees brokers pass on to the seller; buys pay none.
 *
 * <ul>
 *   <li>SEC Section 31 fee: {@code notional * secFeeUsdPerMillion / 1_000_000}. The SEC resets the rate each fiscal
 *       year: {@link #us2024()} uses USD 27.80 per million, effective 2024-05-22 (fiscal 2024). For fiscal 2025
 *       the SEC set USD 0.00 per million from 2025-05-14 (Release 34-102779); pass the rate in force at the time of
 *       the simulated trades.
 *   <li>FINRA trading activity fee (TAF): {@code min(|shares| * tafUsdPerShare, tafMaximumUsd)}, 2024 schedule
 *       USD 0.000166 a share, at most USD 8.30 per trade (applied per simulated fill).
 * </ul>
 *
 * <p>Each fee is rounded <em>up</em> to the next cent, as brokers do when passing them on (a USD 0.0166 fee is
 * charged as USD 0.02). This class is immutable and thread-safe.
 *
 * @param secFeeUsdPerMillion SEC fee, USD per million USD of sale proceeds, not negative
 * @param tafUsdPerShare FINRA TAF per share sold, USD, not negative
 * @param tafMaximumUsd cap of the TAF per fill, USD, not negative
 */
public record RegulatoryFees(double secFeeUsdPerMillion, double tafUsdPerShare, double tafMaximumUsd)
    implements CostModel {
  /** SEC Section 31 rate effective 2024-05-22, USD per million. */
  public static final double SEC_FEE_USD_PER_MILLION_2024 = 27.80;
  /** FINRA TAF per share sold, 2024 schedule, USD. */
  public static final double TAF_USD_PER_SHARE_2024 = 0.000166;
  /** FINRA TAF cap per trade, 2024 schedule, USD. */
  public static final double TAF_MAXIMUM_USD_2024 = 8.30;
  /** No fees. */
  public static final RegulatoryFees NONE = new RegulatoryFees(0, 0, 0);

  /** Checks the three parameters. */
  public RegulatoryFees {
    Checks.notNegative(secFeeUsdPerMillion, "secFeeUsdPerMillion");
    Checks.notNegative(tafUsdPerShare, "tafUsdPerShare");
    Checks.notNegative(tafMaximumUsd, "tafMaximumUsd");
  }

  /** The 2024 rates: SEC USD 27.80 per million (from 2024-05-22), TAF USD 0.000166 a share capped at USD 8.30. */
  public static RegulatoryFees us2024() {
    return new RegulatoryFees(SEC_FEE_USD_PER_MILLION_2024, TAF_USD_PER_SHARE_2024, TAF_MAXIMUM_USD_2024);
  }

  /** The SEC fee for filling {@code quantity} shares (signed) at {@code price} USD: zero for buys, USD. */
  public double secFee(double quantity, double price) {
    return quantity < 0 ? ceilToCent(-quantity * price * secFeeUsdPerMillion / 1_000_000.0) : 0;
  }

  /** The FINRA TAF for filling {@code quantity} shares (signed): zero for buys, USD. */
  public double taf(double quantity) {
    return quantity < 0 ? ceilToCent(Math.min(-quantity * tafUsdPerShare, tafMaximumUsd)) : 0;
  }

  /** SEC fee plus TAF, USD. */
  @Override
  public double cost(String symbol, double quantity, double price) {
    return secFee(quantity, price) + taf(quantity);
  }

  static double ceilToCent(double usd) {
    if (!(usd > 0)) {
      return 0;
    }
    // the tolerance keeps binary noise (27.800000000000001) from adding a cent
    return Math.ceil(usd * 100 - 1e-6) / 100;
  }
}
