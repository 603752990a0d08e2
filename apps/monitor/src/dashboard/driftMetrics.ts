import type { CheckResult } from '../runCheck';

const LEVEL_VALUE = { stable: 0, watch: 1, retrain: 2 } as const;

/**
 * The latest scheduled check of each model, as Prometheus gauges: what the
 * alert rules and the Grafana dashboard read. Written in the text exposition
 * format by hand: a handful of gauges needs no client library.
 */
export class DriftMetrics {
  private readonly latest = new Map<string, { result: CheckResult; at: number }>();
  private failures = 0;

  record(result: CheckResult): void {
    this.latest.set(result.model, { result, at: Date.now() });
  }

  recordFailure(): void {
    this.failures += 1;
  }

  /** The exposition text for `GET /metrics`. */
  render(): string {
    const gauges: Array<
      [name: string, help: string, type: 'gauge' | 'counter', value: (r: CheckResult, at: number) => number]
    > = [
      [
        'mlops_drift_level',
        'Alert level of the latest drift check: 0 stable, 1 watch, 2 retrain.',
        'gauge',
        (r) => LEVEL_VALUE[r.drift.level],
      ],
      [
        'mlops_drift_share',
        'Share of features that drifted in the latest check.',
        'gauge',
        (r) => r.drift.driftShare,
      ],
      [
        'mlops_drifted_features',
        'Number of features that drifted in the latest check.',
        'gauge',
        (r) => r.drift.driftedColumns,
      ],
      [
        'mlops_drift_predictions_checked',
        'Logged predictions the latest check looked at.',
        'gauge',
        (r) => r.predictions,
      ],
      [
        'mlops_drift_last_check_timestamp_seconds',
        'When the latest check finished (Unix time).',
        'gauge',
        (_r, at) => at / 1000,
      ],
    ];
    const lines: string[] = [];
    for (const [name, help, type, value] of gauges) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [model, { result, at }] of [...this.latest].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`${name}{model="${escapeLabel(model)}",version="${result.version}"} ${value(result, at)}`);
      }
    }
    lines.push(
      '# HELP mlops_drift_check_failures_total Scheduled drift checks that failed.',
      '# TYPE mlops_drift_check_failures_total counter',
      `mlops_drift_check_failures_total ${this.failures}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
