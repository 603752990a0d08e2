import type { ServerResponse } from 'node:http';
import type { ModelRegistry, PredictionLogWindows, RunStore } from '@mlops/registry';
import { sendError, sendJson } from '../dashboard/http';
import { MonitorError } from '../errors';
import { uiChallenger } from './monitoring/uiChallenger';
import { uiDrift } from './monitoring/uiDrift';
import { uiReplicas } from './monitoring/uiReplicas';
import { uiServing } from './monitoring/uiServing';
import { compareUiRuns } from './uiCompare';
import { uiImportance } from './uiImportance';
import { listUiModels, requireUiModel, uiModelDetail } from './uiModels';
import { listUiRuns, uiRunDetail } from './uiRuns';

/** The stores the UI's API reads: the registry, the run store, and the store's folders. */
export interface UiStores {
  registry: ModelRegistry;
  runs: RunStore;
  home: string;
  /** Where the run store keeps each run's folder (artifacts are sized from there). */
  runsRoot: string;
  /** The prediction log (`openStores`' `predictionLog`). @default the segment files under `home` */
  log?: PredictionLogWindows;
  /** `MLOPS_API_URLS`: the API replicas whose `/metrics` the monitoring view reads. @default none */
  apiUrls?: readonly string[];
}

/** Where the web UI's pages live: every path under it gets the same static page, routed in the browser. */
export const UI_PREFIX = '/ui';

/** Whether `path` is one of the web UI's pages (`/ui`, `/ui/models`, `/ui/models/churn`…). */
export function isUiPage(path: string): boolean {
  return path === UI_PREFIX || path.startsWith(`${UI_PREFIX}/`);
}

/**
 * Answers the web UI's read-only JSON API under `/api/ui/`: `models` (every model),
 * `models/<name>` (one model's versions and audit trail), `runs?filter=…&sort=…&limit=…`
 * (runs as `mlops runs list` queries them), `runs/<id>` (one run) and `compare?runs=ID,ID,…`
 * (2 to 10 runs side by side), and the monitoring views' `models/<name>/drift` (stored
 * drift checks), `models/<name>/serving` (traffic from the prediction log),
 * `models/<name>/challenger` (champion vs canary and shadow on the window),
 * `models/<name>/importance?version=` (a version's global importance) and
 * `replicas?model=` (the API replicas' `/metrics`). Anything else under
 * the prefix is a 404 in the contract's error shape. Errors thrown here reach the
 * dashboard's one error handler, which maps their code to a status.
 */
export async function answerUiApi(url: URL, stores: UiStores, response: ServerResponse): Promise<void> {
  const path = url.pathname;
  const { registry, home } = stores;
  const parts = path.slice('/api/ui/'.length).split('/');
  if (parts.length === 1 && parts[0] === 'models') {
    sendJson(response, 200, await listUiModels(registry, home));
    return;
  }
  if (parts.length === 2 && parts[0] === 'models') {
    sendJson(response, 200, await uiModelDetail(registry, home, decodedName(parts[1])));
    return;
  }
  if (parts.length === 3 && parts[0] === 'models' && parts[2] === 'drift') {
    sendJson(
      response,
      200,
      await uiDrift(registry, home, decodedName(parts[1]), url.searchParams, stores.log),
    );
    return;
  }
  if (parts.length === 3 && parts[0] === 'models' && parts[2] === 'serving') {
    sendJson(
      response,
      200,
      await uiServing(registry, home, decodedName(parts[1]), url.searchParams, stores.log),
    );
    return;
  }
  if (parts.length === 3 && parts[0] === 'models' && parts[2] === 'challenger') {
    sendJson(
      response,
      200,
      await uiChallenger(registry, home, decodedName(parts[1]), url.searchParams, stores.log),
    );
    return;
  }
  if (parts.length === 3 && parts[0] === 'models' && parts[2] === 'importance') {
    sendJson(response, 200, await uiImportance(registry, home, decodedName(parts[1]), url.searchParams));
    return;
  }
  if (parts.length === 1 && parts[0] === 'replicas') {
    sendJson(response, 200, await uiReplicas(stores.apiUrls ?? [], await replicaModel(stores, url)));
    return;
  }
  if (parts.length === 1 && parts[0] === 'runs') {
    sendJson(response, 200, await listUiRuns(stores.runs, url.searchParams));
    return;
  }
  if (parts.length === 2 && parts[0] === 'runs') {
    // Run ids are `[\w-]+`: the store refuses anything else as an unknown run (404).
    sendJson(response, 200, await uiRunDetail(stores.runs, registry, stores.runsRoot, parts[1]));
    return;
  }
  if (parts.length === 1 && parts[0] === 'compare') {
    sendJson(response, 200, await compareUiRuns(stores.runs, url.searchParams));
    return;
  }
  sendError(
    response,
    404,
    'not-found',
    `no route ${path}: the UI's API has /api/ui/models, /api/ui/models/<name>, /api/ui/runs, /api/ui/runs/<id>, /api/ui/compare?runs=…, /api/ui/models/<name>/drift, /api/ui/models/<name>/serving, /api/ui/models/<name>/challenger, /api/ui/models/<name>/importance?version= and /api/ui/replicas`,
  );
}

/** The path segment as text; a broken percent-escape is a bad name (400), not a server error. */
export function decodedName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MonitorError(
      'bad-model-name',
      `the model name in the path is not valid percent-encoding (${segment.slice(0, 80)}): encode it with encodeURIComponent`,
    );
  }
}

/** `model=` of the replicas route: checked as every model name is (400, 404), or null for every model. */
async function replicaModel(stores: UiStores, url: URL): Promise<string | null> {
  const model = url.searchParams.get('model');
  if (model === null || model === '') return null;
  await requireUiModel(stores.registry, model);
  return model;
}
