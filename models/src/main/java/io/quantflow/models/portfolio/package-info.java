/**
 * Portfolio construction: covariance estimators (sample, Ledoit-Wolf, EWMA, factor), expected returns, and
 * optimisers (mean-variance, minimum variance, risk parity, maximum diversification, volatility targeting,
 * Black-Litterman) that turn them into weights under {@link io.quantflow.models.portfolio.Constraints}.
 */
package io.quantflow.models.portfolio;
