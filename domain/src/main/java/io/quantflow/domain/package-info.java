/**
 * Immutable domain types shared by every module: market data (trades, quotes, bars), features, signals,
 * fills and equity. Timestamps are UNIX epoch microseconds in UTC and say so in their names.
 * Nothing here depends on Flink.
 */
package io.quantflow.domain;
