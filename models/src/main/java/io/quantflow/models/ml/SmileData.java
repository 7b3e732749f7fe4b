package io.quantflow.models.ml;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import smile.base.cart.InternalNode;
import smile.base.cart.LeafNode;
import smile.base.cart.Node;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * Conversions between our matrices and Smile's data frames. Columns get the internal names x0..x(p-1) and the label
 * the name "label", so a feature's real name never has to be a valid Smile column name and never collides with the
 * label; the real names live in {@link ModelSpec#features()}.
 */
final class SmileData {
  static final String LABEL = "label";
  static final Formula FORMULA = Formula.lhs(LABEL);

  private SmileData() {}

  static String[] columnNames(int p) {
    String[] names = new String[p];
    for (int j = 0; j < p; j++) {
      names[j] = "x" + j;
    }
    return names;
  }

  static DataFrame classificationFrame(double[][] x, int[] y) {
    return DataFrame.of(x, columnNames(x[0].length)).merge(IntVector.of(LABEL, y));
  }

  static DataFrame regressionFrame(double[][] x, double[] r) {
    return DataFrame.of(x, columnNames(x[0].length)).merge(DoubleVector.of(LABEL, r));
  }

  /**
   * A tuple over a model's predictor schema. Passing the model's own schema object matters: Smile's formula caches
   * its binding by schema identity, so every call after the first skips the rebinding.
   */
  static Tuple tuple(double[] x, StructType schema) {
    return Tuple.of(x, schema);
  }

  /** Checks one scoring row's length; the message names the argument and both lengths. */
  static void checkRow(double[] x, int p) {
    if (x == null) {
      throw new IllegalArgumentException("Argument 'x' must not be null");
    }
    if (x.length != p) {
      throw new IllegalArgumentException(
          "Argument 'x' must have " + p + " features (the model's) but had " + x.length);
    }
  }

  /**
   * The expectation of a tree's leaf value over the training samples that built it: each leaf weighted by its share
   * of the root's samples. This is TreeSHAP's base value for one tree, since Smile's TreeSHAP weighs each branch by
   * the same node sizes.
   */
  static double expectation(Node root, ToDoubleFunction<LeafNode> value) {
    if (root instanceof InternalNode internal) {
      Node t = internal.trueChild();
      Node f = internal.falseChild();
      double size = (double) t.size() + f.size();
      return (t.size() * expectation(t, value) + f.size() * expectation(f, value)) / size;
    }
    return value.applyAsDouble((LeafNode) root);
  }

  /**
   * Distinct per-tree seeds for Smile's random forest, derived from one seed. Smile sets a tree's RNG seed only when
   * the seed is above 1 (its default seeds are negative and leave the thread's RNG unseeded, which is not
   * reproducible), so every seed here is at least 2.
   */
  static long[] treeSeeds(long seed, int trees) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] seeds = new long[trees];
    Set<Long> seen = new HashSet<>();
    for (int t = 0; t < trees; ) {
      long s = (random.nextLong() >>> 2) + 2;
      if (seen.add(s)) {
        seeds[t++] = s;
      }
    }
    return seeds;
  }
}
