/** Summary of one numeric column, with a histogram whose bin edges drift checks reuse. */
export interface NumericProfile {
  kind: 'numeric';
  count: number;
  missing: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Quantiles by level, e.g. `{"0.5": 12.3}`. */
  quantiles: Record<string, number>;
  /** `edges.length === counts.length + 1`; values below the first edge or above the last fall in the end bins. */
  histogram: { edges: number[]; counts: number[] };
}

/** Summary of one categorical column: how often each category appears. */
export interface CategoricalProfile {
  kind: 'categorical';
  count: number;
  missing: number;
  frequencies: Record<string, number>;
}

export type ColumnProfile = NumericProfile | CategoricalProfile;

/** The baseline a model version's inputs are compared against in production. */
export interface BaselineProfile {
  formatVersion: 1;
  rows: number;
  columns: Record<string, ColumnProfile>;
  /** The label's profile, when the table had one. */
  target?: { name: string; profile: ColumnProfile };
  /** The data file profiled, when the profile is kept beside it: training reuses it only for those bytes. */
  source?: { sha256: string };
  /** The model's own predictions on its held-out rows (set when a model version is registered). */
  predictions?: PredictionBaseline;
}

/** What a model answers on its reference rows: the baseline of prediction drift. */
export interface PredictionBaseline {
  /** Predicted classes (categorical, labels as text) or predicted values (numeric). */
  prediction: ColumnProfile;
  /** Binary: the distribution of P(positive); multiclass: of P(predicted class). */
  probability?: NumericProfile;
  /** Rows predicted. */
  rows: number;
}
