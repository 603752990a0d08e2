import {
  aggregateDailySales,
  dailySalesSchema,
  formatQualityReport,
  prepareDataset,
  readDataset,
  writeJsonAtomic,
} from '@mlops/features';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { writePrepared } from '../data/writePrepared';

/** Options of `mlops prepare-daily`. */
export interface PrepareDailyOptions {
  /** Raw sales lines (e.g. from `mlops generate sales`). */
  data: string;
  /** @default `<data>.daily.arrow` */
  out?: string;
  /** Minutes east of UTC that define a calendar day. @default 0 */
  utcOffset?: number;
  /** @default 0.05 */
  maxMissing?: number;
}

/**
 * Aggregates raw sales lines per day (revenue net of returns, order count,
 * calendar features, lags) with next day's revenue as the label, then runs the
 * quality gate and writes the daily table, its schema, profile and report.
 */
export async function prepareDaily(context: CommandContext, options: PrepareDailyOptions) {
  const dataPath = userPath(context, options.data);
  const daily = aggregateDailySales(readDataset(dataPath), { utcOffsetMinutes: options.utcOffset });
  const out = userPath(context, options.out ?? `${dataPath.replace(/\.[^./]+$/, '')}.daily.arrow`);
  const base = out.replace(/\.[^./]+$/, '');
  const prepared = prepareDataset(daily, dailySalesSchema, { maxMissingShare: options.maxMissing });
  const reportPath = `${base}.quality.json`;
  await writeJsonAtomic(reportPath, prepared.report);
  context.logger.info(formatQualityReport(prepared.report));
  if (!prepared.table) {
    const first = prepared.report.issues.find((issue) => issue.severity === 'error')!;
    throw new CliError(
      `daily sales from ${dataPath} failed the quality gate: ${first.message} (report: ${reportPath})`,
    );
  }
  const written = await writePrepared(out, prepared.table, dailySalesSchema);
  const result = {
    passed: true,
    days: prepared.table.numRows,
    path: out,
    report_path: reportPath,
    profile_path: written.profilePath,
  };
  printResult(context, result, `aggregated ${result.days} days → ${out}`);
  return result;
}
