import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { exportedMetrics, metricsInExpression } from './exportedMetrics';
import type { Finding } from './Finding';

/** Where the monitoring files live, relative to the repo root. */
export interface MonitoringFiles {
  /** @default deploy/prometheus/prometheus.yml */
  prometheus?: string;
  /** @default deploy/grafana/provisioning/datasources/prometheus.yml */
  datasource?: string;
  /** @default deploy/grafana/dashboards/mlops.json */
  dashboard?: string;
}

interface ScrapeConfig {
  job_name?: string;
  dns_sd_configs?: { names?: string[]; port?: number }[];
  static_configs?: { targets?: string[] }[];
}

/** The alerts the stack must have: a metric each must use, and what it is about. */
const REQUIRED_ALERTS = [
  { metric: 'http_requests_total', pattern: /5\.\./, about: 'the API error rate (5xx share)' },
  {
    metric: 'http_request_duration_seconds_bucket',
    pattern: /histogram_quantile\(\s*0\.99/,
    about: 'the p99 latency',
  },
  { metric: 'mlops_drift_level', pattern: /./, about: 'the drift level exported by the monitor' },
];

/** The panels the dashboard must have, by the metric each plots. */
const REQUIRED_PANELS = [
  { metric: 'http_requests_total', about: 'requests' },
  { metric: 'http_request_duration_seconds_bucket', about: 'latency' },
  { metric: 'mlops_predictions_total', about: 'predictions per version' },
  { metric: 'mlops_drift_level', about: 'drift level' },
];

/**
 * Checks Prometheus and Grafana provisioning: every api replica scraped through DNS service
 * discovery, the monitor scraped, rule files present with the required alerts, the dashboard on
 * the provisioned datasource with the required panels, and every app metric they use exported by
 * an app (so a renamed metric fails here, not silently in production).
 */
export function checkMonitoring(root: string, files: MonitoringFiles = {}): Finding[] {
  const findings: Finding[] = [];
  const promFile = files.prometheus ?? 'deploy/prometheus/prometheus.yml';
  const datasourceFile = files.datasource ?? 'deploy/grafana/provisioning/datasources/prometheus.yml';
  const dashboardFile = files.dashboard ?? 'deploy/grafana/dashboards/mlops.json';
  const metrics = exportedMetrics(root);
  const unknownMetrics = (expr: string, where: string) => {
    for (const metric of metricsInExpression(expr)) {
      if (!metrics.has(metric)) {
        findings.push({
          rule: 'metric-unknown',
          file: where,
          message: `${metric} is not exported by any app (apps/*/src): fix the name or export it`,
        });
      }
    }
  };

  const prometheus = readYaml(root, promFile, findings) as
    | { scrape_configs?: ScrapeConfig[]; rule_files?: string[] }
    | undefined;
  if (prometheus) {
    const jobs = prometheus.scrape_configs ?? [];
    const api = jobs.some((job) =>
      job.dns_sd_configs?.some((sd) => sd.names?.some((n) => /^(tasks\.)?api$/.test(n)) && sd.port === 8000),
    );
    if (!api) {
      findings.push({
        rule: 'prometheus-scrape',
        file: promFile,
        message:
          'no job scrapes every api replica: add dns_sd_configs with names: [api], type: A, port: 8000',
      });
    }
    if (!jobs.some((job) => job.static_configs?.some((s) => s.targets?.includes('monitor:8501')))) {
      findings.push({
        rule: 'prometheus-scrape',
        file: promFile,
        message: 'no job scrapes monitor:8501 (drift gauges): add it',
      });
    }
    const expressions: string[] = [];
    for (const ruleFile of prometheus.rule_files ?? []) {
      const path = join(dirname(promFile), ruleFile);
      if (!existsSync(join(root, path))) {
        findings.push({
          rule: 'prometheus-rule-file',
          file: promFile,
          message: `rule file ${ruleFile} does not exist beside it`,
        });
        continue;
      }
      const rules = readYaml(root, path, findings) as {
        groups?: { rules?: { alert?: string; expr?: string }[] }[];
      };
      for (const rule of (rules?.groups ?? []).flatMap((group) => group.rules ?? [])) {
        if (!rule.expr) continue;
        expressions.push(String(rule.expr));
        unknownMetrics(String(rule.expr), `${path} (${rule.alert ?? 'record'})`);
      }
    }
    for (const required of REQUIRED_ALERTS) {
      if (!expressions.some((expr) => expr.includes(required.metric) && required.pattern.test(expr))) {
        findings.push({
          rule: 'alert-missing',
          file: promFile,
          message: `no alert rule on ${required.about} (${required.metric}): add one to the rule files`,
        });
      }
    }
  }

  const datasources = readYaml(root, datasourceFile, findings) as {
    datasources?: { uid?: string; type?: string }[];
  };
  const uids = new Set((datasources?.datasources ?? []).map((d) => d.uid));
  if (!existsSync(join(root, dashboardFile))) {
    findings.push({ rule: 'unreadable', file: dashboardFile, message: 'missing: add the Grafana dashboard' });
    return findings;
  }
  let dashboard: { panels?: Panel[] };
  try {
    dashboard = JSON.parse(readFileSync(join(root, dashboardFile), 'utf8'));
  } catch (error) {
    findings.push({ rule: 'unreadable', file: dashboardFile, message: (error as Error).message });
    return findings;
  }
  const panels = (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  const allExpressions: string[] = [];
  for (const panel of panels) {
    for (const target of panel.targets ?? []) {
      const uid = target.datasource?.uid ?? panel.datasource?.uid;
      if (!uids.has(uid)) {
        findings.push({
          rule: 'grafana-datasource',
          file: dashboardFile,
          message: `panel '${panel.title}' uses datasource uid '${uid}', not one of the provisioned ones (${[...uids].join(', ')})`,
        });
      }
      if (target.expr) {
        allExpressions.push(target.expr);
        unknownMetrics(target.expr, `${dashboardFile} (${panel.title})`);
      }
    }
  }
  for (const required of REQUIRED_PANELS) {
    if (!allExpressions.some((expr) => expr.includes(required.metric))) {
      findings.push({
        rule: 'grafana-panel',
        file: dashboardFile,
        message: `no panel shows ${required.about} (${required.metric}): add one`,
      });
    }
  }
  return findings;
}

interface Panel {
  title?: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
  panels?: Panel[];
}

function readYaml(root: string, file: string, findings: Finding[]): unknown {
  if (!existsSync(join(root, file))) {
    findings.push({ rule: 'unreadable', file, message: 'missing: add it' });
    return undefined;
  }
  try {
    return parse(readFileSync(join(root, file), 'utf8'));
  } catch (error) {
    findings.push({ rule: 'unreadable', file, message: (error as Error).message.split('\n')[0] });
    return undefined;
  }
}
