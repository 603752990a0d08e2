import { ModelsError } from '../errors';
import { CartDecisionTree } from '../estimators/CartDecisionTree';
import type { Estimator } from '../estimators/Estimator';
import { GradientBoosting } from '../estimators/GradientBoosting';
import { LogisticRegression } from '../estimators/LogisticRegression';
import { RandomForest } from '../estimators/RandomForest';
import { RidgeRegression } from '../estimators/RidgeRegression';
import { SoftmaxRegression } from '../estimators/SoftmaxRegression';
import { FlatTree } from '../trees/FlatTree';
import { cartToFlatTree } from './cartToFlatTree';
import type { ExplainOptions, Explanation, ExplanationOutput } from './Explanation';
import { linearContributions } from './linearContributions';
import { withRowCovers } from './nodeCovers';
import { TreeEnsembleExplainer } from './TreeEnsembleExplainer';

/** A tree model's explainer with the kind of output it explains. */
interface TreeModelExplainer {
  explainer: TreeEnsembleExplainer;
  outputKind: ExplanationOutput;
}

// Explainers of models whose stored covers suffice, built on first use (expected values, workspace).
const cached = new WeakMap<Estimator, TreeModelExplainer>();

/**
 * Per-feature contributions of `rows` rows of `x` (`rows × width`, row-major, the design
 * matrix the estimator takes) to the estimator's raw output, with the expected value
 * they start from (see {@link Explanation}): exact path-dependent TreeSHAP for
 * `gradient_boosting` (log-odds or value), `random_forest` and `decision_tree` (averaged
 * class probability or value); coefficient × (x − reference) for `logistic` (log-odds)
 * and `linear` (value). Throws `bad-argument` when a tree model needs `options.background`.
 */
export function explainEstimator(
  estimator: Estimator,
  x: Float64Array,
  rows: number,
  options: ExplainOptions = {},
): Explanation {
  if (!Number.isInteger(rows) || rows < 0) {
    throw new ModelsError('bad-argument', `rows is ${rows}: it must be a whole number ≥ 0`);
  }
  const linear = linearExplanation(estimator, x, rows, options);
  if (linear) return linear;
  const model = treeExplainer(estimator, options);
  const { explainer, outputKind } = model;
  if (x.length !== rows * explainer.width) {
    throw new ModelsError(
      'bad-input',
      `x has ${x.length} values: ${estimator.kind} expects ${explainer.width} features per row (${rows * explainer.width} for ${rows} rows)`,
    );
  }
  return {
    rows,
    width: explainer.width,
    outputs: explainer.outputs,
    contributions: explainer.contributions(x, rows),
    expectedValue: Float64Array.from(explainer.expectedValue),
    outputKind,
  };
}

function linearExplanation(
  estimator: Estimator,
  x: Float64Array,
  rows: number,
  options: ExplainOptions,
): Explanation | null {
  let weights: Float64Array;
  let intercepts: Float64Array;
  let outputKind: ExplanationOutput;
  if (estimator instanceof LogisticRegression || estimator instanceof RidgeRegression) {
    weights = estimator.weights;
    intercepts = Float64Array.of(estimator.intercept);
    outputKind = estimator instanceof LogisticRegression ? 'log_odds' : 'value';
  } else if (estimator instanceof SoftmaxRegression) {
    weights = estimator.weights;
    intercepts = estimator.intercepts;
    outputKind = 'log_odds';
  } else return null;
  const width = weights.length / intercepts.length;
  // The training means stored at fit time; zeros (the standardised numeric inputs'
  // training mean, "category absent" for one-hot columns) for documents written before.
  const reference = options.reference ?? estimator.inputMeans ?? new Float64Array(width);
  if (reference.length !== width) {
    throw new ModelsError(
      'bad-argument',
      `options.reference has ${reference.length} values: it needs one per feature (${width})`,
    );
  }
  if (x.length !== rows * width) {
    throw new ModelsError(
      'bad-input',
      `x has ${x.length} values: ${estimator.kind} expects ${width} features per row (${rows * width} for ${rows} rows)`,
    );
  }
  return linearContributions(weights, intercepts, reference, x, rows, outputKind);
}

function treeExplainer(estimator: Estimator, options: ExplainOptions): TreeModelExplainer {
  const { background } = options;
  if (!background) {
    const known = cached.get(estimator);
    if (known) return known;
  }
  const built = buildTreeExplainer(estimator, background);
  if (!background) cached.set(estimator, built);
  return built;
}

function buildTreeExplainer(
  estimator: Estimator,
  background: ExplainOptions['background'],
): TreeModelExplainer {
  if (estimator instanceof GradientBoosting) {
    const { outputs, width, loss } = estimator;
    const trees = covered(estimator.trees, width, background, estimator.kind);
    return {
      explainer: new TreeEnsembleExplainer(trees, width, outputs, (t) => t % outputs, estimator.baseline),
      outputKind: loss === 'squared_error' ? 'value' : 'log_odds',
    };
  }
  if (estimator instanceof RandomForest) {
    const { outputs, width, classes } = estimator;
    const trees = covered(estimator.trees, width, background, estimator.kind);
    return {
      explainer: new TreeEnsembleExplainer(
        trees,
        width,
        outputs,
        () => 0,
        estimator.offset,
        1 / trees.length,
      ),
      outputKind: classes >= 2 ? 'probability' : 'value',
    };
  }
  if (estimator instanceof CartDecisionTree) {
    const { outputs, width, classes } = estimator;
    const state = estimator.toJSON() as unknown as { tree: { root: Parameters<typeof cartToFlatTree>[0] } };
    const converted = cartToFlatTree(state.tree.root, outputs, classes);
    // Trees fitted here store the training rows' counts per node (estimator.covers);
    // ml-cart alone keeps them only on split nodes.
    const stored = estimator.covers;
    const tree =
      stored && stored.length === converted.tree.nodeCount
        ? withCovers(converted.tree, stored)
        : converted.tree;
    if (!background && tree === converted.tree && !converted.coversComplete) {
      throw new ModelsError(
        'bad-argument',
        'options.background is missing: this decision_tree was stored without per-node row counts (estimator.covers, written since explanations); pass the training rows ({ x, rows }) to weigh its splits by, or retrain',
      );
    }
    const trees = background ? covered([tree], width, background, estimator.kind) : [tree];
    return {
      explainer: new TreeEnsembleExplainer(trees, width, outputs, () => 0, new Float64Array(outputs)),
      outputKind: classes >= 2 ? 'probability' : 'value',
    };
  }
  throw new ModelsError(
    'bad-argument',
    `estimator is a ${estimator.kind} model of an unknown class: explanations cover gradient_boosting, random_forest, decision_tree, logistic and linear`,
  );
}

function withCovers(tree: FlatTree, cover: Float64Array): FlatTree {
  const { feature, threshold, left, right, value, channels, missingLeft } = tree;
  return new FlatTree(feature, threshold, left, right, value, channels, cover, missingLeft);
}

/** The trees with covers to weigh splits by: from `background` when given, else as stored. */
function covered(
  trees: readonly FlatTree[],
  width: number,
  background: ExplainOptions['background'],
  kind: string,
): readonly FlatTree[] {
  if (background) {
    if (background.x.length !== background.rows * width) {
      throw new ModelsError(
        'bad-argument',
        `options.background.x has ${background.x.length} values: it needs ${width} per row (${background.rows * width})`,
      );
    }
    return trees.map((tree) => withRowCovers(tree, background.x, background.rows, width));
  }
  if (trees.some((tree) => !(tree.cover[0] > 0))) {
    throw new ModelsError(
      'bad-argument',
      `options.background is missing: this ${kind} model's trees carry no training covers (read from a format-1 document); pass the training rows ({ x, rows }) or refit`,
    );
  }
  return trees;
}
