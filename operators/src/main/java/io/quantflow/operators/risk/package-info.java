/** Real-time risk of the portfolio: value at risk, exposures and limit usage at every valuation, with alerts. */
package io.quantflow.operators.risk;
