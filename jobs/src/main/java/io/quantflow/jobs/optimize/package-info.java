/**
 * Parameter optimisation and walk-forward analysis on Flink: a spec with a templated backtest config, trials spread
 * over the slots of Flink BATCH jobs, the deflated Sharpe ratio and PBO of the search; see
 * {@code docs/backtesting.md}.
 */
package io.quantflow.jobs.optimize;
