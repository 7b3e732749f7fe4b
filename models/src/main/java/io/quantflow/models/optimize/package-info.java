/**
 * Parameter search for backtests: parameter spaces and the grid, random and TPE optimisers behind one ask/tell
 * interface; conventions in {@code docs/overfitting.md}.
 */
package io.quantflow.models.optimize;
