import { FeaturesError } from '../errors';
import { normalizeCategory } from '../quality/normalizeCategory';
import type { DataTable } from '../table/DataTable';
import { type ColumnRoleOptions, checkRoleOptions } from './applyColumnRoles';
import type { ColumnSpec, DatasetSchema, Task } from './DatasetSchema';
import { inferColumnRole } from './inferColumnRole';

/** Options of {@link inferSchema}. */
export interface InferSchemaOptions extends ColumnRoleOptions {
  name: string;
  target: string;
  /** @default 'binary' when the target has two values, 'multiclass' for a categorical target, else 'regression' */
  task?: Task;
}

/**
 * Infers a schema from a table for data that has none (any CSV a user brings):
 * each column's type and role ({@link inferColumnRole}: ids, times, features),
 * with the reason in `inferred`, observed categories of text features, and the
 * task from the target. The options override inference: `idColumns` are ids,
 * `exclude` leaves columns out of the schema, and `features` names the features
 * exactly (other columns stay in only as ids or times).
 */
export function inferSchema(table: DataTable, options: InferSchemaOptions): DatasetSchema {
  const target = table.column(options.target);
  checkRoleOptions(table.columnNames, options, options.target);
  const ids = new Set(options.idColumns ?? []);
  const excluded = new Set(options.exclude ?? []);
  const features = options.features ? new Set(options.features) : undefined;
  const columns: ColumnSpec[] = [];
  for (const column of table.columns) {
    if (column.name === options.target) {
      columns.push({
        name: column.name,
        type: column.kind,
        role: 'target',
        description: '',
        ...(column.kind === 'categorical' ? { categories: [...column.dictionary].sort() } : {}),
      });
      continue;
    }
    if (excluded.has(column.name)) continue;
    const guess = inferColumnRole(column);
    let { role, reason } = guess;
    if (ids.has(column.name)) [role, reason] = ['id', 'named by --id-columns'];
    else if (features?.has(column.name)) [role, reason] = ['feature', 'named by --features'];
    else if (features && role === 'feature') continue;
    const spec: ColumnSpec = { name: column.name, type: guess.type, role, description: '', inferred: reason };
    if (role === 'time') spec.type = 'numeric';
    // Features are compared in canonical spelling (the gate normalises them); ids keep theirs.
    if (spec.type === 'categorical' && role === 'feature' && column.kind === 'categorical') {
      spec.categories = [...new Set(column.dictionary.map(normalizeCategory))].filter((v) => v !== '').sort();
    }
    if (spec.type === 'categorical' && role !== 'feature') delete spec.categories;
    columns.push(spec);
  }
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
