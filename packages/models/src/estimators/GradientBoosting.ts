import { createRng, type Rng } from '@mlops/features';
import { ModelsError } from '../errors';
import { badModelFile, expectExactly, expectModelNumbers } from '../pipeline/modelFileChecks';
import { FeatureBinner } from '../trees/FeatureBinner';
import type { FlatTree } from '../trees/FlatTree';
import { packTrees } from '../trees/packTrees';
import { readStoredTrees } from '../trees/readStoredTrees';
import { TreeEnsemblePredictor } from '../trees/TreeEnsemblePredictor';
import { type GrownTree, TreeGrower } from '../trees/TreeGrower';
import {
  applyLink,
  type BoostingLoss,
  baselineRaw,
  logLossGradients,
  lossFor,
  lossGradients,
  meanLoss,
} from './boostingLoss';
import { checkPredictInput, checkTrainingData } from './checkInput';
import type { Estimator, EstimatorShape, EstimatorState, FitHooks, TrainingData } from './Estimator';
import type { FittedWithHeldOut } from './heldOut';
import { type ParamsOf, readParams } from './readParams';
import { takeRows, validationSplit } from './validationSplit';

/** Hyperparameters of {@link GradientBoosting}; names and defaults as scikit-learn's `HistGradientBoosting*`. */
export const gradientBoostingParams = {
  /** Boosting rounds (one tree per class per round). @default 100 */
  max_iter: { default: 100, min: 1, integer: true, aliases: ['n_estimators'] },
  /** Shrinkage of each tree. @default 0.1 */
  learning_rate: { default: 0.1, min: 0, exclusiveMin: true },
  /** Leaves per tree (best-first growth); 0 = no limit. @default 31 */
  max_leaf_nodes: { default: 31, min: 0, integer: true },
  /** Depth per tree; 0 = no limit. @default 0 */
  max_depth: { default: 0, min: 0, integer: true },
  /** @default 20 */
  min_samples_leaf: { default: 20, min: 1 },
  /** L2 penalty λ on leaf values. @default 0 */
  l2_regularization: { default: 0, min: 0 },
  /** Quantile bins per feature. @default 255 */
  max_bins: { default: 255, min: 2, max: 255, integer: true },
  /** Share of training rows (drawn without replacement, seeded) each round sees. @default 1 */
  subsample: { default: 1, min: 0, max: 1, exclusiveMin: true },
  /** 1 on, 0 off, -1 auto (on above 10,000 rows, as scikit-learn). @default -1 */
  early_stopping: { default: -1, min: -1, max: 1, integer: true },
  /** Share of training rows held out for early stopping. @default 0.1 */
  validation_fraction: { default: 0.1, min: 0, max: 1, exclusiveMin: true },
  /** Stop after this many rounds without a validation-loss improvement of `tol`. @default 10 */
  n_iter_no_change: { default: 10, min: 1, integer: true },
  /** @default 1e-7 */
  tol: { default: 1e-7, min: 0 },
} as const;

/** Parameters accepted by {@link GradientBoosting.fit}. */
export type GradientBoostingParams = ParamsOf<typeof gradientBoostingParams>;

/**
 * Histogram gradient boosting (the algorithm of scikit-learn's `HistGradientBoosting*`
 * and LightGBM): squared error for regression, log loss for binary, softmax with one
 * tree per class per round for multiclass; leaf-wise trees from {@link TreeGrower}.
 */
export class GradientBoosting implements Estimator {
  readonly kind = 'gradient_boosting';
  readonly outputs: number;
  /** Built on the first prediction, from `trees` as they are then. */
  private predictor?: TreeEnsemblePredictor;

  constructor(
    readonly loss: BoostingLoss,
    readonly classes: number,
    readonly width: number,
    readonly baseline: Float64Array,
    /** Round-major: `trees[round * channels + class]`. */
    readonly trees: FlatTree[],
    /** Validation loss after each round (and before the first), when early stopping ran. */
    readonly validationLoss: number[] = [],
  ) {
    this.outputs = loss === 'softmax' ? classes : 1;
  }

  /** Fitted rounds. */
  get rounds(): number {
    return this.trees.length / this.outputs;
  }

  static fit(
    data: TrainingData,
    params: GradientBoostingParams = {},
    seed = 0,
    hooks: FitHooks = {},
  ): GradientBoosting {
    return GradientBoosting.fitRows(data, params, seed, hooks, false).model;
  }

  /**
   * {@link fit}, also returning the model's predictions on its validation rows: the
   * early-stopping split when early stopping runs, else the same split (`validation_fraction`
   * of the rows, seeded and stratified) held out just for these predictions, so the model
   * is then fitted on the other rows.
   */
  static fitWithHeldOut(
    data: TrainingData,
    params: GradientBoostingParams = {},
    seed = 0,
    hooks: FitHooks = {},
  ): FittedWithHeldOut {
    const { model, validation, xValid, stopEarly } = GradientBoosting.fitRows(
      data,
      params,
      seed,
      hooks,
      true,
    );
    const scores = new Float64Array(validation.length * model.outputs);
    model.predict(xValid, validation.length, scores);
    return {
      estimator: model,
      heldOut: { source: stopEarly ? 'early-stopping' : 'validation-split', rows: validation, scores },
    };
  }

  private static fitRows(
    data: TrainingData,
    params: GradientBoostingParams,
    seed: number,
    hooks: FitHooks,
    holdOut: boolean,
  ): { model: GradientBoosting; validation: Int32Array; xValid: Float64Array; stopEarly: boolean } {
    const p = readParams('gradient_boosting', params as Record<string, number>, gradientBoostingParams);
    checkTrainingData('gradient_boosting', data);
    const { width, classes } = data;
    const loss = lossFor(classes);
    const channels = loss === 'softmax' ? classes : 1;
    const rng = createRng(seed);
    const stopEarly = p.early_stopping === 1 || (p.early_stopping === -1 && data.rows > 10_000);
    const holdsOut = stopEarly || holdOut;
    const split = holdsOut
      ? validationSplit(data.y, classes, p.validation_fraction, seed)
      : { fit: Int32Array.from({ length: data.rows }, (_, i) => i), validation: new Int32Array(0) };
    const x = holdsOut ? takeRows(data.x, width, split.fit) : data.x;
    const yFit = holdsOut ? Float64Array.from(split.fit, (row) => data.y[row]) : data.y;
    const xValid = takeRows(data.x, width, split.validation);
    const yValid = Float64Array.from(split.validation, (row) => data.y[row]);
    const rows = yFit.length;
    const { binner, binned } = FeatureBinner.fitTransform(x, rows, width, { maxBins: p.max_bins });
    const grower = new TreeGrower(binned, rows, width, binner.edges, 1, {
      maxLeafNodes: p.max_leaf_nodes === 0 ? Infinity : p.max_leaf_nodes,
      maxDepth: p.max_depth === 0 ? Infinity : p.max_depth,
      minSamplesLeaf: p.min_samples_leaf,
      minSamplesSplit: 0,
      minHessianLeaf: 1e-3,
      l2: p.l2_regularization,
      shrinkage: p.learning_rate,
      maxFeatures: width,
    });
    try {
      const baseline = baselineRaw(loss, yFit, classes);
      const raw = filledWith(baseline, rows);
      const rawValid = filledWith(baseline, yValid.length);
      const gradients = Array.from({ length: channels }, () => new Float64Array(rows));
      const hessians = Array.from({ length: channels }, () => new Float64Array(rows));
      const sampleSize = p.subsample < 1 ? Math.max(1, Math.round(p.subsample * rows)) : rows;
      const all = Int32Array.from({ length: rows }, (_, i) => i);
      const sample = new Int32Array(rows);
      const trees: FlatTree[] = [];
      const scores: number[] = stopEarly ? [-meanLoss(loss, rawValid, yValid, channels)] : [];
      // Log loss on every row each round: exp(−raw) kept per row (see logLossGradients).
      const expNeg = loss === 'log_loss' && sampleSize === rows ? raw.map((z) => Math.exp(-z)) : null;
      // The loops over rows live in small functions of their own: V8 then optimises each once,
      // rather than recompiling this whole function (and all it inlines) on every deoptimisation
      // of a loop in it, which made most of a short fit's CPU time (BENCHMARKS.md, 2026-12-07).
      for (let round = 0; round < p.max_iter; round += 1) {
        if (expNeg) logLossGradients(expNeg, yFit, gradients[0], hessians[0]);
        else
          for (let k = 0; k < channels; k += 1)
            lossGradients(loss, raw, yFit, channels, k, gradients[k], hessians[k]);
        if (sampleSize < rows) drawSortedSample(all, sample, sampleSize, rng);
        for (let k = 0; k < channels; k += 1) {
          if (sampleSize === rows) sample.set(all);
          const grown = grower.grow(
            {
              gradients: gradients[k],
              hessians: loss === 'squared_error' ? null : hessians[k],
              counts: null,
            },
            sample,
            sampleSize,
          );
          trees.push(grown.tree);
          if (sampleSize === rows) {
            addLeafValues(grown, sample, raw, channels, k, expNeg);
          } else {
            grown.tree.addTo(x, rows, width, raw, channels, k);
          }
          if (stopEarly) grown.tree.addTo(xValid, yValid.length, width, rawValid, channels, k);
        }
        if (stopEarly) {
          scores.push(-meanLoss(loss, rawValid, yValid, channels));
          hooks.onRound?.(round, scores[scores.length - 1]);
          if (shouldStop(scores, p.n_iter_no_change, p.tol)) break;
        }
      }
      const model = new GradientBoosting(
        loss,
        classes,
        width,
        baseline,
        trees,
        scores.map((s) => -s),
      );
      return { model, validation: split.validation, xValid, stopEarly };
    } finally {
      // Its kernel's instance goes to the next fit on this thread (see leaseKernel).
      grower.dispose();
    }
  }

  /**
   * Checks a stored model: the loss of its task (squared error, log loss, softmax),
   * `classes` and `width` as the document's, one baseline per output, whole rounds of
   * one-channel trees, each consistent (`readStoredTrees`).
   */
  static checkState(state: EstimatorState, shape: EstimatorShape): void {
    const loss = lossFor(shape.task === 'regression' ? 1 : shape.classes);
    expectExactly(state.loss, loss, 'estimator.loss', `the loss of a ${shape.task} model`);
    expectExactly(state.classes, shape.classes, 'estimator.classes', 'the classes of the document');
    expectExactly(state.width, shape.width, 'estimator.width', 'the inputs the preprocessing makes');
    const outputs = loss === 'softmax' ? shape.classes : 1;
    expectModelNumbers(state.baseline, 'estimator.baseline', outputs, ', one per output');
    const trees = readStoredTrees(state.trees, shape.width, 1);
    if (trees.length % outputs !== 0) {
      throw badModelFile(
        'estimator.trees',
        `holds ${trees.length} trees: it must hold whole rounds (${outputs} trees each)`,
      );
    }
  }

  static fromJSON(state: EstimatorState): GradientBoosting {
    const s = state as unknown as {
      loss: BoostingLoss;
      classes: number;
      width: number;
      baseline: number[];
      trees: unknown;
    };
    if (
      !['squared_error', 'log_loss', 'softmax'].includes(s.loss) ||
      !Number.isInteger(s.width) ||
      !Array.isArray(s.baseline)
    ) {
      throw new ModelsError(
        'bad-model-file',
        'gradient_boosting model JSON needs loss, classes, width, baseline and trees',
      );
    }
    const model = new GradientBoosting(
      s.loss,
      s.classes,
      s.width,
      Float64Array.from(s.baseline),
      readStoredTrees(s.trees, s.width, 1),
    );
    if (model.trees.length % model.outputs !== 0) {
      throw new ModelsError(
        'bad-model-file',
        'gradient_boosting model JSON does not hold whole rounds of trees',
      );
    }
    return model;
  }

  predict(x: Float64Array, rows: number, out: Float64Array): void {
    const { outputs, width, trees, baseline } = this;
    checkPredictInput(this.kind, width, outputs, x, rows, out);
    for (let i = 0; i < rows * outputs; i += 1) out[i] = baseline[i % outputs];
    this.predictor ??= new TreeEnsemblePredictor(trees, 1, (t) => t % outputs);
    this.predictor.addTo(x, rows, width, out, outputs, 1);
    applyLink(this.loss, out, rows, outputs);
  }

  toJSON(): EstimatorState {
    return {
      kind: this.kind,
      loss: this.loss,
      classes: this.classes,
      width: this.width,
      baseline: Array.from(this.baseline),
      trees: packTrees(this.trees, 1),
    };
  }
}

/** scikit-learn's rule: stop when none of the last `n` scores beats the one before them by `tol`. */
function shouldStop(scores: number[], n: number, tol: number): boolean {
  if (scores.length < n + 1) return false;
  const reference = scores[scores.length - n - 1] + tol;
  for (let i = scores.length - n; i < scores.length; i += 1) if (scores[i] > reference) return false;
  return true;
}

/** `rows` rows of raw scores, each the baseline (one value per channel). */
function filledWith(baseline: Float64Array, rows: number): Float64Array {
  const channels = baseline.length;
  const raw = new Float64Array(rows * channels);
  for (let i = 0; i < raw.length; i += 1) raw[i] = baseline[i % channels];
  return raw;
}

/** A round's rows: a partial Fisher–Yates draw of `size` of `all`, sorted for memory locality. */
function drawSortedSample(all: Int32Array, sample: Int32Array, size: number, rng: Rng): void {
  const rows = all.length;
  for (let i = 0; i < size; i += 1) {
    const j = i + rng.int(rows - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  sample.set(all.subarray(0, size));
  sample.subarray(0, size).sort();
}

/**
 * Adds a tree grown on every row to channel `k` of the raw scores, leaf by leaf: each leaf owns
 * a contiguous range of the partitioned rows, so no traversal is needed. With `expNeg` (log
 * loss), each row's `exp(−raw)` is kept in step.
 */
function addLeafValues(
  grown: GrownTree,
  sample: Int32Array,
  raw: Float64Array,
  channels: number,
  k: number,
  expNeg: Float64Array | null,
): void {
  const { leafNodes, leafStarts, leafEnds } = grown;
  const values = grown.tree.value;
  for (let leaf = 0; leaf < leafNodes.length; leaf += 1) {
    const value = values[leafNodes[leaf]];
    if (expNeg) {
      const factor = Math.exp(-value);
      for (let i = leafStarts[leaf]; i < leafEnds[leaf]; i += 1) {
        const row = sample[i];
        raw[row] += value;
        expNeg[row] *= factor;
      }
      continue;
    }
    for (let i = leafStarts[leaf]; i < leafEnds[leaf]; i += 1) raw[sample[i] * channels + k] += value;
  }
}
