import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  applyColumnRoles,
  type ColumnSpec,
  type DatasetSchema,
  type DataTable,
  datasetGenerators,
  inferSchema,
  readDataset,
  readSchemaFile,
  schemaPathFor,
  type Task,
  withTarget,
} from '@mlops/features';
import { CliError } from '../CliError';
import { type CommandContext, userPath } from '../CommandContext';

/** How a command reads a dataset and decides what its columns are for (`--id-columns`, `--exclude`…). */
export interface DataOptions {
  data: string;
  /** The label column; taken from the schema when there is one. */
  target?: string;
  task?: Task;
  /** A generator's name (`churn`) or a schema JSON file; else the sidecar `x.schema.json`, else inferred. */
  schema?: string;
  idColumns?: string[];
  exclude?: string[];
  features?: string[];
  /** CSV cells read as missing values (besides the empty cell). @default NA, N/A, null, NULL, NaN, ? */
  naValues?: string[];
  /** CSV text encoding. @default 'utf-8' */
  encoding?: 'utf-8' | 'latin1';
}

/** The CSV reading options of a command's data options. */
export function csvOptions(options: Pick<DataOptions, 'naValues' | 'encoding'>) {
  return { naValues: options.naValues, encoding: options.encoding };
}

/** A dataset with its schema and what each column is for. */
export interface LoadedDataset {
  dataPath: string;
  table: DataTable;
  schema: DatasetSchema;
  /** Where the schema came from. */
  schemaSource: 'generator' | 'file' | 'inferred';
  target: string;
  task: Task;
  /** Model inputs, in schema order. */
  features: ColumnSpec[];
  /** Entity keys: never inputs, kept with the model so clients may send them. */
  idColumns: ColumnSpec[];
  /** Time columns: never inputs; the first one is the default of a temporal split. */
  timeColumns: string[];
}

/**
 * Reads a dataset (CSV, Arrow or Parquet by extension; CSV with the missing-value
 * tokens and encoding asked for) and works out its schema:
 * `--schema`, else the sidecar schema file, else inferred from the data (ids and
 * times recognised, see `inferSchema`); `--target`, `--task`, `--id-columns`,
 * `--exclude` and `--features` override it. Errors say which option is missing.
 */
export function loadDataset(
  context: CommandContext,
  options: DataOptions,
  /** Check that the label and at least one feature are there (the quality gate reports them instead). */
  strict = true,
): LoadedDataset {
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath, csvOptions(options));
  const roles = { idColumns: options.idColumns, exclude: options.exclude, features: options.features };
  let schema: DatasetSchema;
  let schemaSource: LoadedDataset['schemaSource'];
  const given = givenSchema(context, dataPath, options.schema);
  if (given) {
    schemaSource = given.source;
    schema = options.target ? withTarget(given.schema, options.target, options.task) : given.schema;
    if (options.task) schema = { ...schema, task: options.task };
    schema = applyColumnRoles(schema, roles);
  } else {
    if (!options.target)
      throw new CliError(
        `--target is required when the data has no schema: name the label column (columns: ${table.columnNames.join(', ')})`,
      );
    schemaSource = 'inferred';
    schema = inferSchema(table, {
      name: basename(dataPath).replace(/\.[^.]+$/, ''),
      target: options.target,
      task: options.task,
      ...roles,
    });
  }
  if (strict && !table.has(schema.target))
    throw new CliError(
      `${dataPath} has no label column '${schema.target}' (columns: ${table.columnNames.join(', ')})`,
    );
  const features = schema.columns.filter((column) => column.role === 'feature');
  if (strict && features.length === 0)
    throw new CliError(
      `${dataPath} has no feature columns left: every column is the target, an id or a time`,
    );
  return {
    dataPath,
    table,
    schema,
    schemaSource,
    target: schema.target,
    task: schema.task,
    features,
    idColumns: schema.columns.filter((column) => column.role === 'id'),
    timeColumns: schema.columns.filter((column) => column.role === 'time').map((column) => column.name),
  };
}

function givenSchema(
  context: CommandContext,
  dataPath: string,
  option: string | undefined,
): { schema: DatasetSchema; source: 'generator' | 'file' } | undefined {
  if (option && datasetGenerators[option])
    return { schema: datasetGenerators[option].schema, source: 'generator' };
  if (option) return { schema: readSchemaFile(userPath(context, option)), source: 'file' };
  const sidecar = schemaPathFor(dataPath);
  if (existsSync(sidecar)) return { schema: readSchemaFile(sidecar), source: 'file' };
  return undefined;
}

/**
 * Every column with its role (and, for inferred schemas, why), as `prepare` and
 * `train` print it: so a user sees at once that `customer_id` is not an input.
 */
export function describeColumns(dataset: Pick<LoadedDataset, 'schema' | 'schemaSource'>): string {
  const width = Math.max(...dataset.schema.columns.map((column) => column.name.length));
  const lines = dataset.schema.columns.map(
    (column) =>
      `  ${column.name.padEnd(width)}  ${column.role.padEnd(7)} ${column.type}${column.sensitive ? ', sensitive' : ''}${column.inferred ? `  (${column.inferred})` : ''}`,
  );
  const source =
    dataset.schemaSource === 'inferred'
      ? 'inferred from the data (override with --id-columns, --exclude, --features)'
      : `from the ${dataset.schemaSource === 'generator' ? 'dataset' : 'schema file'}`;
  return [`columns ${source}:`, ...lines].join('\n');
}

/** The columns as the JSON results list them. */
export function columnRoles(
  schema: DatasetSchema,
): Array<{ name: string; role: string; type: string; reason?: string }> {
  return schema.columns.map((column) => ({
    name: column.name,
    role: column.role,
    type: column.type,
    ...(column.inferred ? { reason: column.inferred } : {}),
  }));
}
