import type { ColumnSpec, PreprocessorState, Task } from '@mlops/features';
import type { EstimatorState } from '../estimators/Estimator';

/**
 * The format version this code writes. 3 packs trees into binary arrays (`packTrees`) and
 * may give whole-number covers per leaf (`leafCover`); 2 gave every node's cover as f64;
 * 1 stored trees as JSON arrays. 1 and 2 are still read ({@link READABLE_FORMAT_VERSIONS}).
 */
export const MODEL_FORMAT_VERSION = 3;

/** The format versions this code reads. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2, 3];

/** A trained model as a file: everything needed to predict exactly as at training time. */
export interface ModelDocument {
  format: 'mlops-model';
  /** {@link MODEL_FORMAT_VERSION} when written here; 1 or 2 in older documents. */
  formatVersion: 1 | 2 | typeof MODEL_FORMAT_VERSION;
  /** The model kind, e.g. `logistic`, `gradient_boosting`. */
  kind: string;
  task: Task;
  target: string;
  params: Record<string, number>;
  seed: number;
  /** Class labels in index order (classification). */
  classes?: Array<number | string>;
  /** P(class 1) at or above which a binary model predicts class 1. */
  threshold?: number;
  /** The model's inputs: names, types, valid ranges and categories. */
  features: ColumnSpec[];
  /**
   * Columns that identify the entity a prediction is about (e.g. `customer_id`):
   * clients may send them, the prediction log keeps them as the entity key
   * (hashed when `sensitive`), and labels that arrive later join on them. Never inputs.
   */
  idColumns?: ColumnSpec[];
  preprocessing: PreprocessorState;
  estimator: EstimatorState;
}
