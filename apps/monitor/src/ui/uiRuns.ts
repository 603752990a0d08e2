import { stat } from 'node:fs/promises';
import {
  type ModelRegistry,
  parseRunFilter,
  parseRunSort,
  pathUnder,
  type RunRecord,
  type RunStore,
} from '@mlops/registry';
import { MonitorError } from '../errors';
import type { UiRun, UiRunArtifact, UiRunDetail, UiRunsResponse, UiRunVersion } from './uiTypes';

/** How many runs `GET /api/ui/runs` returns without `limit`: more than the CLI's 20, a study's trials fill a page. */
export const DEFAULT_RUNS_LIMIT = 100;
const MAX_RUNS_LIMIT = 1000;

/**
 * `GET /api/ui/runs?filter=…&filter=…&sort=…&limit=…`: the runs `mlops runs list
 * --filter … --sort … --limit …` lists, parsed by the registry's own parser (a
 * query it refuses is its `bad-query`, 400, with its message), then grouped: a run
 * whose parent matched too is listed under it, in the same order.
 */
export async function listUiRuns(runs: RunStore, query: URLSearchParams): Promise<UiRunsResponse> {
  const filters = query
    .getAll('filter')
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const sort = query.get('sort')?.trim() || null;
  const limit = limitOf(query.get('limit'));
  const matched = await runs.list({
    filters: filters.map(parseRunFilter),
    sort: sort === null ? undefined : parseRunSort(sort),
    limit,
  });
  return { filters, sort, limit, matched: matched.length, runs: grouped(matched) };
}

/**
 * `GET /api/ui/runs/:id`: the run with its artifacts' sizes, its children, the data
 * it used and any model version registered from it. An id the store does not hold
 * is the registry's `unknown-run` (404).
 */
export async function uiRunDetail(
  runs: RunStore,
  registry: ModelRegistry,
  runsRoot: string,
  id: string,
): Promise<UiRunDetail> {
  const run = await runs.get(id);
  const [children, artifacts, versions, parent] = await Promise.all([
    runs.list({ filters: [{ field: 'parentId', op: '=', value: run.id }] }),
    Promise.all(run.artifacts.map((name) => artifactOf(runsRoot, run.id, name))),
    versionsFrom(registry, run.id),
    // A trial records only its own params: the data is its study's.
    run.parentId !== undefined && run.params.data === undefined
      ? runs.get(run.parentId).catch(() => undefined)
      : undefined,
  ]);
  const own = run.params.data;
  const inherited = parent?.params.data;
  return {
    run: uiRun(run, []),
    artifacts,
    data: {
      path: own !== undefined ? String(own) : inherited !== undefined ? String(inherited) : null,
      from_parent: own === undefined && inherited !== undefined,
      versions,
    },
    children: children.map((child) => uiRun(child, [])),
    pid: run.pid ?? null,
    host: run.host ?? null,
  };
}

function limitOf(text: string | null): number {
  if (text === null || text.trim() === '') return DEFAULT_RUNS_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNS_LIMIT) {
    throw new MonitorError(
      'bad-query',
      `limit '${text.slice(0, 40)}' is not a whole number from 1 to ${MAX_RUNS_LIMIT}: write limit=${DEFAULT_RUNS_LIMIT}`,
    );
  }
  return limit;
}

/** Children under the parent when the parent is in the list (at any depth), else at the top level. */
function grouped(matched: readonly RunRecord[]): UiRun[] {
  const ids = new Set(matched.map((run) => run.id));
  const childrenOf = new Map<string, RunRecord[]>();
  for (const run of matched) {
    if (run.parentId && ids.has(run.parentId)) {
      childrenOf.set(run.parentId, [...(childrenOf.get(run.parentId) ?? []), run]);
    }
  }
  const build = (run: RunRecord): UiRun => uiRun(run, (childrenOf.get(run.id) ?? []).map(build));
  return matched.filter((run) => !run.parentId || !ids.has(run.parentId)).map(build);
}

/** A run as the UI's API shows it, with the children given. */
export function uiRun(run: RunRecord, children: UiRun[]): UiRun {
  return {
    id: run.id,
    experiment: run.experiment,
    kind: run.kind,
    status: run.status,
    parent_id: run.parentId ?? null,
    start_time: run.startTime,
    end_time: run.endTime ?? null,
    params: run.params,
    metrics: run.metrics,
    tags: run.tags,
    error: run.error ?? null,
    children,
  };
}

/** The artifact's size from the run's folder (the layout FileSystemRunStore writes), or null when it is gone. */
async function artifactOf(runsRoot: string, id: string, name: string): Promise<UiRunArtifact> {
  try {
    return { name, bytes: (await stat(pathUnder(runsRoot, id, 'artifacts', name))).size };
  } catch {
    return { name, bytes: null };
  }
}

/** Every version of every model whose record names this run (`mlops train --name` writes it). */
async function versionsFrom(registry: ModelRegistry, id: string): Promise<UiRunVersion[]> {
  const models = await registry.listModels();
  const lists = await Promise.all(models.map((model) => registry.listVersions(model)));
  return lists.flatMap((versions, i) =>
    versions
      .filter((v) => v.runId === id)
      .map((v) => ({ model: models[i], version: v.version, data_hash: v.dataHash, data_rows: v.dataRows })),
  );
}
