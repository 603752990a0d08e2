import { FeaturesError } from '../errors';
import type { DataTable } from '../table/DataTable';
import { replaceColumns } from './replaceColumns';
import { checkTransformerState, type TableTransformer, type TransformerState } from './TableTransformer';

/** Options of {@link StandardScaler.fit}. */
export interface StandardScalerOptions {
  /** Subtract the mean. @default true */
  withMean?: boolean;
  /** Divide by the standard deviation. @default true */
  withStd?: boolean;
}

/** The JSON form of a fitted {@link StandardScaler}. */
export interface StandardScalerState extends TransformerState {
  type: 'standard-scaler';
  columns: Array<{ name: string; mean: number; scale: number }>;
}

/**
 * Standardises numeric columns to `(x - mean) / scale` as scikit-learn's
 * `StandardScaler` does: population standard deviation, a scale of 1 for a constant
 * column, missing values ignored when fitting and passed through as missing.
 */
export class StandardScaler implements TableTransformer {
  private constructor(readonly state: StandardScalerState) {}

  /** Learns each column's mean and standard deviation. */
  static fit(
    table: DataTable,
    columns: readonly string[],
    options: StandardScalerOptions = {},
  ): StandardScaler {
    const withMean = options.withMean ?? true;
    const withStd = options.withStd ?? true;
    return new StandardScaler({
      type: 'standard-scaler',
      formatVersion: 1,
      columns: columns.map((name) => {
        const values = table.numeric(name).values;
        let n = 0;
        let mean = 0;
        let m2 = 0;
        // Welford's update: one pass, no cancellation on large offsets.
        for (const value of values) {
          if (Number.isNaN(value)) continue;
          n += 1;
          const delta = value - mean;
          mean += delta / n;
          m2 += delta * (value - mean);
        }
        if (n === 0)
          throw new FeaturesError(
            'bad-argument',
            `column '${name}' has no values at all: drop it or impute it first`,
          );
        const std = Math.sqrt(m2 / n);
        return { name, mean: withMean ? mean : 0, scale: withStd && std > 0 ? std : 1 };
      }),
    });
  }

  /** Restores a fitted scaler from {@link toJSON}'s output. */
  static fromJSON(state: StandardScalerState): StandardScaler {
    return new StandardScaler(checkTransformerState(state, 'standard-scaler', 'columns'));
  }

  get inputNames(): string[] {
    return this.state.columns.map((column) => column.name);
  }

  transform(table: DataTable): DataTable {
    return replaceColumns(table, this.state.columns, ({ name, mean, scale }) => {
      const values = table.numeric(name).values.map((value) => (value - mean) / scale);
      return [{ kind: 'numeric', name, values }];
    });
  }

  toJSON(): StandardScalerState {
    return this.state;
  }
}
