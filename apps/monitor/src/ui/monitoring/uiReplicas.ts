import type { UiReplica, UiReplicasResponse } from '../uiTypes';
import { parsePrometheusText } from './prometheusText';

/** A replica that takes longer than this to answer `/metrics` is shown as down. */
const SCRAPE_TIMEOUT_MS = 2_000;

/**
 * `GET /api/ui/replicas?model=`: each API replica of `MLOPS_API_URLS` scraped once at
 * `/metrics` (its prom-client counters since it started): requests by status, the
 * 4xx and 5xx among them, and the model's served predictions by version (shadow predictions are
 * not served: left out of them) and all its predictions by role. A replica that does
 * not answer, answers an error status or something that is not Prometheus text is
 * listed as down with the reason; it never fails the page.
 */
export async function uiReplicas(urls: readonly string[], model: string | null): Promise<UiReplicasResponse> {
  const replicas = await Promise.all(urls.map((url) => scrape(url, model)));
  return { configured: urls.length > 0, scraped_at: new Date().toISOString(), replicas };
}

async function scrape(url: string, model: string | null): Promise<UiReplica> {
  const down = (error: string): UiReplica => ({
    url,
    up: false,
    error,
    requests_by_status: {},
    requests: 0,
    server_errors: 0,
    client_errors: 0,
    predictions_by_version: {},
    predictions_by_role: {},
  });
  let text: string;
  try {
    const response = await fetch(new URL('/metrics', url), {
      signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
    });
    if (!response.ok) return down(`/metrics answered ${response.status}`);
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as Error).name;
    return down(
      name === 'TimeoutError'
        ? `no answer within ${SCRAPE_TIMEOUT_MS} ms`
        : `not reachable${cause ? ` (${cause})` : ''}`,
    );
  }
  let samples: ReturnType<typeof parsePrometheusText>['samples'];
  try {
    ({ samples } = parsePrometheusText(text));
  } catch (error) {
    return down(`/metrics is not Prometheus text: ${(error as Error).message}`);
  }
  const byStatus: Record<string, number> = {};
  const byVersion: Record<string, number> = {};
  const byRole: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.name === 'http_requests_total') {
      const status = sample.labels.status ?? 'unknown';
      byStatus[status] = (byStatus[status] ?? 0) + sample.value;
    } else if (
      sample.name === 'mlops_predictions_total' &&
      (model === null || sample.labels.model === model)
    ) {
      // A shadow's predictions are scored off the response path: never served traffic.
      const role = sample.labels.role ?? 'champion';
      byRole[role] = (byRole[role] ?? 0) + sample.value;
      if (role === 'shadow') continue;
      const version = sample.labels.version ?? 'unknown';
      byVersion[version] = (byVersion[version] ?? 0) + sample.value;
    }
  }
  const sum = (test: (status: string) => boolean) =>
    Object.entries(byStatus).reduce((total, [status, count]) => total + (test(status) ? count : 0), 0);
  return {
    url,
    up: true,
    error: null,
    requests_by_status: byStatus,
    requests: sum(() => true),
    server_errors: sum((s) => s.startsWith('5')),
    client_errors: sum((s) => s.startsWith('4')),
    predictions_by_version: byVersion,
    predictions_by_role: byRole,
  };
}
