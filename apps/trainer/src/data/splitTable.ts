import { type DataTable, randomSplit, temporalSplit } from '@mlops/features';
import type { SplitPlan } from './resolveSplit';

/**
 * Splits a table as `plan` says, the way training does (seeded and stratified for
 * classification, or by time): tuning carves its validation rows with it so they
 * follow the same rule as the test rows.
 */
export function splitTable(
  table: DataTable,
  plan: SplitPlan,
  options: { seed: number; stratifyBy?: string },
): { train: DataTable; test: DataTable } {
  const rows =
    plan.kind === 'temporal'
      ? temporalSplit(table, { timeColumn: plan.timeColumn! })
      : randomSplit(table, { seed: options.seed, stratifyBy: options.stratifyBy });
  return { train: table.take(rows.train), test: table.take(rows.test) };
}
