import {
  type DatasetSchema,
  type DataTable,
  profilePathFor,
  profileTable,
  schemaPathFor,
  writeDataset,
  writeJsonAtomic,
  writeSchemaFile,
} from '@mlops/features';
import { sha256File } from '../provenance';

/** Where a prepared dataset and its sidecars went. */
export interface PreparedFiles {
  path: string;
  schemaPath: string;
  profilePath: string;
}

/**
 * Writes a dataset that passed the quality gate: the file (format from its
 * extension), its schema, and its baseline profile of the features, stamped with
 * the file's sha256 so `train` reuses it for exactly those bytes.
 */
export async function writePrepared(
  out: string,
  table: DataTable,
  schema: DatasetSchema,
): Promise<PreparedFiles> {
  await writeDataset(out, table);
  await writeSchemaFile(schemaPathFor(out), schema);
  const features = new Set(schema.columns.filter((c) => c.role === 'feature').map((c) => c.name));
  const profile = profileTable(table, {
    target: schema.target,
    exclude: table.columnNames.filter((name) => !features.has(name)),
  });
  await writeJsonAtomic(profilePathFor(out), { ...profile, source: { sha256: sha256File(out) } });
  return { path: out, schemaPath: schemaPathFor(out), profilePath: profilePathFor(out) };
}
