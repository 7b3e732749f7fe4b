package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import smile.base.cart.Loss;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.math.MathEx;
import smile.regression.LASSO;
import smile.regression.LinearModel;
import smile.regression.OLS;
import smile.regression.RidgeRegression;
import smile.stat.distribution.MultivariateGaussianMixture;

/**
 * Trains the model a {@link ModelSpec} describes, with Smile 3.1.1.
 *
 * <p>Training is deterministic: the same spec (seed included) and the same data give the same model and the same
 * predictions. Smile draws its random numbers from a per-thread generator ({@code MathEx}); gradient boosting and the
 * Gaussian mixture draw on the calling thread, which this class seeds with {@code MathEx.setSeed(spec.seed())}
 * before fitting (a side effect on the calling thread's Smile generator), and the random forest gets one explicit
 * seed per tree derived from the spec's seed (Smile grows its trees in parallel and seeds each tree's thread). Smile
 * parallelises some sums (the logistic objective, split searches) over the common fork-join pool; those split the
 * work by size, so results repeat on a given machine.
 *
 * <p>Inputs: {@code x[i]} is one row of features in the order of {@link ModelSpec#features()}, finite; labels
 * {@code y} are 0/1 with both classes present; regression targets {@code r} are finite forward returns as decimals.
 */
public final class Trainer {
  private static final double LOGISTIC_TOLERANCE = 1e-5;
  private static final int LOGISTIC_MAX_ITERATIONS = 500;
  private static final double LASSO_TOLERANCE = 1e-4;
  private static final int LASSO_MAX_ITERATIONS = 1000;

  private Trainer() {}

  /**
   * Trains by the spec's task: a classifier from {@code y}, a regressor from {@code r}, a regime model from {@code x}
   * alone. The argument the task does not use may be null.
   */
  public static Predictor train(ModelSpec spec, double[][] x, int[] y, double[] r) {
    Checks.notNull(spec, "spec");
    return switch (spec.task()) {
      case CLASSIFICATION -> fitClassifier(spec, x, y);
      case REGRESSION -> fitRegressor(spec, x, r);
      case REGIME -> fitRegime(spec, x);
    };
  }

  /**
   * Trains a binary classifier: gradient boosting, random forest or logistic regression. Its prediction is the
   * probability of label 1. {@link ClassBalance#BALANCED} is applied as that enum documents.
   *
   * @param x training rows, {@code n x p}, p the spec's feature count
   * @param y labels, 0 or 1, both present, {@code n} of them
   */
  public static MarginPredictor fitClassifier(ModelSpec spec, double[][] x, int[] y) {
    Checks.notNull(spec, "spec");
    Checks.isTrue(spec.task() == ModelTask.CLASSIFICATION,
        "Argument 'spec' must have task CLASSIFICATION but has %s", spec.task());
    int p = checkMatrix(x, spec);
    checkLabels(y, x.length);
    Hyperparameters h = spec.hyperparameters();
    if (spec.type() == ModelType.RANDOM_FOREST) {
      int[] classWeight = null;
      if (spec.classBalance() == ClassBalance.BALANCED) {
        int n1 = countPositives(y);
        int n0 = y.length - n1;
        int ratio = (int) Math.max(1, Math.round((double) Math.max(n0, n1) / Math.min(n0, n1)));
        classWeight = n0 >= n1 ? new int[] {ratio, 1} : new int[] {1, ratio};
      }
      RandomForest forest = RandomForest.fit(SmileData.FORMULA, SmileData.classificationFrame(x, y), h.trees(),
          h.mtry(), SplitRule.GINI, h.maxDepth(), h.maxNodes(), h.nodeSize(), h.subsample(), classWeight,
          LongStream.of(SmileData.treeSeeds(spec.seed(), h.trees())));
      return new RandomForestClassifierModel(forest, p);
    }
    double[][] xs = x;
    int[] ys = y;
    if (spec.classBalance() == ClassBalance.BALANCED) {
      int[] rows = oversampleMinority(y, spec.seed());
      xs = new double[rows.length][];
      ys = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        xs[i] = x[rows[i]];
        ys[i] = y[rows[i]];
      }
    }
    return switch (spec.type()) {
      case GRADIENT_BOOSTING -> {
        MathEx.setSeed(spec.seed());
        GradientTreeBoost gbt = GradientTreeBoost.fit(SmileData.FORMULA, SmileData.classificationFrame(xs, ys),
            h.trees(), h.maxDepth(), h.maxNodes(), h.nodeSize(), h.shrinkage(), h.subsample());
        int n1 = countPositives(ys);
        double intercept = 0.5 * Math.log((double) n1 / (ys.length - n1)); // Smile's b for the logistic loss
        yield new GradientBoostingClassifierModel(gbt, p, intercept, h.shrinkage());
      }
      case LOGISTIC -> new LogisticModel(
          LogisticRegression.binomial(xs, ys, h.lambda(), LOGISTIC_TOLERANCE, LOGISTIC_MAX_ITERATIONS), p);
      default -> throw new IllegalArgumentException("Model type " + spec.type() + " cannot classify");
    };
  }

  /**
   * Trains a regressor: gradient boosting (least squares), random forest or linear (OLS, ridge, lasso). Its
   * prediction is in the targets' units.
   *
   * @param x training rows, {@code n x p}, p the spec's feature count
   * @param r targets, finite, {@code n} of them
   */
  public static MarginPredictor fitRegressor(ModelSpec spec, double[][] x, double[] r) {
    Checks.notNull(spec, "spec");
    Checks.isTrue(spec.task() == ModelTask.REGRESSION,
        "Argument 'spec' must have task REGRESSION but has %s", spec.task());
    int p = checkMatrix(x, spec);
    Checks.notNull(r, "r");
    Checks.isTrue(r.length == x.length, "Argument 'r' must have one target per row (%d) but has %d",
        x.length, r.length);
    for (int i = 0; i < r.length; i++) {
      Checks.isTrue(Double.isFinite(r[i]), "Argument 'r' must be finite but r[%d] = %s", i, r[i]);
    }
    Hyperparameters h = spec.hyperparameters();
    DataFrame frame = SmileData.regressionFrame(x, r);
    return switch (spec.type()) {
      case GRADIENT_BOOSTING -> {
        MathEx.setSeed(spec.seed());
        smile.regression.GradientTreeBoost gbt = smile.regression.GradientTreeBoost.fit(SmileData.FORMULA, frame,
            Loss.ls(), h.trees(), h.maxDepth(), h.maxNodes(), h.nodeSize(), h.shrinkage(), h.subsample());
        yield new GradientBoostingRegressorModel(gbt, p, Arrays.stream(r).average().orElseThrow(), h.shrinkage());
      }
      case RANDOM_FOREST -> new RandomForestRegressorModel(smile.regression.RandomForest.fit(SmileData.FORMULA,
          frame, h.trees(), h.mtry(), h.maxDepth(), h.maxNodes(), h.nodeSize(), h.subsample(),
          LongStream.of(SmileData.treeSeeds(spec.seed(), h.trees()))), p);
      case LINEAR -> {
        LinearModel linear = switch (h.penalty()) {
          case NONE -> OLS.fit(SmileData.FORMULA, frame, "qr", false, false);
          case RIDGE -> RidgeRegression.fit(SmileData.FORMULA, frame, h.lambda());
          case LASSO -> LASSO.fit(SmileData.FORMULA, frame, h.lambda(), LASSO_TOLERANCE, LASSO_MAX_ITERATIONS);
        };
        yield new LinearRegressionModel(linear, p);
      }
      default -> throw new IllegalArgumentException("Model type " + spec.type() + " cannot regress");
    };
  }

  /**
   * Fits a regime model: a Gaussian mixture of {@code components} full-covariance Gaussians over the rows, the most
   * likely of {@code restarts} EM runs, regimes renumbered calmest first (see {@link GaussianMixtureRegimeModel}).
   *
   * @param x rows, {@code n x p}, p the spec's feature count; n should well exceed the mixture's parameter count
   */
  public static GaussianMixtureRegimeModel fitRegime(ModelSpec spec, double[][] x) {
    Checks.notNull(spec, "spec");
    Checks.isTrue(spec.type() == ModelType.GAUSSIAN_MIXTURE_REGIME,
        "Argument 'spec' must have type GAUSSIAN_MIXTURE_REGIME but has %s", spec.type());
    int p = checkMatrix(x, spec);
    Hyperparameters h = spec.hyperparameters();
    Checks.isTrue(x.length >= 2 * h.components(),
        "Argument 'x' must have at least 2 rows per mixture component (%d) but has %d", 2 * h.components(), x.length);
    MathEx.setSeed(spec.seed());
    MultivariateGaussianMixture mixture = null;
    for (int run = 0; run < h.restarts(); run++) {
      // each run draws its own k-means++ start from the seeded stream; keep the first of the most likely fits
      MultivariateGaussianMixture candidate = MultivariateGaussianMixture.fit(h.components(), x);
      if (mixture == null || candidate.L > mixture.L) {
        mixture = candidate;
      }
    }
    int volatilityIndex = h.volatilityFeature() == null ? -1 : spec.features().indexOf(h.volatilityFeature());
    return new GaussianMixtureRegimeModel(mixture, p, volatilityIndex);
  }

  /**
   * The training rows after oversampling the minority class to the majority's count: all rows in order, then each
   * minority row {@code floor(nMajority / nMinority) - 1} more times, then the remainder drawn without replacement
   * from the minority rows with a {@link SplittableRandom} seeded by {@code seed}. Package-private for tests.
   */
  static int[] oversampleMinority(int[] y, long seed) {
    int n1 = countPositives(y);
    int minorityLabel = n1 <= y.length - n1 ? 1 : 0;
    int[] minority = new int[Math.min(n1, y.length - n1)];
    for (int i = 0, k = 0; i < y.length; i++) {
      if (y[i] == minorityLabel) {
        minority[k++] = i;
      }
    }
    int majorityCount = y.length - minority.length;
    int extra = majorityCount - minority.length;
    int[] rows = Arrays.copyOf(IntStream.range(0, y.length).toArray(), y.length + extra);
    int next = y.length;
    int copies = majorityCount / minority.length - 1;
    for (int c = 0; c < copies; c++) {
      for (int i : minority) {
        rows[next++] = i;
      }
    }
    int remainder = extra - copies * minority.length;
    int[] pool = minority.clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 0; k < remainder; k++) {
      int pick = k + random.nextInt(pool.length - k); // partial Fisher-Yates: draws without replacement
      int tmp = pool[k];
      pool[k] = pool[pick];
      pool[pick] = tmp;
      rows[next++] = pool[k];
    }
    return rows;
  }

  private static int checkMatrix(double[][] x, ModelSpec spec) {
    Checks.notNull(x, "x");
    Checks.isTrue(x.length > 0, "Argument 'x' must have at least one row");
    int p = spec.features().size();
    for (int i = 0; i < x.length; i++) {
      Checks.isTrue(x[i] != null && x[i].length == p,
          "Argument 'x' must have %d columns (the spec's features) in every row but row %d has %s", p, i,
          x[i] == null ? "null" : String.valueOf(x[i].length));
      for (int j = 0; j < p; j++) {
        Checks.isTrue(Double.isFinite(x[i][j]), "Argument 'x' must be finite but x[%d][%d] (%s) = %s", i, j,
            spec.features().get(j), x[i][j]);
      }
    }
    return p;
  }

  private static void checkLabels(int[] y, int n) {
    Checks.notNull(y, "y");
    Checks.isTrue(y.length == n, "Argument 'y' must have one label per row (%d) but has %d", n, y.length);
    for (int i = 0; i < y.length; i++) {
      Checks.isTrue(y[i] == 0 || y[i] == 1, "Argument 'y' must hold 0 or 1 but y[%d] = %d", i, y[i]);
    }
    int n1 = countPositives(y);
    Checks.isTrue(n1 > 0 && n1 < y.length,
        "Argument 'y' must contain both classes but has %d positives of %d", n1, y.length);
  }

  private static int countPositives(int[] y) {
    int n1 = 0;
    for (int v : y) {
      n1 += v;
    }
    return n1;
  }
}
