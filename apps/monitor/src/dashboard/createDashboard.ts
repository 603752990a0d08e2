import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import {
  fileSystemStores,
  isModelName,
  PredictionLogReader,
  type PredictionLogWindows,
  type PredictionRecord,
  type Stores,
  storeLayout,
} from '@mlops/registry';
import { isLoopbackHost } from '../config';
import { MonitorError } from '../errors';
import { readLog } from '../log/readLog';
import { streamStoreLog } from '../log/streamStoreLog';
import { loginLocation, returnPathOf } from '../ui/returnPath';
import { answerUiModelAction, isUiModelAction } from '../ui/uiModelActions';
import { UI_CSS, UI_HTML } from '../ui/uiPage';
import { answerUiApi, isUiPage } from '../ui/uiRoutes';
import { DashboardAccess } from './access';
import { type DashboardSummary, dashboardSummary, logToCsv } from './dashboardData';
import { DASHBOARD_CSS, DASHBOARD_HTML, LOGIN_FAILED_HTML, LOGIN_HTML } from './dashboardPage';
import { DriftMetrics } from './driftMetrics';
import { readForm, send, sendError, sendJson } from './http';
import { httpErrorFor } from './httpStatus';
import { setSecurityHeaders } from './securityHeaders';

/** Settings of the dashboard server. */
export interface DashboardConfig {
  home: string;
  /**
   * The registry and run store (`openStores` of @mlops/registry; `monitor serve` passes
   * the ones MLOPS_DATABASE_URL chose). @default the filesystem stores under `home`
   */
  stores?: Stores;
  defaultModel: string;
  /** Page refresh interval. @default 10 */
  refreshSeconds?: number;
  /** Summaries are reused for this long, so many open pages do not re-read the log. @default 2000 */
  cacheMs?: number;
  /** Latest scheduled checks, served at `/metrics` for Prometheus. */
  metrics?: DriftMetrics;
  /** `MLOPS_API_KEY`: when set, every data route needs it (bearer header or the login cookie). */
  apiKey?: string;
  /** `MLOPS_API_URLS`: API replicas whose `/metrics` the UI's monitoring view reads. @default none */
  apiUrls?: readonly string[];
  /** Told about every unexpected error (answered 500 without its message). */
  onError?: (error: unknown) => void;
}

/** The bundled browser scripts (esbuild, `scripts/bundleClient.mjs` → `dist/client/`), from src or dist. */
const CLIENT_SCRIPT = resolve(__dirname, '../../dist/client/dashboard.js');
const UI_SCRIPT = resolve(__dirname, '../../dist/client/ui.js');
const UI_CHARTS_SCRIPT = resolve(__dirname, '../../dist/client/ui-charts.js');

/** Routes anyone may call: health, login, and static code (no data in it). */
const PUBLIC = new Set([
  '/health',
  '/login',
  '/logout',
  '/assets/dashboard.js',
  '/assets/dashboard.css',
  '/assets/ui.js',
  '/assets/ui-charts.js',
  '/assets/ui.css',
]);

/**
 * The dashboard as a plain `node:http` server (not listening yet): the static
 * page at `/` (its script and styles under `/assets/`), its JSON at
 * `/api/summary`, `/api/versions`, `/api/predictions`, the log as CSV at
 * `/export.csv`, Prometheus gauges at `/metrics`, a login form at `/login`;
 * the web UI's pages under `/ui/` (one static page, routed in the browser) and
 * its read-only JSON under `/api/ui/` (models and runs).
 * With a key every route but `/health`, `/login` and `/assets/*` needs it;
 * without one, only requests addressed to a loopback name are answered (a DNS
 * rebinding page cannot read it). `?model=` must follow the registry's name
 * rule and be one of the registry's models before it is used anywhere.
 * Security headers (CSP without inline script, nosniff, no referrer, no
 * framing) are on every response; errors are `{"error": {"code", "message", "details"}}`.
 */
export function createDashboard(config: DashboardConfig): Server {
  for (const script of [CLIENT_SCRIPT, UI_SCRIPT, UI_CHARTS_SCRIPT]) {
    if (!existsSync(script)) {
      throw new MonitorError('bad-config', `the dashboard's script ${script} is missing: run pnpm build`);
    }
  }
  const client = readFileSync(CLIENT_SCRIPT);
  const uiClient = readFileSync(UI_SCRIPT);
  const uiCharts = readFileSync(UI_CHARTS_SCRIPT);
  const access = new DashboardAccess(config.apiKey);
  const { registry, runs, predictionLog } = config.stores ?? fileSystemStores(config.home);
  const cache = new Map<string, { at: number; summary: Promise<DashboardSummary> }>();
  const summary = (model: string): Promise<DashboardSummary> => {
    const hit = cache.get(model);
    if (hit && Date.now() - hit.at < (config.cacheMs ?? 2000)) return hit.summary;
    const fresh = dashboardSummary({ home: config.home, registry, model, log: predictionLog });
    cache.set(model, { at: Date.now(), summary: fresh });
    fresh.catch(() => cache.delete(model));
    return fresh;
  };

  /** The `?model=` asked for (or the default), checked against the name rule, then the registry's list. */
  async function modelOf(url: URL): Promise<string> {
    const model = url.searchParams.get('model') || config.defaultModel;
    if (!isModelName(model)) {
      throw new MonitorError(
        'bad-model-name',
        `model ${JSON.stringify(model)} is not a model name: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
      );
    }
    const models = await registry.listModels();
    if (!models.includes(model)) {
      throw new MonitorError(
        'unknown-model',
        `no model named '${model}' in the registry (models: ${models.join(', ') || 'none'})`,
        { models },
      );
    }
    return model;
  }

  return createServer((request, response) => {
    response.setHeader('x-request-id', randomUUID());
    setSecurityHeaders(request, response);
    handle(request, response).catch((error: unknown) => {
      const { status, code } = httpErrorFor(error);
      if (status >= 500) config.onError?.(error);
      const message =
        status >= 500
          ? "the dashboard could not answer: see the monitor's log"
          : (error as Error).message.split('\n')[0];
      const details =
        error instanceof MonitorError && Object.keys(error.details).length ? [error.details] : [];
      if (!response.headersSent) sendError(response, status, code, message, details);
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!access.required && !isLoopbackHost(hostname(request))) {
      sendError(
        response,
        403,
        'forbidden-host',
        'without a key this dashboard answers only requests to localhost or 127.0.0.1: set MLOPS_API_KEY to serve it under other names',
      );
      return;
    }
    if (request.method === 'POST' && (path === '/login' || path === '/logout')) {
      await (path === '/login' ? logIn(request, response) : logOut(response));
      return;
    }
    if (request.method === 'POST' && isUiModelAction(path)) {
      await writeAsAdmin(request, response, path, url.search);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(
        response,
        405,
        'method-not-allowed',
        "only GET is served (and POST to /login and the UI's promote and rollback)",
        [],
        {
          allow: 'GET, HEAD',
        },
      );
      return;
    }
    if (!PUBLIC.has(path)) {
      const verdict = access.check(request);
      if (verdict === 'missing' || verdict === 'wrong') {
        refuse(response, path, url.search, verdict);
        return;
      }
    }
    if (path.startsWith('/api/ui/')) {
      await answerUiApi(
        url,
        {
          registry,
          runs,
          home: config.home,
          log: predictionLog,
          runsRoot: storeLayout(config.home).runs,
          apiUrls: config.apiUrls,
        },
        response,
      );
      return;
    }
    if (isUiPage(path)) {
      send(response, 200, 'text/html; charset=utf-8', UI_HTML);
      return;
    }
    switch (path) {
      case '/':
        send(response, 200, 'text/html; charset=utf-8', DASHBOARD_HTML);
        return;
      case '/login':
        send(response, 200, 'text/html; charset=utf-8', LOGIN_HTML);
        return;
      case '/assets/dashboard.js':
        send(response, 200, 'text/javascript; charset=utf-8', client, { 'cache-control': 'no-cache' });
        return;
      case '/assets/ui.js':
        send(response, 200, 'text/javascript; charset=utf-8', uiClient, { 'cache-control': 'no-cache' });
        return;
      case '/assets/ui-charts.js':
        send(response, 200, 'text/javascript; charset=utf-8', uiCharts, { 'cache-control': 'no-cache' });
        return;
      case '/assets/ui.css':
        send(response, 200, 'text/css; charset=utf-8', UI_CSS, { 'cache-control': 'no-cache' });
        return;
      case '/assets/dashboard.css':
        send(response, 200, 'text/css; charset=utf-8', DASHBOARD_CSS, { 'cache-control': 'no-cache' });
        return;
      case '/api/summary':
        sendJson(response, 200, {
          ...(await summary(await modelOf(url))),
          refresh_seconds: config.refreshSeconds ?? 10,
        });
        return;
      case '/api/versions': {
        const model = await modelOf(url);
        const { live_version, versions } = await summary(model);
        sendJson(response, 200, { model, live_version, versions });
        return;
      }
      case '/api/predictions': {
        const model = await modelOf(url);
        const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit')) || 50));
        // The newest come from the folds cached beside the log, as the summary's do (one cache
        // for every limit: the fold keeps the most a request may ask for).
        const log = await streamStoreLog({
          dir: storeLayout(config.home).predictions,
          model,
          config: { version: null, recent: 1000 },
          // On PostgreSQL only the newest 1,000 rows are read (the index backwards), not the table.
          window: { kind: 'rows', rows: 1000, label: 'recent' },
          log: predictionLog,
        });
        sendJson(response, 200, { model, predictions: log.fold.recent.slice(-limit).reverse() });
        return;
      }
      case '/export.csv': {
        const model = await modelOf(url);
        const log =
          predictionLog instanceof PredictionLogReader
            ? await readLog({ dir: storeLayout(config.home).predictions, model })
            : await readStoreRecords(predictionLog, model);
        // RFC 6266 `filename=`, from [a-z0-9_-] only: the name is checked already, this keeps it so.
        const file = `${model.replace(/[^a-z0-9_-]/g, '')}-predictions.csv`;
        send(response, 200, 'text/csv; charset=utf-8', logToCsv(log.records), {
          'content-disposition': `attachment; filename="${file}"`,
        });
        return;
      }
      case '/metrics':
        send(
          response,
          200,
          'text/plain; version=0.0.4; charset=utf-8',
          (config.metrics ?? new DriftMetrics()).render(),
        );
        return;
      case '/health':
        sendJson(response, 200, { status: 'ok' });
        return;
      default:
        sendError(response, 404, 'not-found', `no route ${path}`);
    }
  }

  /**
   * The UI's promote and rollback: they move production, so they need the admin key
   * whatever the read routes need. With no key configured the dashboard is open for
   * reading on loopback, and writes are refused (403 `key-required`); with one, the
   * bearer header or the login's session cookie (SameSite=Strict: another site's page
   * cannot send it) must hold it (401 otherwise).
   */
  async function writeAsAdmin(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    search: string,
  ): Promise<void> {
    if (!access.required) {
      sendError(
        response,
        403,
        'key-required',
        'promote and rollback need the admin key: start monitor serve with MLOPS_API_KEY set, then log in at /login',
      );
      return;
    }
    const verdict = access.check(request);
    if (verdict === 'missing' || verdict === 'wrong') {
      refuse(response, path, search, verdict);
      return;
    }
    await answerUiModelAction(request, path, registry, response);
  }

  /** The login form's POST: the key, compared in constant time, sets the session cookie. */
  async function logIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await readForm(request);
    if (!form) {
      sendError(
        response,
        400,
        'bad-form',
        'send the key as an application/x-www-form-urlencoded form (at most 4 KB)',
      );
      return;
    }
    // Back to the UI page the browser asked for before the form (`?next=`), else the dashboard.
    const back =
      returnPathOf(new URL(request.url ?? '/', 'http://localhost').searchParams.get('next')) ?? '/';
    if (!access.required) {
      send(response, 303, 'text/plain; charset=utf-8', 'no key needed', { location: back });
      return;
    }
    if (!access.matches(form.get('key') ?? '')) {
      send(response, 401, 'text/html; charset=utf-8', LOGIN_FAILED_HTML);
      return;
    }
    const secure = request.headers['x-forwarded-proto'] === 'https' || 'encrypted' in request.socket;
    send(response, 303, 'text/plain; charset=utf-8', 'logged in', {
      location: back,
      'set-cookie': access.sessionCookie(secure),
    });
  }

  function logOut(response: ServerResponse): void {
    send(response, 303, 'text/plain; charset=utf-8', 'logged out', {
      location: '/login',
      'set-cookie': access.clearedCookie(),
    });
  }
}

/** A request without the key: the page sends browsers to the login form, everything else is a 401. */
function refuse(response: ServerResponse, path: string, search: string, verdict: 'missing' | 'wrong'): void {
  if (path === '/' || isUiPage(path)) {
    send(response, 303, 'text/plain; charset=utf-8', 'log in first', {
      location: loginLocation(isUiPage(path) ? path + search : path),
    });
    return;
  }
  sendError(
    response,
    401,
    'unauthorized',
    verdict === 'wrong'
      ? "the bearer token or session is not the dashboard's key (MLOPS_API_KEY)"
      : "send 'Authorization: Bearer <MLOPS_API_KEY>', or log in at /login",
    [],
    { 'www-authenticate': 'Bearer realm="mlops-monitor"' },
  );
}

/** The host name the request was addressed to (from the Host header), lower case, or '' when unreadable. */
function hostname(request: IncomingMessage): string {
  try {
    return new URL(`http://${request.headers.host ?? ''}`).hostname;
  } catch {
    return '';
  }
}

/** The whole log of `model` from a store other than the files (the CSV export holds every record by design). */
async function readStoreRecords(
  log: PredictionLogWindows,
  model: string,
): Promise<{ records: PredictionRecord[] }> {
  const records: PredictionRecord[] = [];
  await log.readWindow({ model }, { onRecord: (record) => records.push(record) });
  return { records };
}
