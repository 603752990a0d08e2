import { FeaturesError } from '../errors';
import { mostFrequentCode, nanMedian } from '../quality/summaries';
import type { Column, DataTable } from '../table/DataTable';
import { replaceColumns } from './replaceColumns';
import { checkTransformerState, type TableTransformer, type TransformerState } from './TableTransformer';

/** Options of {@link SimpleImputer.fit}. */
export interface SimpleImputerOptions {
  /** How numeric columns are filled; categorical ones always take their most frequent category. @default 'median' */
  strategy?: 'median' | 'mean';
}

/** The JSON form of a fitted {@link SimpleImputer}: one fill value per column. */
export interface SimpleImputerState extends TransformerState {
  type: 'simple-imputer';
  fills: Array<
    { name: string; kind: 'numeric'; fill: number } | { name: string; kind: 'categorical'; fill: string }
  >;
}

/**
 * Fills missing cells as scikit-learn's `SimpleImputer` does: the median (or mean)
 * of a numeric column and the most frequent category of a categorical one, learnt
 * from the training data. Counts what it filled in `filledCount`.
 */
export class SimpleImputer implements TableTransformer {
  /** Cells filled by {@link transform} since this object was made. */
  filledCount = 0;

  private constructor(readonly state: SimpleImputerState) {}

  /** Learns one fill value per column; throws when a column has no value at all. */
  static fit(
    table: DataTable,
    columns: readonly string[],
    options: SimpleImputerOptions = {},
  ): SimpleImputer {
    const fills = columns.map((name): SimpleImputerState['fills'][number] => {
      const column = table.column(name);
      if (column.kind === 'numeric') {
        const fill = options.strategy === 'mean' ? nanMean(column.values) : nanMedian(column.values);
        if (Number.isNaN(fill)) throw emptyColumn(name);
        return { name, kind: 'numeric', fill };
      }
      const code = mostFrequentCode(column.codes, column.dictionary.length);
      if (code < 0) throw emptyColumn(name);
      return { name, kind: 'categorical', fill: column.dictionary[code] };
    });
    return new SimpleImputer({ type: 'simple-imputer', formatVersion: 1, fills });
  }

  /** Restores a fitted imputer from {@link toJSON}'s output. */
  static fromJSON(state: SimpleImputerState): SimpleImputer {
    return new SimpleImputer(checkTransformerState(state, 'simple-imputer', 'fills'));
  }

  get inputNames(): string[] {
    return this.state.fills.map((fill) => fill.name);
  }

  transform(table: DataTable): DataTable {
    return replaceColumns(table, this.state.fills, (fill): Column[] => {
      const column = table.column(fill.name);
      if (column.kind === 'numeric' && fill.kind === 'numeric') {
        const values = column.values.map((value) => {
          if (!Number.isNaN(value)) return value;
          this.filledCount += 1;
          return fill.fill;
        });
        return [{ ...column, values }];
      }
      if (column.kind === 'categorical' && fill.kind === 'categorical') {
        let fillCode = column.dictionary.indexOf(fill.fill);
        const dictionary = fillCode < 0 ? [...column.dictionary, fill.fill] : column.dictionary;
        if (fillCode < 0) fillCode = dictionary.length - 1;
        const codes = column.codes.map((code) => {
          if (code >= 0) return code;
          this.filledCount += 1;
          return fillCode;
        });
        return [{ ...column, codes, dictionary }];
      }
      throw new FeaturesError(
        'wrong-column-type',
        `column '${fill.name}' must be ${fill.kind}, as it was when the imputer was fitted`,
      );
    });
  }

  toJSON(): SimpleImputerState {
    return this.state;
  }
}

function nanMean(values: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    sum += value;
    n += 1;
  }
  return n ? sum / n : Number.NaN;
}

function emptyColumn(name: string): FeaturesError {
  return new FeaturesError('bad-argument', `column '${name}' has no values at all: drop it or fill it in`);
}
