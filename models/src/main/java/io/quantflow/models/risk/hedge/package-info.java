/**
 * Hedging kernels: OLS betas, the beta hedge of a book in an index ETF and minimum-variance hedge ratios for one
 * or more hedge instruments; returns are simple decimal period returns, values in USD.
 */
package io.quantflow.models.risk.hedge;
