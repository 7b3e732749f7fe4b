/**
 * The Parquet history store: a Hive-partitioned folder of bar and tick files, readable from plain Java and from Flink,
 * and its corporate-actions table.
 */
package io.quantflow.connectors.store;
