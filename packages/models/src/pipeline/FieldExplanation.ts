import type { DataTable, PreprocessorState } from '@mlops/features';
import type { Explanation, ExplanationOutput } from '../explain/Explanation';

/**
 * Contributions per original input field for a batch of rows: for every row and
 * output `k`, `expectedValue[k] + Σ_f contributions[(row * outputs + k) * fields.length + f]`
 * is the model's raw output `k` (the kind `outputKind` names) within 1e-9. A categorical
 * field's one-hot columns are summed into its one contribution.
 */
export interface FieldExplanation {
  rows: number;
  /** The model's input fields, in the preprocessing's order. */
  fields: string[];
  /** 1, or one per class for multiclass models (in the order of {@link classes}). */
  outputs: number;
  /** Multiclass: the class label of each output; absent otherwise (binary explains P/log-odds of `classes[1]`). */
  classes?: Array<number | string>;
  /** `rows × outputs × fields.length`, row-major. */
  contributions: Float64Array;
  /** The output with nothing known about the row, one per output. */
  expectedValue: Float64Array;
  outputKind: ExplanationOutput;
}

/** Options of `ModelPipeline.explainTable` / `explainRecord`. */
export interface ExplainPipelineOptions {
  /**
   * Rows (with the model's input columns; usually its training rows) whose counts at
   * each node weigh the trees' splits. Only needed for `decision_tree` models stored
   * without per-node counts and trees read from format-1 documents.
   */
  background?: DataTable;
}

/** For each column of the preprocessing's design matrix, the index of the field it encodes. */
export function fieldOfColumns(state: PreprocessorState): Int32Array {
  const width = state.steps.reduce(
    (n, step) => n + (step.kind === 'numeric' ? 1 : step.categories.length),
    0,
  );
  const fieldOf = new Int32Array(width);
  let column = 0;
  state.steps.forEach((step, field) => {
    const columns = step.kind === 'numeric' ? 1 : step.categories.length;
    for (let i = 0; i < columns; i += 1) fieldOf[column + i] = field;
    column += columns;
  });
  return fieldOf;
}

/** Sums an estimator's per-column explanation into one contribution per field. */
export function sumByField(
  explanation: Explanation,
  state: PreprocessorState,
  fieldOf: Int32Array,
  classes: Array<number | string> | undefined,
): FieldExplanation {
  const { rows, outputs, width } = explanation;
  const fields = state.steps.map((step) => step.name);
  const count = fields.length;
  const contributions = new Float64Array(rows * outputs * count);
  const source = explanation.contributions;
  for (let block = 0; block < rows * outputs; block += 1) {
    const from = block * width;
    const to = block * count;
    for (let j = 0; j < width; j += 1) contributions[to + fieldOf[j]] += source[from + j];
  }
  return {
    rows,
    fields,
    outputs,
    ...(outputs > 1 && classes ? { classes: [...classes] } : {}),
    contributions,
    expectedValue: explanation.expectedValue,
    outputKind: explanation.outputKind,
  };
}
