import { RegistryError, type RunRecord, type RunStore } from '@mlops/registry';
import { MonitorError } from '../errors';
import { uiRun } from './uiRuns';
import type { UiCompareMetric, UiCompareParam, UiCompareResponse, UiCompareStudy } from './uiTypes';

/** The fewest and the most runs the compare view takes: one run is no comparison, more than ten is unreadable. */
export const COMPARE_MIN_RUNS = 2;
export const COMPARE_MAX_RUNS = 10;

/**
 * `GET /api/ui/compare?runs=ID,ID,…`: the runs side by side: every param with
 * whether the runs differ on it, every metric, and, when all of them are trials
 * of one tuning study, each trial's score on the study's metric. Fewer than 2 ids,
 * more than 10, or an id the store does not hold is `bad-query` (400) naming the
 * parameter and the fix; ids named twice count once.
 */
export async function compareUiRuns(runs: RunStore, query: URLSearchParams): Promise<UiCompareResponse> {
  const ids = idsOf(query);
  const found = await Promise.all(ids.map((id) => runs.get(id).catch((error) => unknownRun(error))));
  const unknown = ids.filter((_, i) => found[i] === undefined);
  if (unknown.length) {
    throw new MonitorError(
      'bad-query',
      `runs= names ${unknown.length === 1 ? 'a run' : 'runs'} the store does not hold (${unknown.join(', ')}): pick run ids from /ui/runs or mlops runs list`,
      { unknown },
    );
  }
  const compared = found as RunRecord[];
  return {
    runs: compared.map((run) => uiRun(run, [])),
    params: paramsOf(compared),
    metrics: metricsOf(compared),
    study: await studyOf(runs, compared),
  };
}

/** The ids of `runs=` (comma-separated; also several `runs=` parameters), in order, each once. */
function idsOf(query: URLSearchParams): string[] {
  const ids = [
    ...new Set(
      query
        .getAll('runs')
        .flatMap((value) => value.split(','))
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  if (ids.length < COMPARE_MIN_RUNS || ids.length > COMPARE_MAX_RUNS) {
    throw new MonitorError(
      'bad-query',
      `runs= names ${ids.length} run${ids.length === 1 ? '' : 's'}: give ${COMPARE_MIN_RUNS} to ${COMPARE_MAX_RUNS} run ids separated by commas, e.g. runs=ID1,ID2`,
      { runs: ids.length },
    );
  }
  return ids;
}

/** Undefined for a run the store does not hold; any other failure goes on to the error handler. */
function unknownRun(error: unknown): undefined {
  if (error instanceof RegistryError && error.code === 'unknown-run') return undefined;
  throw error;
}

function namesOf(runs: readonly RunRecord[], group: 'params' | 'metrics'): string[] {
  return [...new Set(runs.flatMap((run) => Object.keys(run[group])))].sort();
}

function paramsOf(runs: readonly RunRecord[]): UiCompareParam[] {
  return namesOf(runs, 'params').map((name) => {
    const values = runs.map((run) => run.params[name] ?? null);
    // A number and its text are different values (`max_depth: 4` against `'4'`): keep the type in the key.
    const distinct = new Set(values.map((value) => JSON.stringify(value)));
    return { name, values, differs: distinct.size > 1 };
  });
}

function metricsOf(runs: readonly RunRecord[]): UiCompareMetric[] {
  return namesOf(runs, 'metrics').map((name) => ({
    name,
    values: runs.map((run) => (Number.isFinite(run.metrics[name]) ? run.metrics[name] : null)),
  }));
}

/** The study, when every run is a trial of the same `tune` run (the grouping the runs list shows). */
async function studyOf(runs: RunStore, compared: readonly RunRecord[]): Promise<UiCompareStudy | null> {
  const parentId = compared[0].parentId;
  if (parentId === undefined || compared.some((run) => run.parentId !== parentId || run.kind !== 'trial')) {
    return null;
  }
  const parent = await runs.get(parentId).catch(unknownRun);
  if (parent?.kind !== 'tune') return null;
  const metric = typeof parent.params.metric === 'string' ? parent.params.metric : 'score';
  // `mlops tune` records each trial's value of the study's metric as `score` too; a pruned trial may have only that.
  const scoreOf = (run: RunRecord): number | null => {
    const value = run.metrics[metric] ?? run.metrics.score;
    return Number.isFinite(value) ? value : null;
  };
  return { id: parent.id, experiment: parent.experiment, metric, values: compared.map(scoreOf) };
}
