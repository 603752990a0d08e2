import { FeaturesError } from '../errors';
import { normalizeCategory } from '../quality/normalizeCategory';
import type { DataTable } from '../table/DataTable';
import type { ColumnSpec, DatasetSchema, Task } from './DatasetSchema';

/** Options of {@link inferSchema}. */
export interface InferSchemaOptions {
  name: string;
  target: string;
  /** @default 'binary' when the target has two values, 'multiclass' for a categorical target, else 'regression' */
  task?: Task;
  /** Columns that identify rows and are not model inputs. @default [] */
  idColumns?: readonly string[];
}

/**
 * Infers a schema from a table for data that has none (any CSV a user brings):
 * numeric and categorical types from the columns, observed ranges and categories.
 */
export function inferSchema(table: DataTable, options: InferSchemaOptions): DatasetSchema {
  const target = table.column(options.target);
  const ids = new Set(options.idColumns ?? []);
  const columns = table.columns.map((column): ColumnSpec => {
    const role = column.name === options.target ? 'target' : ids.has(column.name) ? 'id' : 'feature';
    if (column.kind === 'categorical') {
      return {
        name: column.name,
        type: 'categorical',
        role,
        description: '',
        // Features are compared in canonical spelling (the gate normalises them); the
        // target keeps its labels as they are.
        categories:
          role === 'feature'
            ? [...new Set(column.dictionary.map(normalizeCategory))].filter((value) => value !== '').sort()
            : [...column.dictionary].sort(),
      };
    }
    return { name: column.name, type: 'numeric', role, description: '' };
  });
  return {
    name: options.name,
    description: '',
    task: options.task ?? guessTask(target),
    target: options.target,
    columns,
  };
}

function guessTask(target: ReturnType<DataTable['column']>): Task {
  if (target.kind === 'categorical') return target.dictionary.length === 2 ? 'binary' : 'multiclass';
  const distinct = new Set<number>();
  for (const value of target.values) {
    if (!Number.isNaN(value)) distinct.add(value);
    if (distinct.size > 2) return 'regression';
  }
  if (distinct.size < 2) {
    throw new FeaturesError(
      'quality-gate-failed',
      `target '${target.name}' has fewer than two distinct values: nothing to learn`,
    );
  }
  return 'binary';
}
