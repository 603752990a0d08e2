import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type DatasetSchema,
  type DataTable,
  inferColumnRole,
  readSchemaFile,
  schemaPathFor,
} from '@mlops/features';

/** Which columns of a pair of files are ids or times, why, and where that came from. */
export interface KeyColumns {
  /** Column → reason it is never drift-tested. */
  reasons: Record<string, string>;
  /** The schema sidecar the roles came from; null when they were inferred from the values. */
  schema: string | null;
}

/**
 * The id and time columns of `monitor drift`'s reference data: a fresh sample of
 * ids or times always looks drifted, so these are never tested. Roles come from
 * the `x.schema.json` sidecar of the reference file, else of the current file;
 * a column the schema does not name (or every column, without a schema) gets
 * the role `inferColumnRole` infers from the reference values.
 */
export function keyColumnReasons(
  reference: DataTable,
  referencePath: string,
  currentPath: string,
): KeyColumns {
  const path = [schemaPathFor(referencePath), schemaPathFor(currentPath)].find((p) => existsSync(p));
  const schema: DatasetSchema | undefined = path ? readSchemaFile(path) : undefined;
  const reasons: Record<string, string> = {};
  for (const column of reference.columns) {
    const spec = schema?.columns.find((c) => c.name === column.name);
    if (spec) {
      if (spec.role === 'id' || spec.role === 'time')
        reasons[column.name] = `${spec.role} column (${basename(path!)}): never drift-tested`;
      continue;
    }
    const inferred = inferColumnRole(column);
    if (inferred.role === 'id' || inferred.role === 'time')
      reasons[column.name] = `${inferred.role} column (inferred: ${inferred.reason}): never drift-tested`;
  }
  return { reasons, schema: path ?? null };
}
