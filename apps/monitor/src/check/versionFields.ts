import { type ColumnRole, inferColumnRole } from '@mlops/features';
import type { ModelDocument } from '@mlops/models';
import type { ModelRegistry } from '@mlops/registry';
import type { VersionFields } from './fieldCoverage';

/** A version's fields for a check, with its model document. */
export type VersionForCheck = VersionFields & { model: ModelDocument };

/**
 * Reads what a check needs of a version: its feature schema (`features.json`,
 * the only columns ever drift-tested), its entity keys (`idColumns` of the model
 * document), its baseline profile, and, when the profile holds columns that are
 * neither, their roles inferred from the version's stored test rows, so the
 * report can say an id or a time column was left out.
 */
export async function readVersionFields(
  registry: ModelRegistry,
  name: string,
  version: number,
): Promise<VersionForCheck> {
  const [stored, features, model] = await Promise.all([
    registry.readProfile(name, version),
    registry.readFeatures(name, version),
    registry.readModelDocument(name, version),
  ]);
  // A profile whose `columns` is not a map (`[]`, null) has no baseline of any column:
  // the drift check then says "nothing to compare", instead of testing array indices or crashing.
  const columns = stored.columns;
  const profile =
    columns && typeof columns === 'object' && !Array.isArray(columns) ? stored : { ...stored, columns: {} };
  const idColumns = model.idColumns ?? [];
  const known = new Set([...features, ...idColumns].map((spec) => spec.name));
  const others = Object.keys(profile.columns).filter((column) => !known.has(column));
  const roles: Record<string, { role: ColumnRole; reason: string }> = {};
  if (others.length > 0) {
    const rows = await registry.readTestRows(name, version);
    for (const column of others) {
      if (rows?.has(column)) roles[column] = inferColumnRole(rows.column(column));
    }
  }
  return { profile, features, idColumns, roles, model };
}
