package io.quantflow.operators.portfolio;

/**
 * The whole state of a {@link PortfolioSimulator} as flat arrays, so Flink keeps it in keyed state with its POJO
 * serializer (no Kryo). Index {@code i} of every array belongs to {@code symbols[i]}.
 */
public final class PortfolioState {
  /** Cash, USD. */
  public double cash;
  /** Known symbols, sorted. */
  public String[] symbols = new String[0];
  /** Shares held (negative short). */
  public double[] shares = new double[0];
  /** Last close seen, USD, NaN if none. */
  public double[] lastClose = new double[0];
  /** Shares of the pending order (0 if none). */
  public double[] pendingQuantity = new double[0];
  /** Decision time of the pending order, UTC epoch micros. */
  public long[] pendingDecisionMicros = new long[0];
  /** Target direction sign per symbol: -1, 0, 1. */
  public int[] targetSign = new int[0];
}
