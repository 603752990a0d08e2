/** Fitted treatment of one numeric input: impute with `fill`, then `(x - mean) / scale`. */
export interface NumericStep {
  kind: 'numeric';
  name: string;
  fill: number;
  mean: number;
  scale: number;
}

/** Fitted treatment of one categorical input: impute with `fill`, then one-hot over `categories`. */
export interface CategoricalStep {
  kind: 'categorical';
  name: string;
  fill: string;
  categories: string[];
}

/** The JSON form of a fitted `TabularPreprocessor`. */
export interface PreprocessorState {
  formatVersion: 1;
  standardize: boolean;
  steps: Array<NumericStep | CategoricalStep>;
}
