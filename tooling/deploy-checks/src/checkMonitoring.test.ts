import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkMonitoring } from './checkMonitoring';
import { metricsInExpression } from './exportedMetrics';

const REPO = resolve(__dirname, '../../..');
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'deploy-monitoring-'));
  cpSync(join(REPO, 'deploy'), join(root, 'deploy'), { recursive: true });
  // The metrics the apps export, as the checks find them in apps/*/src.
  mkdirSync(join(root, 'apps/api/src'), { recursive: true });
  writeFileSync(
    join(root, 'apps/api/src/metrics.ts'),
    [
      'http_requests_total',
      'http_request_duration_seconds',
      'mlops_predictions_total',
      'mlops_model_version',
      'mlops_prediction_probability',
      'mlops_prediction_log_queue_depth',
      'mlops_prediction_log_lost_total',
    ]
      .map((name) => `new Counter({ name: '${name}' });`)
      .join('\n'),
  );
  mkdirSync(join(root, 'apps/monitor/src'), { recursive: true });
  writeFileSync(
    join(root, 'apps/monitor/src/driftMetrics.ts'),
    "const names = ['mlops_drift_level', 'mlops_drift_share', 'mlops_drifted_features'];\n// # TYPE mlops_drift_check_failures_total counter\n",
  );
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function edit(path: string, change: (text: string) => string): void {
  const full = join(root, path);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

test("accepts the repository's Prometheus config, alert rules and Grafana provisioning", () => {
  expect(checkMonitoring(root)).toEqual([]);
});

test('reports an alert rule on a metric no app exports (a renamed metric)', () => {
  edit('apps/monitor/src/driftMetrics.ts', (text) =>
    text.replace("'mlops_drift_level'", "'mlops_drift_alert_level'"),
  );
  const findings = checkMonitoring(root);
  expect(findings.filter((f) => f.rule === 'metric-unknown').map((f) => f.file)).toEqual([
    'deploy/prometheus/alerts.yml (ModelDriftWatch)',
    'deploy/prometheus/alerts.yml (ModelDriftRetrain)',
    'deploy/grafana/dashboards/mlops.json (Drift level (0 stable, 1 watch, 2 retrain))',
  ]);
});

test('reports a missing p99 latency alert and an api job without DNS discovery of the replicas', () => {
  edit('deploy/prometheus/alerts.yml', (text) =>
    text.replace('histogram_quantile(0.99,', 'histogram_quantile(0.5,'),
  );
  edit('deploy/prometheus/prometheus.yml', (text) =>
    text.replace(
      /dns_sd_configs:[\s\S]*?refresh_interval: 15s/,
      'static_configs: [{ targets: ["api:8000"] }]',
    ),
  );
  expect(checkMonitoring(root).map((f) => f.rule)).toEqual(['prometheus-scrape', 'alert-missing']);
});

test('reports a dashboard panel on a datasource that is not provisioned', () => {
  edit('deploy/grafana/provisioning/datasources/prometheus.yml', (text) =>
    text.replace('uid: prometheus', 'uid: prom'),
  );
  const findings = checkMonitoring(root);
  expect(findings.length).toBeGreaterThan(0);
  expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['grafana-datasource']));
});

test('reads app metric names from PromQL, not label values', () => {
  expect(
    metricsInExpression('sum(rate(http_requests_total{route="/mlops_x",status=~"5.."}[5m])) / up{job="api"}'),
  ).toEqual(['http_requests_total']);
});
