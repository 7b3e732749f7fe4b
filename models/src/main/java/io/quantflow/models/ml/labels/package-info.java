/**
 * Labels for supervised learning on one symbol's bars (López de Prado, "Advances in Financial Machine Learning",
 * ch. 3): fixed-horizon forward returns, triple-barrier outcomes and meta-labels. Inputs are columnar arrays of
 * bar close times ({@code availableAtMicros}, UTC epoch microseconds, strictly ascending) and prices; returns are
 * simple decimals (0.01 is 1 percent).
 *
 * <p>A label is information from the future by construction: the label of bar {@code i} uses only prices of bars
 * strictly after {@code i} (its entry price is bar {@code i}'s close) and becomes known at its {@code t1Micros}. It is
 * never a feature, and its window {@code [t0Micros, t1Micros]} is what {@link io.quantflow.models.ml.validation}
 * purges on.
 */
package io.quantflow.models.ml.labels;
