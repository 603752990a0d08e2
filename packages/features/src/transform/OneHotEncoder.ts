import type { Column, DataTable } from '../table/DataTable';
import { replaceColumns } from './replaceColumns';
import { checkTransformerState, type TableTransformer, type TransformerState } from './TableTransformer';

/** The JSON form of a fitted {@link OneHotEncoder}: the sorted categories of each column. */
export interface OneHotEncoderState extends TransformerState {
  type: 'one-hot-encoder';
  columns: Array<{ name: string; categories: string[] }>;
}

/**
 * One-hot encodes categorical columns as scikit-learn's
 * `OneHotEncoder(handle_unknown='ignore')` does: one 0/1 column `name=category` per
 * category seen in training (sorted), in place of the original column. A category
 * never seen in training encodes as all zeros and is counted in
 * `unknownCategoryCount`; it never throws. A missing cell also encodes as all
 * zeros (impute first to avoid that).
 */
export class OneHotEncoder implements TableTransformer {
  /** Cells seen by {@link transform} whose category training never saw. */
  unknownCategoryCount = 0;

  private constructor(readonly state: OneHotEncoderState) {}

  /** Learns the categories of each column. */
  static fit(table: DataTable, columns: readonly string[]): OneHotEncoder {
    return new OneHotEncoder({
      type: 'one-hot-encoder',
      formatVersion: 1,
      columns: columns.map((name) => {
        const column = table.categorical(name);
        const used = new Uint8Array(column.dictionary.length);
        for (const code of column.codes) if (code >= 0) used[code] = 1;
        const categories = [...new Set(column.dictionary.filter((_, code) => used[code]))].sort();
        return { name, categories };
      }),
    });
  }

  /** Restores a fitted encoder from {@link toJSON}'s output. */
  static fromJSON(state: OneHotEncoderState): OneHotEncoder {
    return new OneHotEncoder(checkTransformerState(state, 'one-hot-encoder', 'columns'));
  }

  get inputNames(): string[] {
    return this.state.columns.map((column) => column.name);
  }

  /** The names of the columns it makes, `name=category`, in order. */
  get outputNames(): string[] {
    return this.state.columns.flatMap(({ name, categories }) =>
      categories.map((category) => `${name}=${category}`),
    );
  }

  transform(table: DataTable): DataTable {
    return replaceColumns(table, this.state.columns, ({ name, categories }): Column[] => {
      const column = table.categorical(name);
      const slotOf = new Map(categories.map((category, slot) => [category, slot]));
      const codeToSlot = column.dictionary.map((category) => slotOf.get(category) ?? -1);
      const outputs = categories.map(() => new Float64Array(column.codes.length));
      column.codes.forEach((code, row) => {
        if (code < 0) return;
        const slot = codeToSlot[code];
        if (slot < 0) this.unknownCategoryCount += 1;
        else outputs[slot][row] = 1;
      });
      return categories.map((category, slot) => ({
        kind: 'numeric',
        name: `${name}=${category}`,
        values: outputs[slot],
      }));
    });
  }

  toJSON(): OneHotEncoderState {
    return this.state;
  }
}
