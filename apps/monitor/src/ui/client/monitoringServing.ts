import { timeAxisLabels } from '../../report/timeAxisLabels';
import type { UiReplicasResponse, UiServingResponse } from '../uiTypes';
import { el, fmt, table } from './dom';
import type { MonitoringSection } from './monitoringDrift';

/**
 * Serving (`/api/ui/models/<name>/serving`): predictions per minute, latency p50/p95/p99
 * per bucket and the positive rate over the range, one line per version (no count mixes
 * two versions), and each version's predictions and latency percentiles (`latency_ms` of the log).
 */
export function servingSection(data: UiServingResponse): MonitoringSection {
  const rate = el('div', { class: 'line-chart', id: 'serving-rate' });
  const positive = el('div', { class: 'line-chart', id: 'serving-positive-rate' });
  const latency = el('div', { class: 'line-chart', id: 'serving-latency' });
  const binary = data.traffic.some((t) => t.positive_rate !== null);
  const element = el(
    'section',
    { id: 'serving' },
    el('h2', {}, 'Serving (prediction log)'),
    data.traffic.length === 0
      ? el(
          'p',
          { id: 'no-traffic', class: 'muted' },
          `No logged prediction of ${data.version === null ? data.model : `${data.model} v${data.version}`} in this range.`,
        )
      : el(
          'div',
          {},
          el(
            'p',
            { id: 'serving-window', class: 'muted' },
            `${data.window.from} to ${data.window.to} (${data.window.range === 'custom' ? 'a custom range, both ends included' : 'the range ends at the newest logged prediction'}), in buckets of ${data.bucket_minutes} min; rate = predictions ÷ minutes of the bucket inside the range, so a partial last bucket is not a drop.`,
          ),
          rate,
          latency,
          binary ? positive : '',
          table(
            'traffic',
            ['version', 'predictions', 'latency p50 (ms)', 'p90', 'p99', 'max'],
            data.traffic,
            (t) => [
              `v${t.version}`,
              t.rows,
              fmt(t.latency?.p50),
              fmt(t.latency?.p90),
              fmt(t.latency?.p99),
              fmt(t.latency?.max),
            ],
          ),
          el(
            'p',
            { class: 'muted' },
            'The log holds answered predictions only: error rates come from the API replicas below.',
          ),
        ),
  );
  return {
    element,
    draw(charts) {
      if (data.traffic.length === 0) return;
      const time = timeAxisLabels(data.buckets);
      const version = (v: number) => `v${v}`;
      charts.lines(rate, {
        title: 'Predictions per minute, by version',
        labels: time.labels,
        caption: time.caption,
        yName: 'per min',
        min: 0,
        lines: data.traffic.map((t) => ({
          name: version(t.version),
          values: t.counts.map((count, i) => count / Math.max(1, data.bucket_covered_minutes[i])),
        })),
      });
      // Each version's p50, p95 and p99 per bucket: one line each, named in the legend.
      charts.lines(latency, {
        title: 'Latency per bucket (ms): p50, p95, p99 by version',
        labels: time.labels,
        caption: time.caption,
        yName: 'ms',
        min: 0,
        lines: data.traffic.flatMap((t) =>
          (['p50', 'p95', 'p99'] as const).map((p) => ({
            name: `${version(t.version)} ${p}`,
            values: t.latency_over_time[p],
          })),
        ),
      });
      if (binary) {
        charts.lines(positive, {
          title: 'Positive rate, by version',
          labels: time.labels,
          caption: time.caption,
          yName: 'share',
          min: 0,
          max: 1,
          lines: data.traffic
            .filter((t) => t.positive_rate)
            .map((t) => ({ name: version(t.version), values: t.positive_rate ?? [] })),
        });
      }
    },
  };
}

/** The API replicas of `MLOPS_API_URLS`: requests, 4xx and 5xx from each one's `/metrics`; a silent one is down. */
export function replicasSection(data: UiReplicasResponse, model: string): HTMLElement {
  if (!data.configured) {
    return el(
      'section',
      { id: 'replicas' },
      el('h2', {}, 'API replicas'),
      el(
        'p',
        { id: 'no-replicas', class: 'muted' },
        'Start monitor serve with MLOPS_API_URLS=http://api-1:8000,http://api-2:8000 to read each replica’s request and error counts from its /metrics.',
      ),
    );
  }
  return el(
    'section',
    { id: 'replicas' },
    el('h2', {}, 'API replicas'),
    el(
      'p',
      { class: 'muted' },
      `Counters since each replica started, read from its /metrics at ${data.scraped_at}.`,
    ),
    table(
      'replicas-table',
      [
        'replica',
        'state',
        'requests',
        '4xx',
        '5xx',
        'error rate (5xx)',
        `served predictions of ${model} by version`,
        'why down',
        'predictions by role',
      ],
      data.replicas,
      (r) => [
        r.url,
        el('span', { class: `badge ${r.up ? 'stable' : 'retrain'}` }, r.up ? 'up' : 'down'),
        r.up ? r.requests : null,
        r.up ? r.client_errors : null,
        r.up ? r.server_errors : null,
        r.up && r.requests ? `${fmt((100 * r.server_errors) / r.requests)} %` : null,
        r.up
          ? Object.entries(r.predictions_by_version)
              .map(([v, n]) => `v${v}: ${n}`)
              .join(', ') || 'none'
          : null,
        r.error ?? '',
        r.up
          ? Object.entries(r.predictions_by_role ?? {})
              .map(([role, n]) => `${role}: ${n}`)
              .join(', ') || 'none'
          : null,
      ],
      (r) => (r.up ? '' : 'down'),
    ),
  );
}
