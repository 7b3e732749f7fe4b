/** Signal rules and the Flink function that applies them across timeframes without look-ahead. */
package io.quantflow.operators.signals;
