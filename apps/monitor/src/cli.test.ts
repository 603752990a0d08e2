import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { churnSchema, featureColumns, generateChurn, profileTable } from '@mlops/features';
import { trainModel } from '@mlops/models';
import { openRegistry, PredictionLogWriter, storeLayout } from '@mlops/registry';
import { runCli } from './cli';

let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'mlops-monitor-'));
  const table = generateChurn(3_000, 1);
  const features = featureColumns(churnSchema);
  const result = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed: 1 });
  const registry = openRegistry(home);
  await registry.registerVersion('churn', {
    model: result.pipeline.toJSON(),
    features,
    profile: profileTable(table, { target: 'churn', exclude: ['customer_id'] }),
    metrics: result.metrics,
    baselineMetrics: result.baselineMetrics,
    params: {},
    dataHash: 'x',
    dataRows: table.numRows,
    seed: 1,
    gate: { passed: true, checks: [] },
  });
  await registry.promote('churn', 1);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Logs predictions of fresh churn rows, as the API would, optionally shifting some columns. */
async function logTraffic(model: string, from: Date, shift: Record<string, number>): Promise<void> {
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  const rows = generateChurn(2_000, 7);
  for (let i = 0; i < rows.numRows; i += 1) {
    const features = rows.row(i) as Record<string, number | string>;
    for (const [column, delta] of Object.entries(shift))
      features[column] = (features[column] as number) + delta;
    writer.append({
      timestamp: new Date(from.getTime() + i * 1000).toISOString(),
      request_id: `${model}-${i}`,
      model_name: model,
      model_version: 1,
      features,
      prediction: 0,
      probability: 0.2,
      latency_ms: 1,
    });
  }
  await writer.close();
}

async function monitor(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const code = await runCli(argv, { stdout, stderr, env: { MLOPS_HOME: home, LOG_LEVEL: 'error' } });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('traffic like the training data is stable: exit 0 and a report file', async () => {
  await logTraffic('churn', new Date('2026-01-01T00:00:00Z'), {});
  const { code, stdout } = await monitor('run', '--json', '--since', '2026-01-01T00:00:00Z');
  expect(code).toBe(0);
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
  expect(result).toMatchObject({ model: 'churn', version: 1, predictions: 2_000 });
  expect(result.drift.level).toBe('stable');
  expect(existsSync(result.report_path)).toBe(true);
  expect(JSON.parse(readFileSync(result.report_path, 'utf8')).drift.level).toBe('stable');
});

test('one shifted feature is watch (exit 1), three are retrain (exit 2)', async () => {
  await logTraffic('churn', new Date('2026-02-01T00:00:00Z'), { monthly_charges: 40 });
  const watch = await monitor('run', '--json', '--since', '2026-02-01T00:00:00Z');
  expect(watch.code).toBe(1);
  const result = JSON.parse(watch.stdout.trim().split('\n').at(-1)!);
  expect(
    result.drift.columns
      .filter((c: { drifted: boolean }) => c.drifted)
      .map((c: { column: string }) => c.column),
  ).toEqual(['monthly_charges']);

  await logTraffic('churn', new Date('2026-03-01T00:00:00Z'), {
    monthly_charges: 40,
    tenure_months: 30,
    usage_hours: 20,
  });
  expect((await monitor('run', '--since', '2026-03-01T00:00:00Z')).code).toBe(2);
});

test('too few logged predictions is exit 3 with the count, not a false alarm', async () => {
  const few = await monitor('run', '--since', '2026-01-01T00:00:00Z', '--min-rows', '100000');
  expect(few.code).toBe(3);
  expect(few.stderr).toMatch(
    /^error: only \d+ logged predictions of churn v1 since 2026-01-01T00:00:00.000Z: a drift check needs at least 100000/,
  );
});

test('an unknown model or a bad option is exit 3 with one line on stderr', async () => {
  const unknown = await monitor('run', '--model', 'nope');
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toMatch(/^error: no model named 'nope' in the registry/);
  const bad = await monitor('run', '--since', 'yesterday-ish');
  expect(bad.code).toBe(3);
  expect(bad.stderr).toMatch(/'yesterday-ish' is not a time/);
});
