/** Typed job configuration loaded from YAML with Jackson; every setting is documented in docs/configuration.md. */
package io.quantflow.jobs.config;
