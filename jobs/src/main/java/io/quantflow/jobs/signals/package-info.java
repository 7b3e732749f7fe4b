/** Signal research jobs: ranking candidate signals by their statistical strength against forward returns. */
package io.quantflow.jobs.signals;
