/** The Parquet history store: a Hive-partitioned folder of bar files, readable from plain Java and from Flink. */
package io.quantflow.connectors.store;
