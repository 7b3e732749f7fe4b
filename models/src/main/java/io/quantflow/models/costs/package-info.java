/** Transaction cost models. */
package io.quantflow.models.costs;
