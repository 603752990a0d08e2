import { formatQualityReport, prepareDataset, type QualityReport, writeJsonAtomic } from '@mlops/features';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { columnRoles, type DataOptions, describeColumns, loadDataset } from '../data/loadDataset';
import { writePrepared } from '../data/writePrepared';

/** Options of `mlops prepare`. */
export interface PrepareOptions extends DataOptions {
  /** @default `<data>.prepared.arrow` */
  out?: string;
  /** @default 0.05 */
  maxMissing?: number;
  /** Most distinct values of a categorical feature. @default 1000, and at most half the rows */
  maxCategories?: number;
}

/** What `mlops prepare` wrote. */
export interface PrepareResult {
  passed: boolean;
  rows: number;
  path?: string;
  report_path: string;
  profile_path?: string;
  schema_path?: string;
  report: QualityReport;
  columns: ReturnType<typeof columnRoles>;
}

/**
 * The data-quality gate as a command: works out the schema (given, or inferred
 * with every column's role printed), checks the data against it and, when it
 * passes, writes the cleaned file, its schema, its baseline profile and the
 * quality report. A rejected dataset writes only the report and fails.
 */
export async function prepare(context: CommandContext, options: PrepareOptions): Promise<PrepareResult> {
  const data = loadDataset(context, options, false);
  const { table, schema, dataPath } = data;
  context.logger.info(describeColumns(data));
  const out = userPath(context, options.out ?? `${dataPath.replace(/\.[^./]+$/, '')}.prepared.arrow`);
  const base = out.replace(/\.[^./]+$/, '');
  const prepared = prepareDataset(table, schema, {
    maxMissingShare: options.maxMissing,
    maxCategories: options.maxCategories,
  });
  const reportPath = `${base}.quality.json`;
  await writeJsonAtomic(reportPath, prepared.report);
  context.logger.info(formatQualityReport(prepared.report));
  const columns = columnRoles(schema);
  if (!prepared.table) {
    const firstError = prepared.report.issues.find((issue) => issue.severity === 'error')!;
    throw new CliError(
      `${dataPath} failed the quality gate: ${firstError.message} (report: ${reportPath})`,
      1,
      { passed: false, rows: table.numRows, report_path: reportPath, report: prepared.report, columns },
    );
  }
  const written = await writePrepared(out, prepared.table, schema);
  const result: PrepareResult = {
    passed: true,
    rows: prepared.table.numRows,
    path: out,
    report_path: reportPath,
    profile_path: written.profilePath,
    schema_path: written.schemaPath,
    report: prepared.report,
    columns,
  };
  printResult(context, result, `prepared ${result.rows} rows → ${out}`);
  return result;
}
