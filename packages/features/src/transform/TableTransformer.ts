import { FeaturesError } from '../errors';
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

/**
 * Checks the JSON of a fitted transformer before it is restored: its `type`, format
 * version 1, and its list field (`columns`, `fills`, `steps`). Returns `state`;
 * anything else is a `bad-preprocessor` error saying to refit.
 */
export function checkTransformerState<State extends TransformerState>(
  state: State,
  type: State['type'],
  list: keyof State,
): State {
  if (state?.type !== type || state.formatVersion !== 1 || !Array.isArray(state[list]))
    throw new FeaturesError('bad-preprocessor', `not a ${type} of format version 1: refit it`);
  return state;
}
