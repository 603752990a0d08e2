import { parseRunFilter, parseRunSort, type RunRecord } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult } from '../CommandContext';

/** Options of `mlops runs list`. */
export interface ListRunsOptions {
  filter?: string[];
  sort?: string;
  /** @default 20 */
  limit?: number;
  experiment?: string;
}

/** `mlops runs list`: runs matching every filter, sorted, newest first by default. */
export async function listRuns(
  context: CommandContext,
  options: ListRunsOptions,
): Promise<{ runs: RunRecord[] }> {
  const filters = (options.filter ?? []).map(parseRunFilter);
  if (options.experiment) filters.push({ field: 'experiment', op: '=', value: options.experiment });
  const runs = await (await context.stores()).runs.list({
    filters,
    sort: options.sort ? parseRunSort(options.sort) : undefined,
    limit: options.limit ?? 20,
  });
  const rows = runs.map((run) => [
    run.id,
    run.experiment,
    run.kind,
    run.status,
    String(run.params.model ?? ''),
    headline(run),
  ]);
  printResult(context, { runs }, table(['id', 'experiment', 'kind', 'status', 'model', 'metrics'], rows));
  return { runs };
}

/** `mlops runs show <id>`. */
export async function showRun(context: CommandContext, id: string): Promise<RunRecord> {
  const run = await (await context.stores()).runs.get(id);
  printResult(context, run, JSON.stringify(run, null, 2));
  return run;
}

/** `mlops runs compare <id> <id> …`: params and metrics side by side; rows that differ are marked. */
export async function compareRuns(context: CommandContext, ids: string[]): Promise<{ runs: RunRecord[] }> {
  if (ids.length < 2) throw new CliError('runs compare needs at least two run ids');
  const store = (await context.stores()).runs;
  const runs = await Promise.all(ids.map((id) => store.get(id)));
  const keys = (group: 'params' | 'metrics') =>
    [...new Set(runs.flatMap((run) => Object.keys(run[group])))].sort();
  const rows: string[][] = [];
  for (const group of ['params', 'metrics'] as const) {
    for (const key of keys(group)) {
      const values = runs.map((run) => format(run[group][key]));
      rows.push([`${new Set(values).size > 1 ? '*' : ' '} ${group}.${key}`, ...values]);
    }
  }
  printResult(context, { runs }, table(['', ...runs.map((run) => run.id)], rows));
  return { runs };
}

function headline(run: RunRecord): string {
  return Object.entries(run.metrics)
    .filter(([metric]) => ['roc_auc', 'f1', 'r2', 'rmse', 'accuracy', 'score'].includes(metric))
    .map(([metric, value]) => `${metric}=${value.toFixed(4)}`)
    .join(' ');
}

function format(value: number | string | undefined): string {
  if (value === undefined) return '-';
  return typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : String(value);
}

function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return 'no runs match';
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
