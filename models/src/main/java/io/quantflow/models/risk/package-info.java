/**
 * Portfolio risk measures in plain Java: value at risk and expected shortfall (parametric, Cornish-Fisher,
 * historical, Monte Carlo), their Euler allocation to assets, and VaR backtests (Kupiec, Basel traffic light).
 */
package io.quantflow.models.risk;
