/** Job entry points: each job takes a typed config, builds the shared pipeline, runs it and writes a run folder. */
package io.quantflow.jobs;
