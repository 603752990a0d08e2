import { DecisionTreeClassifier, DecisionTreeRegression } from 'ml-cart';
import { ModelsError } from '../errors';
import { cartToFlatTree } from '../explain/cartToFlatTree';
import { withRowCovers } from '../explain/nodeCovers';
import {
  badModelFile,
  expectExactly,
  expectInteger,
  expectModelNumber,
  expectObject,
  MODEL_NUMBER_LIMIT,
  shown,
} from '../pipeline/modelFileChecks';
import { checkPredictInput, checkTrainingData } from './checkInput';
import type { Estimator, EstimatorShape, EstimatorState, TrainingData } from './Estimator';
import { readParams } from './readParams';

/** Hyperparameters of {@link CartDecisionTree} (ml-cart's options). */
export const decisionTreeParams = {
  /** Depth limit; 0 = none. @default 0 */
  max_depth: { default: 0, min: 0, integer: true },
  /** A node with at most this many rows becomes a leaf (ml-cart's `minNumSamples`). @default 3 */
  min_samples_split: { default: 3, min: 1, integer: true },
  /** Smallest Gini gain worth a split (classification; ml-cart's `gainThreshold`). @default 0.01 */
  gain_threshold: { default: 0.01, min: 0 },
} as const;

/** Parameters accepted by {@link CartDecisionTree.fit}. */
export type DecisionTreeParams = Partial<Record<keyof typeof decisionTreeParams, number>>;

type CartModel = DecisionTreeClassifier | DecisionTreeRegression;

/**
 * One CART decision tree from `ml-cart` (Gini for classification, squared error for
 * regression, exact split search). Its search is quadratic in the rows, so it is meant
 * for small data (a few thousand rows); `random_forest` and `gradient_boosting` scale.
 * Also the reference the histogram tree learner is tested against.
 */
export class CartDecisionTree implements Estimator {
  readonly kind = 'decision_tree';
  readonly outputs: number;

  private constructor(
    readonly classes: number,
    readonly width: number,
    private readonly model: CartModel,
    /**
     * Training rows that reached each node, in the preorder of `cartToFlatTree` (left
     * child first): what TreeSHAP weighs the tree's splits by. ml-cart keeps counts only
     * on split nodes, so the fit counts them itself; absent in documents written before.
     */
    readonly covers?: Float64Array,
  ) {
    this.outputs = classes > 2 ? classes : 1;
  }

  static fit(data: TrainingData, params: DecisionTreeParams = {}): CartDecisionTree {
    const p = readParams('decision_tree', params as Record<string, number>, decisionTreeParams);
    checkTrainingData('decision_tree', data);
    const { x, rows, width, y, classes } = data;
    const matrix = Array.from({ length: rows }, (_, row) =>
      Array.from(x.subarray(row * width, (row + 1) * width)),
    );
    const options = {
      maxDepth: p.max_depth === 0 ? Infinity : p.max_depth,
      minNumSamples: p.min_samples_split,
      gainThreshold: p.gain_threshold,
    };
    const model = classes > 1 ? new DecisionTreeClassifier(options) : new DecisionTreeRegression(options);
    model.train(matrix, Array.from(y));
    const outputs = classes > 2 ? classes : 1;
    const root = JSON.parse(JSON.stringify(model.toJSON())).root;
    // The training rows routed as prediction routes them (ml-cart sends x < v left).
    const { tree } = cartToFlatTree(root, outputs, classes);
    const covers = withRowCovers(tree, x, rows, width).cover;
    return new CartDecisionTree(classes, width, model, covers);
  }

  /**
   * Checks a stored tree (ml-cart's JSON) node by node: `classes` and `width` as the
   * document's, the classifier or regression form of that task, splits on a column in
   * `0…width-1` at a numeric value with both children, and leaves holding one finite
   * value (regression) or one row of at most `classes` probabilities in 0…1.
   */
  static checkState(state: EstimatorState, shape: EstimatorShape): void {
    expectExactly(state.classes, shape.classes, 'estimator.classes', 'the classes of the document');
    expectExactly(state.width, shape.width, 'estimator.width', 'the inputs the preprocessing makes');
    const tree = expectObject(state.tree, 'estimator.tree');
    const classifier = shape.classes > 1;
    expectExactly(
      tree.name,
      classifier ? 'DTClassifier' : 'DTRegression',
      'estimator.tree.name',
      `a ${shape.task} tree`,
    );
    const pending: Array<[unknown, string]> = [[tree.root, 'estimator.tree.root']];
    let nodes = 0;
    const covers = state.covers;
    if (covers !== undefined && !Array.isArray(covers))
      throw badModelFile('estimator.covers', `is ${shown(covers)}: it must be an array of row counts`);
    while (pending.length > 0) {
      const [value, field] = pending.pop()!;
      const node = expectObject(value, field);
      // ml-cart recurses over the tree: bound it so a crafted file cannot exhaust the stack.
      nodes += 1;
      if (nodes > 1_000_000) throw badModelFile('estimator.tree', 'has more than 1,000,000 nodes');
      if (field.length > 20_000) throw badModelFile(field, 'is nested too deeply');
      if (node.distribution === undefined) {
        expectInteger(node.splitColumn, `${field}.splitColumn`, 0, shape.width - 1);
        if (typeof node.splitValue !== 'number' || Number.isNaN(node.splitValue)) {
          throw badModelFile(`${field}.splitValue`, `is ${shown(node.splitValue)}: it must be a number`);
        }
        pending.push([node.left, `${field}.left`], [node.right, `${field}.right`]);
      } else if (!classifier) {
        expectModelNumber(node.distribution, `${field}.distribution`);
      } else {
        const rows = node.distribution;
        const row = Array.isArray(rows) && rows.length === 1 ? rows[0] : undefined;
        if (!Array.isArray(row) || row.length === 0 || row.length > shape.classes) {
          throw badModelFile(
            `${field}.distribution`,
            `is ${shown(rows)}: it must be one row of 1…${shape.classes} class probabilities`,
          );
        }
        row.forEach((p, c) => {
          // Shares of rows, up to rounding.
          if (typeof p !== 'number' || !(p >= -1e-9 && p <= 1 + 1e-9)) {
            throw badModelFile(
              `${field}.distribution[0][${c}]`,
              `is ${shown(p)}: it must be a probability in 0…1`,
            );
          }
        });
      }
    }
    if (Array.isArray(covers)) {
      if (covers.length !== nodes)
        throw badModelFile(
          'estimator.covers',
          `has ${covers.length} values: it must have one per node (${nodes})`,
        );
      covers.forEach((c, i) => {
        if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > MODEL_NUMBER_LIMIT)
          throw badModelFile(
            `estimator.covers[${i}]`,
            `is ${shown(c)}: it must be a row count (a whole number ≥ 0)`,
          );
      });
    }
  }

  static fromJSON(state: EstimatorState): CartDecisionTree {
    const { classes, width, tree, covers } = state as unknown as {
      classes: number;
      width: number;
      tree: { name: string; options: object; root: unknown };
      covers?: number[];
    };
    if (!Number.isInteger(classes) || !Number.isInteger(width) || !tree || typeof tree.root !== 'object') {
      throw new ModelsError('bad-model-file', 'decision_tree model JSON needs classes, width and tree');
    }
    try {
      const model = classes > 1 ? DecisionTreeClassifier.load(tree) : DecisionTreeRegression.load(tree);
      return new CartDecisionTree(classes, width, model, covers ? Float64Array.from(covers) : undefined);
    } catch (error) {
      throw new ModelsError('bad-model-file', `decision_tree model JSON is corrupt: ${String(error)}`, {
        cause: error,
      });
    }
  }

  predict(x: Float64Array, rows: number, out: Float64Array): void {
    checkPredictInput(this.kind, this.width, this.outputs, x, rows, out);
    const { width, classes, outputs } = this;
    for (let row = 0; row < rows; row += 1) {
      const leaf = this.model.root.classify(x.subarray(row * width, (row + 1) * width));
      if (typeof leaf === 'number') {
        out[row] = leaf;
        continue;
      }
      // A leaf's distribution only spans the classes up to the largest one it saw.
      if (classes === 2) out[row] = leaf.columns > 1 ? leaf.get(0, 1) : 0;
      else
        for (let c = 0; c < outputs; c += 1) out[row * outputs + c] = c < leaf.columns ? leaf.get(0, c) : 0;
    }
  }

  toJSON(): EstimatorState {
    // Through JSON once so the state is plain data (ml-matrix leaves become arrays).
    return {
      kind: this.kind,
      classes: this.classes,
      width: this.width,
      tree: JSON.parse(JSON.stringify(this.model.toJSON())),
      ...(this.covers ? { covers: Array.from(this.covers) } : {}),
    };
  }
}
