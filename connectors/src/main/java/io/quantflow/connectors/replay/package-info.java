/** A replay source that plays the store in event-time order as an unbounded stream, for STREAMING runs. */
package io.quantflow.connectors.replay;
