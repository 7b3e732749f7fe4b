/**
 * The JSON requests and responses of {@code quant portfolio optimize}, {@code quant risk var} and
 * {@code quant risk stress}, and the mapping from them to the portfolio and risk kernels of
 * {@code io.quantflow.models.portfolio} and {@code io.quantflow.models.risk} (see {@code docs/portfolio-and-risk.md}).
 */
package io.quantflow.jobs.risk;
