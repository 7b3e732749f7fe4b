/**
 * Statistics against backtest overfitting: the probabilistic and deflated Sharpe ratios and the probability of
 * backtest overfitting; conventions in {@code docs/overfitting.md}.
 */
package io.quantflow.models.stats;
