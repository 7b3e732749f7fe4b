/**
 * Signal research: forward returns, rank information coefficients, quantile spreads, turnover and decay of signal
 * scores, and IC-weighted ensembles that use only information known at the time they combine.
 */
package io.quantflow.models.signals;
