/**
 * What an explanation's numbers add up to: the log-odds (boosting classifiers and
 * logistic models; per class for multiclass, before the softmax), a class probability
 * averaged over trees (forests, a single tree), or the predicted value (regression).
 */
export type ExplanationOutput = 'log_odds' | 'probability' | 'value';

/**
 * Per-feature contributions for a batch of rows: for every row and output,
 * `expectedValue[k] + Σ_j contributions[(row * outputs + k) * width + j]` is the model's
 * raw output `k` for that row (the kind `outputKind` names).
 */
export interface Explanation {
  rows: number;
  /** Features (columns of the design matrix the estimator takes). */
  width: number;
  /** 1, or one per class for multiclass models. */
  outputs: number;
  /** `rows × outputs × width`, row-major: `contributions[(row * outputs + k) * width + j]`. */
  contributions: Float64Array;
  /** The output with nothing known about the row (the training-weighted mean of the trees; the linear score at the reference), one per output. */
  expectedValue: Float64Array;
  outputKind: ExplanationOutput;
}

/** Rows an explanation weighs splits by when a model's trees carry no training covers. */
export interface ExplainOptions {
  /**
   * Rows (`rows × width`, row-major, as the estimator takes them; usually its training
   * design matrix) whose counts at each node replace the stored covers. Needed for
   * `decision_tree` models (ml-cart keeps no row counts in its leaves) and trees read from
   * format-1 documents (no covers); when given, used for every tree model.
   */
  background?: { x: Float64Array; rows: number };
  /**
   * The input linear contributions are measured from, `x − reference` (one per feature).
   * @default the model's stored `inputMeans` (each input's mean over the rows it was fitted
   * on); all zeros for documents written before them
   */
  reference?: Float64Array;
}
