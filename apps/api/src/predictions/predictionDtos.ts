/**
 * Feature values of one instance: a flat JSON object, e.g.
 * `{"tenure_months": 12, "contract": "one-year"}`. Typed loosely on purpose: the
 * served model's schema, not this type, decides what is valid, and its validator
 * names every bad field.
 */
export type FeatureValues = { [feature: string]: unknown };

/** One prediction, as `POST /predict` answers. */
export interface PredictionResponse {
  /** The predicted class (classification) or value (regression). */
  prediction: number | string;
  /** P(positive class) for binary models, P(predicted class) for multiclass ones. */
  probability?: number;
  model_name: string;
  model_version: number;
  request_id: string;
  /** ISO 8601 time of the prediction. */
  timestamp: string;
  /** Server time of the request (with `explain=true`, the explanation included). */
  latency_ms: number;
  /** With `?explain=true` only: per-field contributions to the raw output. */
  explanation?: ExplanationDto;
}

/** Body of the batch routes: the instances to predict, each a flat object of feature values. */
export interface BatchRequest {
  /**
   * One object of feature values per row, at most `MLOPS_BATCH_LIMIT` (default
   * 10,000). Typed `unknown[]` so that the served model's validator, not tsoa's,
   * checks each row and names problems as `instances[i].field`.
   */
  instances: unknown[];
}

/** One row's answer in a batch. */
export interface RowPredictionDto {
  prediction: number | string;
  probability?: number;
  /**
   * The version that answered this row, given only when a canary split the batch (rows
   * with different entity keys answered by production and by the challenger).
   */
  model_version?: number;
  /** With `?explain=true` only: this row's per-field contributions to the raw output. */
  explanation?: ExplanationDto;
}

/** All predictions of one batch, in the order of the instances. */
export interface BatchPredictionResponse {
  predictions: RowPredictionDto[];
  /** Number of rows predicted. */
  count: number;
  model_name: string;
  /** The version that answered: the canary's when it answered every row, else production's (a split batch says per row). */
  model_version: number;
  /** The request's id; row `i` is logged as `<request_id>#<i>`. */
  request_id: string;
  /** ISO 8601 time of the predictions. */
  timestamp: string;
  /** Server time for the whole batch: validation, prediction and logging. */
  latency_ms: number;
}

/** One contribution per input field of the model, keyed by the field's name. */
export type FieldContributions = { [field: string]: number };

/**
 * What an explanation's numbers add up to: `log_odds` (gradient boosting classifiers and
 * logistic models; for multiclass, each class's score before the softmax), `probability`
 * (random forest and decision tree classifiers: the class probability averaged over the
 * trees), `value` (regression).
 */
export type ExplanationOutput = 'log_odds' | 'probability' | 'value';

/**
 * The explanation of a binary or regression prediction: `expected_value + Σ contributions`
 * is the model's raw output for this row (within 1e-9). A categorical field has one
 * contribution, whatever its number of categories.
 */
export interface OutputExplanation {
  output: ExplanationOutput;
  /** Binary models: the class the output is about (P or log-odds of this label). */
  positive_class?: number | string;
  /** The output with nothing known about the row: the training-weighted mean of the trees, or the linear score at the training means. */
  expected_value: number;
  contributions: FieldContributions;
}

/**
 * The explanation of a multiclass prediction, one output per class: for each label `c`,
 * `expected_value[c] + Σ contributions[c]` is the model's raw output for class `c`.
 */
export interface PerClassExplanation {
  output: ExplanationOutput;
  /** The class labels in the model's order; the keys of `expected_value` and `contributions` are these labels as text. */
  classes: Array<number | string>;
  expected_value: { [label: string]: number };
  contributions: { [label: string]: FieldContributions };
}

/** Contributions per input field, answered with `?explain=true`: one output, or one per class (multiclass). */
export type ExplanationDto = OutputExplanation | PerClassExplanation;
