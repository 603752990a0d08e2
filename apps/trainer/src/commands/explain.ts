import { basename, dirname, extname, join } from 'node:path';
import {
  type Column,
  categoricalColumn,
  DataTable,
  numericColumn,
  readDataset,
  writeDataset,
} from '@mlops/features';
import { type FieldExplanation, ModelPipeline, ModelsError } from '@mlops/models';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';

/** Options of `mlops explain`. */
export interface ExplainOptions {
  name: string;
  version?: number;
  /** @default 'production' when no version is given */
  alias?: string;
  data: string;
  /** Where the per-row contributions go (CSV, Arrow or Parquet by extension). @default `<data>.explanations.csv` */
  out?: string;
  naValues?: string[];
  encoding?: 'utf-8' | 'latin1';
}

/** One field's global importance: its mean absolute contribution. */
export interface FieldImportance {
  field: string;
  /** Mean |contribution| over the rows (and, for multiclass, over the classes). */
  mean_abs_contribution: number;
}

/** What `mlops explain` printed. */
export interface ExplainResult {
  name: string;
  version: number;
  rows: number;
  output: FieldExplanation['outputKind'];
  /** Multiclass: the classes explained, one output row each per input row. */
  classes?: Array<number | string>;
  out: string;
  /** Most important first. */
  importance: FieldImportance[];
}

/**
 * Explains a registered version's predictions on a file: writes one line per row (per
 * class and row for multiclass) with the id columns the file has, the output kind, the
 * expected value and each input field's contribution, and prints the fields' global
 * importance (mean |contribution|), most important first.
 */
export async function explain(context: CommandContext, options: ExplainOptions): Promise<ExplainResult> {
  const registry = (await context.stores()).registry;
  const version = await registry.resolve(
    options.name,
    options.version !== undefined ? { version: options.version } : { alias: options.alias ?? 'production' },
  );
  const pipeline = ModelPipeline.fromJSON(await registry.readModelDocument(options.name, version));
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath, { naValues: options.naValues, encoding: options.encoding });
  const missing = pipeline.features.filter((spec) => !table.has(spec.name)).map((spec) => spec.name);
  if (missing.length > 0) {
    throw new CliError(
      `${dataPath} has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}: ${options.name} v${version} needs ${pipeline.features.map((spec) => spec.name).join(', ')}`,
    );
  }
  if (table.numRows === 0) throw new CliError(`${dataPath} has no rows: nothing to explain`);
  let explanation: FieldExplanation;
  try {
    explanation = pipeline.explainTable(table);
  } catch (error) {
    if (!(error instanceof ModelsError) || error.code !== 'bad-argument') throw error;
    throw new CliError(
      `${options.name} v${version} cannot be explained: it was stored without the per-node training row counts explanations need; retrain it with mlops train`,
    );
  }
  const ids = (pipeline.document.idColumns ?? []).map((spec) => spec.name).filter((id) => table.has(id));
  const out = userPath(context, options.out ?? defaultOut(options.data));
  await writeDataset(out, contributionsTable(explanation, table, ids));

  const importance = globalImportance(explanation);
  const result: ExplainResult = {
    name: options.name,
    version,
    rows: table.numRows,
    output: explanation.outputKind,
    ...(explanation.classes ? { classes: explanation.classes } : {}),
    out,
    importance,
  };
  const width = Math.max(...importance.map((item) => item.field.length));
  printResult(
    context,
    result,
    [
      `${options.name} v${version}: contributions to the ${explanation.outputKind.replace('_', '-')} of ${table.numRows} rows written to ${out}`,
      'global importance (mean |contribution|):',
      ...importance.map(
        (item) => `  ${item.field.padEnd(width)}  ${item.mean_abs_contribution.toPrecision(4)}`,
      ),
    ].join('\n'),
  );
  return result;
}

function defaultOut(data: string): string {
  return join(dirname(data), `${basename(data, extname(data))}.explanations.csv`);
}

/** Mean |contribution| per field over rows and outputs, most important first. */
export function globalImportance(e: FieldExplanation): FieldImportance[] {
  const n = e.fields.length;
  const totals = new Float64Array(n);
  for (let i = 0; i < e.contributions.length; i += 1) totals[i % n] += Math.abs(e.contributions[i]);
  const blocks = e.rows * e.outputs;
  return e.fields
    .map((field, f) => ({ field, mean_abs_contribution: totals[f] / blocks }))
    .sort((a, b) => b.mean_abs_contribution - a.mean_abs_contribution || a.field.localeCompare(b.field));
}

/**
 * The explanation as a table: the id columns, `row` (the row's index in the file),
 * `class` (multiclass), `output`, `expected_value`, then one column per field.
 */
function contributionsTable(e: FieldExplanation, table: DataTable, ids: string[]): DataTable {
  const lines = e.rows * e.outputs;
  const rowOf = (line: number) => Math.floor(line / e.outputs);
  const columns: Column[] = ids.map((id) => {
    const source = table.column(id);
    if (source.kind === 'numeric')
      return numericColumn(
        id,
        Float64Array.from({ length: lines }, (_, line) => source.values[rowOf(line)]),
      );
    const values = Array.from({ length: lines }, (_, line) => {
      const code = source.codes[rowOf(line)];
      return code < 0 ? null : source.dictionary[code];
    });
    return categoricalColumn(id, values);
  });
  columns.push(
    numericColumn(
      'row',
      Float64Array.from({ length: lines }, (_, line) => rowOf(line)),
    ),
  );
  if (e.classes) {
    const labels = e.classes;
    columns.push(
      categoricalColumn(
        'class',
        Array.from({ length: lines }, (_, line) => String(labels[line % e.outputs])),
      ),
    );
  }
  columns.push(categoricalColumn('output', new Array<string>(lines).fill(e.outputKind)));
  columns.push(
    numericColumn(
      'expected_value',
      Float64Array.from({ length: lines }, (_, line) => e.expectedValue[line % e.outputs]),
    ),
  );
  const n = e.fields.length;
  e.fields.forEach((field, f) => {
    columns.push(
      numericColumn(
        field,
        Float64Array.from({ length: lines }, (_, line) => e.contributions[line * n + f]),
      ),
    );
  });
  return new DataTable(columns);
}
