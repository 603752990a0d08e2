import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  churnSchema,
  DataTable,
  featureColumns,
  generateChurn,
  numericColumn,
  profileTable,
} from '@mlops/features';
import { trainModel } from '@mlops/models';
import { openRegistry } from '@mlops/registry';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';
import { NOT_MONITORED } from './fieldCoverage';

// Credit: applicant_id is the entity key; age and annual_income are sensitive features.
let home: string;
beforeAll(async () => {
  home = await registeredHome('monitor-coverage-', { dataset: 'credit' });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const check = async (since: string, extra: string[] = []) => {
  const run = await monitor(home, [
    'run',
    '--model',
    'credit',
    '--since',
    since,
    '--out',
    join(home, since.slice(0, 7)),
    ...extra,
  ]);
  return run;
};
const reasons = (list: { column: string; reason: string }[]) =>
  Object.fromEntries(list.map((s) => [s.column, s.reason]));

test('sensitive fields the API drops, and the entity key, are named with the reason in JSON, HTML and the CLI line', async () => {
  await logTraffic(home, { model: 'credit', from: new Date('2026-01-01T00:00:00Z') });
  const run = await check('2026-01-01T00:00:00Z', ['--json']);
  const result = run.json();
  expect(result.not_monitored).toEqual([
    { column: 'applicant_id', reason: NOT_MONITORED.entityKey },
    { column: 'age', reason: NOT_MONITORED.dropped },
    { column: 'annual_income', reason: NOT_MONITORED.dropped },
  ]);
  expect(NOT_MONITORED.dropped).toBe(
    'sensitive, not logged (MLOPS_SENSITIVE_FIELDS=drop): set MLOPS_SENSITIVE_FIELDS=bin to monitor its drift without storing values',
  );
  expect(result.drift.columns.map((c: { column: string }) => c.column)).not.toContain('age');
  const report = JSON.parse(readFileSync(result.report_path, 'utf8'));
  expect(report.not_monitored).toEqual(result.not_monitored);
  expect(report.drift.skipped).toEqual(result.not_monitored);
  expect(reasons(report.data_quality.skipped)).toEqual({
    age: 'sensitive, not logged',
    annual_income: 'sensitive, not logged',
  });
  const html = readFileSync(result.html_path, 'utf8');
  expect(html).toContain('<h2>Not monitored</h2>');
  for (const entry of result.not_monitored)
    expect(html).toContain(`<td>${entry.column}</td><td>${entry.reason}</td>`);
  const human = await check('2026-01-01T00:00:00Z');
  expect(human.stdout).toMatch(
    /^credit v1: STABLE \(0\/9 features drifted over 2000 predictions; not monitored: applicant_id, age, annual_income\)$/m,
  );
  expect(human.stdout).toContain(`\n  age: ${NOT_MONITORED.dropped}\n`);
  expect(human.stdout).toContain(`\n  applicant_id: ${NOT_MONITORED.entityKey}\n`);
});

test('hashed sensitive fields are named: their values cannot be compared with training', async () => {
  await logTraffic(home, { model: 'credit', from: new Date('2026-02-01T00:00:00Z'), sensitive: 'hash' });
  const result = (await check('2026-02-01T00:00:00Z', ['--json'])).json();
  expect(reasons(result.not_monitored)).toEqual({
    applicant_id: NOT_MONITORED.entityKey,
    age: 'sensitive, logged hashed: values cannot be compared with training',
    annual_income: 'sensitive, logged hashed: values cannot be compared with training',
  });
});

test('with MLOPS_SENSITIVE_FIELDS=bin, sensitive numbers are tested on their bin counts, and not range-checked', async () => {
  await logTraffic(home, { model: 'credit', from: new Date('2026-03-01T00:00:00Z'), sensitive: 'bin' });
  const run = await check('2026-03-01T00:00:00Z', ['--json']);
  const result = run.json();
  expect(run.code).toBe(0);
  expect(result.not_monitored).toEqual([{ column: 'applicant_id', reason: NOT_MONITORED.entityKey }]);
  const binned = result.drift.columns.filter((c: { binned?: boolean }) => c.binned);
  // 3,000 reference rows: the test the values would get, the normalised histogram Wasserstein.
  expect(binned).toEqual([
    expect.objectContaining({ column: 'age', binned: true, test: 'wasserstein', drifted: false }),
    expect.objectContaining({ column: 'annual_income', binned: true, test: 'wasserstein', drifted: false }),
  ]);
  const report = JSON.parse(readFileSync(result.report_path, 'utf8'));
  // A bin index is not an age: no range check, and the report says why.
  expect(report.data_quality.features.map((f: { column: string }) => f.column)).not.toContain('age');
  expect(reasons(report.data_quality.skipped).age).toBe(
    'sensitive, logged as reference-bin indices: ranges and types are not checked',
  );
  expect(report.data_quality.issues).toBe(0);
  expect(existsSync(join(home, '2026-03', 'charts', 'feature-age.svg'))).toBe(true);
  expect(readFileSync(result.html_path, 'utf8')).toContain(
    'wasserstein on reference-bin counts (logged binned)',
  );
});

test('a shifted sensitive field logged binned is detected', async () => {
  await logTraffic(home, {
    model: 'credit',
    from: new Date('2026-04-01T00:00:00Z'),
    sensitive: 'bin',
    shift: { age: 15 },
  });
  const run = await check('2026-04-01T00:00:00Z', ['--json']);
  expect(run.code).toBe(1);
  const drifted = run.json().drift.columns.filter((c: { drifted: boolean }) => c.drifted);
  expect(drifted).toEqual([expect.objectContaining({ column: 'age', binned: true })]);
});

test('a version whose profile holds ids and times (older training) still tests its features only, and says why not the rest', async () => {
  const legacy = await registeredHome('monitor-coverage-legacy-');
  try {
    const base = generateChurn(3_000, 1);
    const signedUp = Float64Array.from(
      { length: base.numRows },
      (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000,
    );
    const table = new DataTable([...base.columns, numericColumn('signup_date', signedUp)]);
    const features = featureColumns(churnSchema);
    // No id columns in the document, every column profiled: how versions were registered before roles.
    const result = trainModel({
      table,
      target: 'churn',
      task: 'binary',
      model: 'logistic',
      features,
      idColumns: [],
      seed: 1,
    });
    const registry = openRegistry(legacy);
    await registry.registerVersion('churn', {
      model: result.pipeline.toJSON(),
      profile: profileTable(table, { target: 'churn' }),
      metrics: result.metrics,
      baselineMetrics: result.baselineMetrics,
      params: {},
      dataHash: 'x',
      dataRows: table.numRows,
      seed: 1,
      gate: { passed: true, checks: [] },
      testRows: result.testTable,
    });
    await registry.promote('churn', 2, { force: true });
    await logTraffic(legacy, { from: new Date('2026-01-01T00:00:00Z'), version: 2 });
    const run = await monitor(legacy, ['run', '--json', '--out', join(legacy, 'r')]);
    const json = run.json();
    expect(json.version).toBe(2);
    expect(json.drift.columns.map((c: { column: string }) => c.column).sort()).toEqual(
      features
        .filter((f) => !f.sensitive)
        .map((f) => f.name)
        .sort(),
    );
    expect(json.not_monitored).toEqual([
      { column: 'customer_id', reason: 'id column (inferred: named like an identifier): never drift-tested' },
      { column: 'age', reason: NOT_MONITORED.dropped },
      {
        column: 'signup_date',
        reason: 'time column (inferred: named like a time and holds epoch milliseconds): never drift-tested',
      },
    ]);
    expect(run.code).toBe(0);
  } finally {
    rmSync(legacy, { recursive: true, force: true });
  }
});
