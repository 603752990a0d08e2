import {
  type FieldExplanation,
  GradientBoosting,
  ModelPipeline,
  ModelsError,
  RandomForest,
} from '@mlops/models';
import type { ModelRegistry } from '@mlops/registry';
import type { GlobalImportance } from './GlobalImportance';

/** Rows explained at most: enough for a stable mean, few enough for a page load on a forest. */
export const IMPORTANCE_ROWS = 2_000;
/** Rows explained per call (bounds the contributions held at once; the event loop runs between calls). */
const CHUNK = 100;
/**
 * Tree nodes × rows explained at most: TreeSHAP's cost grows with both. 2,000 rows of a
 * 100-round boosting (about 6,000 nodes) take well under 1.5 s on this machine; a 100-tree
 * fully grown forest of about 73,000 nodes gets 880 rows, about 3 s with the WebAssembly
 * walk (it was 16 million node-rows, about 4 s, with the JavaScript walk).
 */
const NODE_ROWS = 64_000_000;
/** Rows explained at least, whatever the model's size. */
const MIN_ROWS = 100;

/**
 * A version's global importance: the mean |contribution| per original input field
 * (`ModelPipeline.explainTable`: a categorical field is one number, not one per category)
 * over up to {@link IMPORTANCE_ROWS} rows of the version's reference sample (fewer for a large
 * tree ensemble: {@link rowBudget}), spread evenly over it (no randomness, so the same version always gives the same numbers), most
 * important first; summed over classes for a multiclass model. A model that cannot be
 * explained (a `decision_tree` stored without per-node row counts: the API answers 409
 * `not_explainable` for it) or a version without a reference sample is `available: false`
 * with the reason, never an error.
 */
export async function explainGlobalImportance(
  registry: ModelRegistry,
  model: string,
  version: number,
): Promise<GlobalImportance> {
  const pipeline = ModelPipeline.fromJSON(await registry.readModelDocument(model, version));
  const kind = pipeline.document.kind;
  const sample = await registry.readReferenceSample(model, version);
  if (!sample || sample.numRows === 0) {
    return {
      model,
      version,
      available: false,
      kind,
      reason: `not available: v${version} has no reference sample (registered before samples were stored): retrain it (mlops train) to see its global importance`,
    };
  }
  const rows = spreadRows(sample.numRows, rowBudget(pipeline));
  let sums: Float64Array | undefined;
  let explanation: FieldExplanation | undefined;
  try {
    for (let start = 0; start < rows.length; start += CHUNK) {
      explanation = pipeline.explainTable(sample.take(rows.subarray(start, start + CHUNK)));
      sums = addAbsolute(sums, explanation);
      // A server keeps answering other requests while a large forest is explained.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (!(error instanceof ModelsError && error.code === 'bad-argument')) throw error;
    return {
      model,
      version,
      available: false,
      kind,
      reason: `not available for this model kind: this ${kind} of v${version} cannot be explained (${error.message.split('\n')[0]})`,
    };
  }
  const last = explanation as FieldExplanation;
  const totals = sums ?? new Float64Array(last.fields.length);
  return {
    model,
    version,
    available: true,
    kind,
    output_kind: last.outputKind,
    classes: last.outputs > 1 ? (last.classes ?? []).map(String) : null,
    rows: rows.length,
    reference_rows: sample.numRows,
    fields: last.fields
      .map((field, f) => ({ field, mean_abs: totals[f] / rows.length }))
      .sort((a, b) => b.mean_abs - a.mean_abs || (a.field < b.field ? -1 : 1)),
  };
}

/** How many rows to explain: {@link IMPORTANCE_ROWS}, fewer for large tree ensembles (cost ∝ nodes × rows). */
export function rowBudget(pipeline: ModelPipeline): number {
  const model = pipeline.estimator;
  if (!(model instanceof GradientBoosting || model instanceof RandomForest)) return IMPORTANCE_ROWS;
  const nodes = model.trees.reduce((n, tree) => n + tree.nodeCount, 0);
  return Math.max(MIN_ROWS, Math.min(IMPORTANCE_ROWS, Math.floor(NODE_ROWS / Math.max(1, nodes))));
}

/** `count` row indices spread evenly over `total` rows (every row when there are at most `count`). */
export function spreadRows(total: number, count: number): Int32Array {
  const n = Math.min(total, count);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i += 1) rows[i] = Math.floor((i * total) / n);
  return rows;
}

/** Adds each field's |contribution| of every row and output of `e` to `sums`. */
function addAbsolute(sums: Float64Array | undefined, e: FieldExplanation): Float64Array {
  const width = e.fields.length;
  const out = sums ?? new Float64Array(width);
  const { contributions } = e;
  for (let i = 0; i < contributions.length; i += 1) out[i % width] += Math.abs(contributions[i]);
  return out;
}
