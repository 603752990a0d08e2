import type { ColumnDrift } from '@mlops/drift';
import { LABEL_FALLBACK } from '../check/predictionDrift';
import type { CheckResult } from '../runCheck';
import { runJson, runLogLine, runSummary } from './run';

const column = (name: string, drifted: boolean): ColumnDrift => ({
  column: name,
  kind: 'numeric',
  test: 'psi',
  statistic: drifted ? 0.4 : 0.01,
  threshold: 0.2,
  drifted,
});

function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    model: 'churn',
    version: 3,
    predictions: 1234,
    report_path: '/r/report.json',
    html_path: '/r/report.html',
    drift: {
      mode: 'profile',
      referenceRows: 3000,
      currentRows: 1234,
      columns: [column('tenure', true), column('charges', false)],
      skipped: [],
      driftedColumns: 1,
      driftShare: 0.5,
      level: 'watch',
    },
    not_monitored: [],
    prediction_drift: null,
    probability_drift: null,
    data_quality: { rows: 1234, issues: 0 },
    live_metrics: null,
    skipped_log_lines: { count: 0, first: [] },
    reference_ks: null,
    ...overrides,
  };
}

test('the summary is the verdict line and the report path when nothing else happened', () => {
  expect(runSummary(result())).toBe(
    'churn v3: WATCH (1/2 features drifted over 1234 predictions)\nreport: /r/report.html\n',
  );
});

test('the summary names fields not monitored, output drift, the label fallback and quality issues', () => {
  const text = runSummary(
    result({
      not_monitored: [{ column: 'customer_id', reason: 'entity key' }],
      prediction_drift: { ...column('prediction', true), column: 'prediction', reference: LABEL_FALLBACK },
      data_quality: { rows: 1234, issues: 2 },
    }),
  );
  expect(text.split('\n')).toEqual([
    'churn v3: WATCH (1/2 features drifted over 1234 predictions; predictions drifted; predictions compared with the label: no stored predictions, retrain to compare like with like; 2 features with data-quality issues; not monitored: customer_id)',
    '  customer_id: entity key',
    'report: /r/report.html',
    '',
  ]);
});

test('the summary lists the first five skipped log lines and counts the rest', () => {
  const first = Array.from({ length: 7 }, (_, i) => ({
    segment: 'seg-1.jsonl',
    line: i + 1,
    reason: 'not JSON',
  }));
  const text = runSummary(result({ skipped_log_lines: { count: 9, first } }));
  expect(text).toContain('; 9 malformed log lines skipped)');
  expect(text).toContain('  skipped log line seg-1.jsonl:5: not JSON\n');
  expect(text).not.toContain('seg-1.jsonl:6');
  expect(text).toContain('  … 4 more (report.json lists the first 7)\n');
});

test('--json prints one line with the level first, then the whole result', () => {
  const line = runJson(result());
  expect(line.endsWith('\n')).toBe(true);
  expect(line.trim().split('\n')).toHaveLength(1);
  const parsed = JSON.parse(line);
  expect(Object.keys(parsed)[0]).toBe('level');
  expect(parsed).toEqual({ level: 'watch', ...result() });
});

test('the log line names the model, the version and the level', () => {
  expect(runLogLine(result())).toBe('churn v3: watch');
});
