import { existsSync, readFileSync } from 'node:fs';
import {
  type DatasetSchema,
  datasetGenerators,
  formatQualityReport,
  inferSchema,
  prepareDataset,
  profileTable,
  type QualityReport,
  readDataset,
  writeArrowFile,
  writeJsonAtomic,
} from '@mlops/features';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { schemaPathFor } from './generate';

/** Options of `mlops prepare`. */
export interface PrepareOptions {
  data: string;
  target?: string;
  /** A generator's name (`churn`) or a schema JSON file; else the file's sidecar schema, else inferred. */
  schema?: string;
  /** @default `<data>.prepared.arrow` */
  out?: string;
  /** @default 0.05 */
  maxMissing?: number;
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
}

/**
 * The data-quality gate as a command: checks the data against its schema and,
 * when it passes, writes the cleaned Arrow file, its schema, its baseline profile
 * and the quality report. A rejected dataset writes only the report and fails.
 */
export async function prepare(context: CommandContext, options: PrepareOptions): Promise<PrepareResult> {
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath);
  const schema = resolveSchema(context, dataPath, table, options);
  const out = userPath(context, options.out ?? `${dataPath.replace(/\.[^./]+$/, '')}.prepared.arrow`);
  const base = out.replace(/\.[^./]+$/, '');
  const prepared = prepareDataset(table, schema, { maxMissingShare: options.maxMissing });
  const reportPath = `${base}.quality.json`;
  await writeJsonAtomic(reportPath, prepared.report);
  context.logger.info(formatQualityReport(prepared.report));
  if (!prepared.table) {
    const firstError = prepared.report.issues.find((issue) => issue.severity === 'error')!;
    throw new CliError(
      `${dataPath} failed the quality gate: ${firstError.message} (report: ${reportPath})`,
      1,
      {
        passed: false,
        rows: table.numRows,
        report_path: reportPath,
        report: prepared.report,
      },
    );
  }
  const ids = schema.columns
    .filter((column) => column.role === 'id' || column.role === 'time')
    .map((c) => c.name);
  const profilePath = `${base}.profile.json`;
  await writeJsonAtomic(profilePath, profileTable(prepared.table, { target: schema.target, exclude: ids }));
  await writeJsonAtomic(schemaPathFor(out), schema);
  await writeArrowFile(out, prepared.table);
  const result: PrepareResult = {
    passed: true,
    rows: prepared.table.numRows,
    path: out,
    report_path: reportPath,
    profile_path: profilePath,
    schema_path: schemaPathFor(out),
    report: prepared.report,
  };
  printResult(context, result, `prepared ${result.rows} rows → ${out}`);
  return result;
}

function resolveSchema(
  context: CommandContext,
  dataPath: string,
  table: ReturnType<typeof readDataset>,
  options: PrepareOptions,
): DatasetSchema {
  let schema: DatasetSchema | undefined;
  if (options.schema && datasetGenerators[options.schema]) schema = datasetGenerators[options.schema].schema;
  else if (options.schema) schema = readSchemaFile(userPath(context, options.schema));
  else if (existsSync(schemaPathFor(dataPath))) schema = readSchemaFile(schemaPathFor(dataPath));
  if (schema) {
    if (options.target && options.target !== schema.target) schema = { ...schema, target: options.target };
    return schema;
  }
  if (!options.target)
    throw new CliError('--target is required when the data has no schema: name the label column');
  return inferSchema(table, {
    name: dataPath.replace(/^.*\//, '').replace(/\.[^.]+$/, ''),
    target: options.target,
  });
}

/** Reads a schema JSON file, with an error naming the file when it is not one. */
export function readSchemaFile(path: string): DatasetSchema {
  try {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as DatasetSchema;
    if (!Array.isArray(schema.columns) || typeof schema.target !== 'string')
      throw new Error('no columns or target');
    return schema;
  } catch (error) {
    throw new CliError(
      `${path} is not a dataset schema (${(error as Error).message}): fix it or pass --schema`,
    );
  }
}
