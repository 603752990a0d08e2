import { readFileSync } from 'node:fs';
import { FeaturesError } from '../errors';
import { writeJsonAtomic } from '../io/writeFileAtomic';
import type { DatasetSchema } from './DatasetSchema';

const DATA_EXTENSION = /\.(arrow|arrows|feather|ipc|csv|tsv|parquet)$/i;
const TYPES = new Set(['numeric', 'categorical']);
const ROLES = new Set(['feature', 'target', 'id', 'time']);

/** The schema file kept beside a dataset file: `x.arrow` (or `.csv`, `.parquet`…) → `x.schema.json`. */
export function schemaPathFor(dataPath: string): string {
  return `${dataPath.replace(DATA_EXTENSION, '')}.schema.json`;
}

/** The baseline profile kept beside a prepared dataset: `x.arrow` → `x.profile.json`. */
export function profilePathFor(dataPath: string): string {
  return `${dataPath.replace(DATA_EXTENSION, '')}.profile.json`;
}

/**
 * Reads and checks a schema file: a target, and columns each with a name, a type
 * and a role, the target among them. Errors name the file and what is wrong.
 */
export function readSchemaFile(path: string): DatasetSchema {
  let schema: DatasetSchema;
  try {
    schema = JSON.parse(readFileSync(path, 'utf8')) as DatasetSchema;
  } catch (error) {
    throw new FeaturesError(
      'bad-schema',
      `${path} is not a readable JSON schema file (${(error as Error).message}): fix it or pass --schema`,
      { cause: error },
    );
  }
  const problem = schemaProblem(schema);
  if (problem) throw new FeaturesError('bad-schema', `${path} is not a dataset schema: ${problem}`);
  return schema;
}

/** Writes a schema file through a temporary name and a rename. */
export async function writeSchemaFile(path: string, schema: DatasetSchema): Promise<void> {
  await writeJsonAtomic(path, schema);
}

function schemaProblem(schema: DatasetSchema): string | undefined {
  if (!schema || typeof schema !== 'object') return 'it is not a JSON object';
  if (typeof schema.target !== 'string') return "it has no 'target' (the label column's name)";
  if (!Array.isArray(schema.columns)) return "it has no 'columns' list";
  for (const [i, column] of schema.columns.entries()) {
    if (!column || typeof column.name !== 'string') return `column ${i} has no name`;
    if (!TYPES.has(column.type))
      return `column '${column.name}' has type '${column.type}' (numeric or categorical)`;
    if (!ROLES.has(column.role))
      return `column '${column.name}' has role '${column.role}' (feature, target, id or time)`;
  }
  if (!schema.columns.some((column) => column.name === schema.target))
    return `its target '${schema.target}' is not one of its columns`;
  return undefined;
}
