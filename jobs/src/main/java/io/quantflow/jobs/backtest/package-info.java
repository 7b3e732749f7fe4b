/** The backtest and feature jobs: run the shared pipeline over the store and write a run folder. */
package io.quantflow.jobs.backtest;
