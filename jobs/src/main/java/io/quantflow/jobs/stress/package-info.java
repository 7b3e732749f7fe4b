/**
 * {@code quant stress}: backtests of a store under synthetic scenarios and over historical periods, set against the
 * unmodified baseline in one report (see {@code docs/stress.md}).
 */
package io.quantflow.jobs.stress;
