package io.quantflow.operators.features;

/**
 * The typed parameters a {@link FeatureRegistry} factory receives, after defaults were applied. Parameters the
 * indicator does not take are 0 (integers) or NaN ({@code k}). Periods are in bars of the timeframe. Range checks
 * belong to the kernels' constructors, whose messages name the parameter.
 *
 * @param period window length, bars
 * @param fast MACD fast EMA period, bars
 * @param slow MACD slow EMA period, bars
 * @param signal MACD signal EMA period, bars
 * @param k Bollinger band width in standard deviations
 */
public record IndicatorParams(int period, int fast, int slow, int signal, double k) {}
