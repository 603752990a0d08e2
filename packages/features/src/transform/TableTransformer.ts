import type { DataTable } from '../table/DataTable';

/** The JSON form of a fitted transformer: `type` says which class restores it. */
export interface TransformerState {
  type: 'simple-imputer' | 'standard-scaler' | 'one-hot-encoder' | 'transformer-pipeline';
  formatVersion: 1;
}

/**
 * A fitted, JSON-serialisable step that turns a table into another: fitted on the
 * training data, stored with the model, and applied identically at serving time.
 * Columns it does not handle pass through unchanged and in place.
 */
export interface TableTransformer {
  /** The columns it reads. */
  readonly inputNames: readonly string[];
  transform(table: DataTable): DataTable;
  toJSON(): TransformerState;
}
