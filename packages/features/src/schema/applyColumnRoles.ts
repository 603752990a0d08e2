import { FeaturesError } from '../errors';
import type { DatasetSchema } from './DatasetSchema';

/** Overrides of inferred or declared column roles (`--id-columns`, `--exclude`, `--features`). */
export interface ColumnRoleOptions {
  /** Columns that identify rows: never model inputs. @default [] */
  idColumns?: readonly string[];
  /** Columns left out entirely. @default [] */
  exclude?: readonly string[];
  /** The feature columns, exactly; other columns stay only as ids or times. @default inferred */
  features?: readonly string[];
}

/**
 * Applies role overrides to a schema that came with the data (a generator's or a
 * schema file): `idColumns` become ids, `exclude` leaves the schema, `features`
 * keeps exactly those features. The target cannot be overridden. Unknown names are
 * an error listing the columns there are.
 */
export function applyColumnRoles(schema: DatasetSchema, options: ColumnRoleOptions): DatasetSchema {
  checkRoleOptions(
    schema.columns.map((column) => column.name),
    options,
    schema.target,
  );
  if (!options.idColumns?.length && !options.exclude?.length && !options.features) return schema;
  const ids = new Set(options.idColumns ?? []);
  const excluded = new Set(options.exclude ?? []);
  const features = options.features ? new Set(options.features) : undefined;
  const columns = schema.columns
    .filter((column) => !excluded.has(column.name))
    .map((column) => {
      if (column.role === 'target') return column;
      if (ids.has(column.name)) return { ...column, role: 'id' as const, categories: undefined };
      if (features?.has(column.name)) return { ...column, role: 'feature' as const };
      return column;
    })
    .filter((column) => !features || column.role !== 'feature' || features.has(column.name));
  return { ...schema, columns };
}

/** Checks role overrides against the columns there are; shared by inference and schema files. */
export function checkRoleOptions(
  columns: readonly string[],
  options: ColumnRoleOptions,
  target?: string,
): void {
  const known = new Set(columns);
  const lists: Array<[string, readonly string[] | undefined]> = [
    ['--id-columns', options.idColumns],
    ['--exclude', options.exclude],
    ['--features', options.features],
  ];
  for (const [flag, names] of lists) {
    for (const name of names ?? []) {
      if (!known.has(name)) {
        throw new FeaturesError(
          'missing-column',
          `${flag} names '${name}', which is not a column (columns: ${columns.join(', ')})`,
        );
      }
      if (name === target) {
        throw new FeaturesError(
          'bad-argument',
          `${flag} names the target '${name}': the label is never an input`,
        );
      }
    }
  }
  const both = (options.features ?? []).filter(
    (name) => options.idColumns?.includes(name) || options.exclude?.includes(name),
  );
  if (both.length) {
    throw new FeaturesError(
      'bad-argument',
      `'${both[0]}' is in --features and in --id-columns or --exclude: a column has one role`,
    );
  }
  if (options.features && options.features.length === 0)
    throw new FeaturesError('bad-argument', '--features is empty: name at least one feature column');
}

/**
 * The schema with another column as its label (`--target`): that column becomes
 * the target and the old label leaves the schema, since it would leak the answer
 * as an input. The task is kept unless `task` says otherwise.
 */
export function withTarget(
  schema: DatasetSchema,
  target: string,
  task?: DatasetSchema['task'],
): DatasetSchema {
  if (target === schema.target) return task ? { ...schema, task } : schema;
  const column = schema.columns.find((spec) => spec.name === target);
  if (!column) {
    throw new FeaturesError(
      'missing-column',
      `--target '${target}' is not a column of the ${schema.name} schema (columns: ${schema.columns.map((c) => c.name).join(', ')})`,
    );
  }
  return {
    ...schema,
    target,
    task: task ?? schema.task,
    columns: schema.columns
      .filter((spec) => spec.name !== schema.target)
      .map((spec) => (spec.name === target ? { ...spec, role: 'target' as const } : spec)),
  };
}
