import { type Column, type ColumnSpec, categoricalColumn, DataTable, numericColumn } from '@mlops/features';

/**
 * Lays validated batch instances out as a columnar {@link DataTable} (one typed
 * array per numeric feature, a dictionary-encoded column per categorical one), so a
 * whole batch goes through the model in one `predictTable` call.
 */
export function instancesTable(
  instances: ReadonlyArray<Readonly<Record<string, unknown>>>,
  features: readonly ColumnSpec[],
): DataTable {
  const rows = instances.length;
  const columns: Column[] = features.map((spec) => {
    if (spec.type === 'numeric') {
      const values = new Float64Array(rows);
      for (let i = 0; i < rows; i += 1) values[i] = instances[i][spec.name] as number;
      return numericColumn(spec.name, values);
    }
    const values = new Array<string>(rows);
    for (let i = 0; i < rows; i += 1) values[i] = instances[i][spec.name] as string;
    return categoricalColumn(spec.name, values);
  });
  return new DataTable(columns);
}
