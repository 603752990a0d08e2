import { ModelsError } from '../errors';
import { badModelFile, expectExactly, expectModelNumbers } from '../pipeline/modelFileChecks';
import { FeatureBinner } from '../trees/FeatureBinner';
import { FlatTree } from '../trees/FlatTree';
import { packTrees } from '../trees/packTrees';
import { readStoredTrees, storedValueField } from '../trees/readStoredTrees';
import { TreeEnsemblePredictor } from '../trees/TreeEnsemblePredictor';
import { checkPredictInput, checkTrainingData } from './checkInput';
import type { Estimator, EstimatorShape, EstimatorState, TrainingData } from './Estimator';
import { type ForestJob, toFlatTree } from './forestChunks';
import { forestThreads, growForestChunks } from './growForestChunks';
import type { FittedWithHeldOut } from './heldOut';
import { OutOfBagScores } from './OutOfBagScores';
import { type ParamsOf, readParams } from './readParams';

/** Hyperparameters of {@link RandomForest}; names and defaults as scikit-learn's `RandomForest*`. */
export const randomForestParams = {
  /** Trees. @default 100 */
  n_estimators: { default: 100, min: 1, integer: true },
  /** Depth per tree; 0 = no limit. @default 0 */
  max_depth: { default: 0, min: 0, integer: true },
  /** @default 1 */
  min_samples_leaf: { default: 1, min: 1 },
  /** @default 2 */
  min_samples_split: { default: 2, min: 2 },
  /**
   * Features drawn per split: a share when ≤ 1, a count when > 1; 0 = scikit-learn's
   * default (√width for classification, all for regression). @default 0
   */
  max_features: { default: 0, min: 0 },
  /** Leaves per tree (best-first); 0 = no limit. @default 0 */
  max_leaf_nodes: { default: 0, min: 0, integer: true },
  /** Draw each tree's rows with replacement (1) or use all rows (0). @default 1 */
  bootstrap: { default: 1, min: 0, max: 1, integer: true },
  /** Quantile bins per feature. @default 255 */
  max_bins: { default: 255, min: 2, max: 255, integer: true },
  /**
   * Threads that grow trees: 0 = every core once the data is large enough to pay for
   * starting them (rows × trees ≥ 2,000,000), else 1. The forest is the same for any count. @default 0
   */
  n_jobs: { default: 0, min: 0, integer: true },
} as const;

/** Parameters accepted by {@link RandomForest.fit}. */
export type RandomForestParams = ParamsOf<typeof randomForestParams>;

/**
 * A random forest on the histogram tree learner: bootstrap rows per tree, a random
 * subset of features per split, fully grown trees by default. Classification trees
 * minimise Gini impurity (the same as the squared error of the one-hot class
 * indicators) and the forest averages their class probabilities; regression averages
 * the trees' means.
 */
export class RandomForest implements Estimator {
  readonly kind = 'random_forest';
  readonly outputs: number;
  /** Built on the first prediction, from `trees` as they are then. */
  private predictor?: TreeEnsemblePredictor;

  constructor(
    readonly classes: number,
    readonly width: number,
    /** Added to every tree's output (trees are fitted on centred targets). */
    readonly offset: Float64Array,
    readonly trees: FlatTree[],
  ) {
    this.outputs = classes > 2 ? classes : 1;
  }

  static fit(data: TrainingData, params: RandomForestParams = {}, seed = 0): RandomForest {
    return RandomForest.fitRows(data, params, seed, null);
  }

  /**
   * {@link fit}, also returning each row's out-of-bag prediction: the average of the
   * trees whose bootstrap sample left the row out (rows no tree left out are omitted).
   * Without bootstrap (`bootstrap: 0`) there are none: the held-out rows are empty.
   */
  static fitWithHeldOut(data: TrainingData, params: RandomForestParams = {}, seed = 0): FittedWithHeldOut {
    const outOfBag = new OutOfBagScores(data.rows, data.classes > 2 ? data.classes : 1);
    const model = RandomForest.fitRows(data, params, seed, outOfBag);
    const heldOut = outOfBag.result(model.offset);
    if (model.classes >= 2) clipToProbabilities(heldOut.scores);
    return { estimator: model, heldOut };
  }

  private static fitRows(
    data: TrainingData,
    params: RandomForestParams,
    seed: number,
    outOfBag: OutOfBagScores | null,
  ): RandomForest {
    const p = readParams('random_forest', params as Record<string, number>, randomForestParams);
    checkTrainingData('random_forest', data);
    const { x, rows, width, y, classes } = data;
    const channels = classes > 2 ? classes : 1;
    const maxFeatures =
      p.max_features === 0
        ? classes > 1
          ? Math.max(1, Math.floor(Math.sqrt(width)))
          : width
        : p.max_features <= 1
          ? Math.max(1, Math.floor(p.max_features * width))
          : Math.min(width, Math.floor(p.max_features));
    const { target, offset } = centredTargets(y, rows, channels);
    const { binner, binned } = FeatureBinner.fitTransform(x, rows, width, { maxBins: p.max_bins });
    const job: ForestJob = {
      binned,
      x: outOfBag ? x : new Float64Array(0),
      rows,
      width,
      edges: binner.edges,
      channels,
      target,
      grow: {
        maxLeafNodes: p.max_leaf_nodes === 0 ? Infinity : p.max_leaf_nodes,
        maxDepth: p.max_depth === 0 ? Infinity : p.max_depth,
        minSamplesLeaf: p.min_samples_leaf,
        minSamplesSplit: p.min_samples_split,
        minHessianLeaf: 0,
        l2: 0,
        shrinkage: 1,
        maxFeatures,
      },
      bootstrap: p.bootstrap === 1,
      seed,
      trees: p.n_estimators,
      outOfBag: outOfBag !== null,
    };
    const trees: FlatTree[] = [];
    growForestChunks(job, forestThreads(p.n_jobs, rows, p.n_estimators), (chunk) => {
      trees.push(...chunk.trees.map(toFlatTree));
      if (chunk.oobSums && chunk.oobCounts) outOfBag?.addChunk(chunk.oobSums, chunk.oobCounts);
    });
    return new RandomForest(classes, width, offset, trees);
  }

  /**
   * Checks a stored forest: `classes` and `width` as the document's, one offset per
   * output, at least one tree, each tree consistent (`readStoredTrees`); a
   * classification forest's leaves must give probabilities in 0…1 once the offset is added.
   */
  static checkState(state: EstimatorState, shape: EstimatorShape): void {
    expectExactly(state.classes, shape.classes, 'estimator.classes', 'the classes of the document');
    expectExactly(state.width, shape.width, 'estimator.width', 'the inputs the preprocessing makes');
    const outputs = shape.classes > 2 ? shape.classes : 1;
    const offset = expectModelNumbers(state.offset, 'estimator.offset', outputs, ', one per output');
    const trees = readStoredTrees(state.trees, shape.width, outputs);
    if (trees.length === 0) {
      throw badModelFile('estimator.trees', 'is empty: a forest needs at least one tree');
    }
    if (shape.classes < 2) return;
    trees.forEach((tree, t) => {
      tree.value.forEach((value, i) => {
        const p = value + offset[i % outputs];
        // Trees are fitted on centred class indicators: a leaf plus the offset is a share of rows.
        if (tree.feature[Math.floor(i / outputs)] < 0 && !(p >= -1e-9 && p <= 1 + 1e-9)) {
          throw badModelFile(
            storedValueField(state.trees, t, i),
            `is ${value}: with the offset it gives probability ${p}, outside 0…1`,
          );
        }
      });
    });
  }

  static fromJSON(state: EstimatorState): RandomForest {
    const s = state as unknown as { classes: number; width: number; offset: number[]; trees: unknown };
    if (!Number.isInteger(s.classes) || !Number.isInteger(s.width) || !Array.isArray(s.offset)) {
      throw new ModelsError(
        'bad-model-file',
        'random_forest model JSON needs classes, width, offset and trees',
      );
    }
    const outputs = s.classes > 2 ? s.classes : 1;
    const model = new RandomForest(
      s.classes,
      s.width,
      Float64Array.from(s.offset),
      readStoredTrees(s.trees, s.width, outputs),
    );
    if (model.trees.length === 0)
      throw new ModelsError('bad-model-file', 'random_forest model JSON has no trees');
    return model;
  }

  predict(x: Float64Array, rows: number, out: Float64Array): void {
    const { outputs, width, trees, offset } = this;
    checkPredictInput(this.kind, width, outputs, x, rows, out);
    for (let i = 0; i < rows * outputs; i += 1) out[i] = offset[i % outputs];
    this.predictor ??= new TreeEnsemblePredictor(trees, outputs, () => 0);
    this.predictor.addTo(x, rows, width, out, outputs, 1 / trees.length);
    if (this.classes >= 2) clipToProbabilities(out.subarray(0, rows * outputs));
  }

  toJSON(): EstimatorState {
    return {
      kind: this.kind,
      classes: this.classes,
      width: this.width,
      offset: Array.from(this.offset),
      trees: packTrees(this.trees, this.outputs),
    };
  }
}

/**
 * A classifier forest's score is the class share at the root (its offset) plus the mean of
 * the trees' leaf residuals: rounding can put a pure leaf's probability a few ulps outside
 * 0…1 (-8e-16 seen), which a tuned threshold then inherits. Probabilities are clipped.
 */
function clipToProbabilities(scores: Float64Array): void {
  for (let i = 0; i < scores.length; i += 1) {
    if (scores[i] < 0) scores[i] = 0;
    else if (scores[i] > 1) scores[i] = 1;
  }
}

/**
 * Targets per channel: the value, P(class 1), or one-hot indicators, centred for precision,
 * and the offset taken off each channel. (A function of its own: V8 optimises its loops
 * once, not the whole fit with them; BENCHMARKS.md, 2026-12-07.)
 */
function centredTargets(
  y: Float64Array,
  rows: number,
  channels: number,
): { target: Float64Array; offset: Float64Array } {
  const target = new Float64Array(rows * channels);
  for (let row = 0; row < rows; row += 1) {
    if (channels === 1) target[row] = y[row];
    else target[row * channels + y[row]] = 1;
  }
  const offset = new Float64Array(channels);
  for (let i = 0; i < target.length; i += 1) offset[i % channels] += target[i] / rows;
  for (let i = 0; i < target.length; i += 1) target[i] -= offset[i % channels];
  return { target, offset };
}
