package io.quantflow.jobs.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The output of {@code quant portfolio optimize}. Every map is keyed by asset; numbers are per period (the period of
 * the covariance) unless named annual. Absent (null) fields are left out of the JSON. Immutable.
 *
 * @param method the method's CLI name
 * @param weights asset to weight, fractions of equity (negative = short)
 * @param expectedReturns the expected returns the method used: the input's (or the historical mean), or
 *     black-litterman's posterior {@code mu_BL}; null when there are none
 * @param equilibriumReturns black-litterman's equilibrium {@code Pi = delta S w_mkt}; null otherwise
 * @param covariance black-litterman's posterior covariance {@code S + M}; null otherwise
 * @param expectedReturn {@code mu'w}; null without expected returns
 * @param volatility {@code sqrt(w'Sw)} (under the posterior for black-litterman)
 * @param annualVolatility {@code volatility sqrt(periodsPerYear)}; null unless {@code periodsPerYear} was given or
 *     the method is volatility-target
 * @param riskContributions {@code w_i (Sw)_i / volatility}, summing to {@code volatility}
 * @param covarianceMethod how the covariance was obtained: {@code input}, {@code sample}, {@code ledoit-wolf},
 *     {@code ledoit-wolf-constant-correlation}, {@code ewma} or {@code factor}
 * @param shrinkage the Ledoit-Wolf intensity in [0, 1]; null for the other estimators
 * @param constraints the constraints applied, in words
 * @param details the method's own numbers (e.g. {@code diversificationRatio}, {@code scale}, {@code iterations})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizeResponse(String method, Map<String, Double> weights, Map<String, Double> expectedReturns,
    Map<String, Double> equilibriumReturns, Map<String, Map<String, Double>> covariance, Double expectedReturn,
    double volatility, Double annualVolatility, Map<String, Double> riskContributions, String covarianceMethod,
    Double shrinkage, String constraints, Map<String, Double> details) {}
