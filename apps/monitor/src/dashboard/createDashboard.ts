import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { storeLayout } from '@mlops/registry';
import { readLog } from '../log/readLog';
import { type DashboardSummary, dashboardSummary, logToCsv } from './dashboardData';
import { dashboardPage } from './dashboardPage';
import { DriftMetrics } from './driftMetrics';

/** Settings of the dashboard server. */
export interface DashboardConfig {
  home: string;
  defaultModel: string;
  /** Page refresh interval. @default 10 */
  refreshSeconds?: number;
  /** Summaries are reused for this long, so many open pages do not re-read the log. @default 2000 */
  cacheMs?: number;
  /** Latest scheduled checks, served at `/metrics` for Prometheus. */
  metrics?: DriftMetrics;
}

/**
 * The dashboard as a plain `node:http` server (not listening yet): the page
 * at `/`, its JSON at `/api/summary`, `/api/versions`, `/api/predictions`,
 * the log as CSV at `/export.csv`, the latest scheduled checks as Prometheus
 * gauges at `/metrics`, and ECharts from the monitor's own
 * node_modules at `/assets/echarts.min.js`. Errors are
 * `{"error": {"code", "message", "details"}}`.
 */
export function createDashboard(config: DashboardConfig): Server {
  const echarts = readFileSync(require.resolve('echarts/dist/echarts.min.js'));
  const cache = new Map<string, { at: number; summary: Promise<DashboardSummary> }>();
  const summary = (model: string): Promise<DashboardSummary> => {
    const hit = cache.get(model);
    if (hit && Date.now() - hit.at < (config.cacheMs ?? 2000)) return hit.summary;
    const fresh = dashboardSummary({ home: config.home, model });
    cache.set(model, { at: Date.now(), summary: fresh });
    fresh.catch(() => cache.delete(model));
    return fresh;
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const notFound = /no model named|unknown/i.test(message);
      sendJson(response, notFound ? 404 : 500, {
        error: { code: notFound ? 'not-found' : 'internal', message, details: [] },
      });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const model = url.searchParams.get('model') || config.defaultModel;
    if (request.method !== 'GET') {
      sendJson(response, 405, {
        error: { code: 'method-not-allowed', message: 'only GET is served', details: [] },
      });
      return;
    }
    switch (url.pathname) {
      case '/':
        send(response, 200, 'text/html; charset=utf-8', dashboardPage(model, config.refreshSeconds ?? 10));
        return;
      case '/assets/echarts.min.js':
        send(response, 200, 'text/javascript; charset=utf-8', echarts, 'public, max-age=86400');
        return;
      case '/api/summary':
        sendJson(response, 200, await summary(model));
        return;
      case '/api/versions':
        sendJson(response, 200, { model, ...pick(await summary(model), ['live_version', 'versions']) });
        return;
      case '/api/predictions': {
        const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit')) || 50));
        const log = await readLog({ dir: storeLayout(config.home).predictions, model });
        sendJson(response, 200, { model, predictions: log.records.slice(-limit).reverse() });
        return;
      }
      case '/export.csv': {
        const log = await readLog({ dir: storeLayout(config.home).predictions, model });
        response.setHeader('content-disposition', `attachment; filename="${model}-predictions.csv"`);
        send(response, 200, 'text/csv; charset=utf-8', logToCsv(log.records));
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
        sendJson(response, 404, {
          error: { code: 'not-found', message: `no route ${url.pathname}`, details: [] },
        });
    }
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache = 'no-store',
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': cache });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
