/** Portfolio simulation: signals to targets, orders, fills, positions, cash and equity, in event-time order. */
package io.quantflow.operators.portfolio;
