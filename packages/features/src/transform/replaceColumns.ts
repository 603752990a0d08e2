import { type Column, DataTable } from '../table/DataTable';

/**
 * A table where each column named by a step is replaced, in place, by the columns
 * `make` returns for it; other columns pass through untouched.
 */
export function replaceColumns<Step extends { name: string }>(
  table: DataTable,
  steps: readonly Step[],
  make: (step: Step) => Column[],
): DataTable {
  const byName = new Map(steps.map((step) => [step.name, step]));
  for (const step of steps) table.column(step.name); // a missing-column error names it
  return new DataTable(
    table.columns.flatMap((column) => {
      const step = byName.get(column.name);
      return step ? make(step) : [column];
    }),
  );
}
