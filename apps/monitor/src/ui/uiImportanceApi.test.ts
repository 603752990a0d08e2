import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ModelPipeline, ModelsError } from '@mlops/models';
import { openRegistry, storeLayout } from '@mlops/registry';
import request from 'supertest';
import { logTraffic } from '../__tests__/fixture';
import { type ImportanceHome, importanceHome } from '../__tests__/importanceFixture';
import { monitorProcess } from '../__tests__/monitorProcess';
import { createDashboard } from '../dashboard/createDashboard';
import { spreadRows } from '../explain/explainGlobalImportance';
import type { UiGlobalImportance } from './uiTypes';

// Global importance per version over real HTTP and in `monitor run`'s report, on versions
// the test kit trained: a logistic, a boosting, a decision tree stored without per-node
// counts (not explainable), a multiclass model; and its cache beside the store.

let made: ImportanceHome;
let server: Server;
beforeAll(async () => {
  made = await importanceHome('mlops-monitor-ui-importance-');
  server = createDashboard({ home: made.home, defaultModel: 'churn' });
}, 180_000);
afterAll(() => rmSync(made.home, { recursive: true, force: true }));

const registry = () => openRegistry(made.home);
const importance = async (model: string, version: number) =>
  (await request(server).get(`/api/ui/models/${model}/importance?version=${version}`).expect(200))
    .body as UiGlobalImportance;

/** Mean |contribution| per field, one record at a time through `explainRecord` (not the table path the server takes). */
async function byRecord(model: string, version: number, rows: Int32Array): Promise<Map<string, number>> {
  const pipeline = ModelPipeline.fromJSON(await registry().readModelDocument(model, version));
  const sample = await registry().readReferenceSample(model, version);
  const sums = new Map<string, number>();
  for (const row of rows) {
    const record = sample?.row(row) ?? {};
    const e = pipeline.explainRecord(record as Record<string, number | string>);
    e.contributions.forEach((c, i) => {
      const field = e.fields[i % e.fields.length];
      sums.set(field, (sums.get(field) ?? 0) + Math.abs(c));
    });
  }
  return new Map([...sums].map(([field, sum]) => [field, sum / rows.length]));
}

test.each([
  ['logistic', 'churn', () => made.logistic, 'log_odds'],
  ['gradient boosting', 'churn', () => made.boosting, 'log_odds'],
  ['multiclass boosting (summed over classes)', 'contract', () => made.multiclass, 'log_odds'],
])(
  '%s: mean |contribution| per original field over the reference sample, most important first',
  async (_, model, version, output) => {
    const g = await importance(model, version());
    if (!g.available) throw new Error(g.reason);
    const sample = await registry().readReferenceSample(model, version());
    expect(g.reference_rows).toBe(sample?.numRows);
    expect(g.rows).toBe(Math.min(2_000, g.reference_rows));
    expect(g.output_kind).toBe(output);
    const pipeline = ModelPipeline.fromJSON(await registry().readModelDocument(model, version()));
    // Each input field once: a categorical field is one bar, not one per category.
    expect(g.fields.map((f) => f.field).sort()).toEqual(pipeline.features.map((s) => s.name).sort());
    const values = g.fields.map((f) => f.mean_abs);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values.every((v) => v >= 0)).toBe(true);
    expect(values[0]).toBeGreaterThan(0);
    const expected = await byRecord(model, version(), spreadRows(g.reference_rows, g.rows));
    for (const f of g.fields)
      expect(Math.abs(f.mean_abs - (expected.get(f.field) ?? Number.NaN))).toBeLessThan(1e-9);
    if (model === 'contract') expect(g.classes).toHaveLength(3);
    else expect(g.classes).toBeNull();
  },
);

test('a model that cannot be explained is a note, not an error: the decision tree stored without per-node counts', async () => {
  // The failure the API answers 409 not_explainable for.
  const pipeline = ModelPipeline.fromJSON(await registry().readModelDocument('churn', made.oldTree));
  const sample = await registry().readReferenceSample('churn', made.oldTree);
  expect(() => pipeline.explainRecord(sample?.row(0) as Record<string, number | string>)).toThrow(
    ModelsError,
  );
  const g = await importance('churn', made.oldTree);
  expect(g).toEqual({
    model: 'churn',
    version: made.oldTree,
    available: false,
    kind: 'decision_tree',
    reason: expect.stringMatching(
      new RegExp(
        `^not available for this model kind: this decision_tree of v${made.oldTree} cannot be explained \\(options.background is missing`,
      ),
    ),
  });
});

test('bad version parameters are 400 naming version, an unknown model 404', async () => {
  const missing = await request(server).get('/api/ui/models/churn/importance').expect(400);
  expect(missing.body.error).toEqual({
    code: 'bad-query',
    message: 'version= is missing: give one of 1, 2, 3 (global importance is per version)',
    details: [{ parameter: 'version' }],
  });
  const nine = await request(server).get('/api/ui/models/churn/importance?version=9').expect(400);
  expect(nine.body.error.message).toBe(
    'version=9 is not a version of churn: give one of 1, 2, 3, or leave it out for every version',
  );
  await request(server).get('/api/ui/models/nope/importance?version=1').expect(404);
});

test('monitor run reports the production version importance (report.json and report.html); computed once, then read from the cache', async () => {
  await logTraffic(made.home, { from: new Date('2026-01-01T00:00:00Z'), rows: 300 });
  const served = await importance('churn', 1);
  const cacheFile = join(storeLayout(made.home).cache, 'importance', 'churn', 'v1.json');
  const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
  expect(cached.importance).toEqual(served);
  const run = async () => {
    const result = await monitorProcess(made.home, ['run', '--json']);
    // A verdict (stable, watch or retrain), not a failure.
    expect([0, 1, 2]).toContain(result.code);
    const path = result.json.report_path as string;
    return {
      json: JSON.parse(readFileSync(path, 'utf8')),
      html: readFileSync(path.replace(/report\.json$/, 'report.html'), 'utf8'),
    };
  };
  const first = await run();
  expect(first.json.global_importance).toEqual(served);
  expect(first.html).toContain('<section id="global-importance"><h2>Global importance</h2>');
  // One bar per field, each starting at the axis (x = the label column's width), the longest the first.
  const bars = [
    ...first.html.matchAll(
      /<rect class="importance-bar" data-field="([^"]+)" x="([\d.]+)"[^>]*width="([\d.]+)"/g,
    ),
  ];
  expect(bars.map((b) => b[1])).toEqual(served.available ? served.fields.map((f) => f.field) : []);
  expect(new Set(bars.map((b) => b[2])).size).toBe(1);
  const widths = bars.map((b) => Number(b[3]));
  expect(widths).toEqual([...widths].sort((a, b) => b - a));
  // A new process reads the cache file (a marked value comes back), and ignores one whose key does not match.
  writeFileSync(cacheFile, JSON.stringify({ ...cached, importance: { ...served, rows: 12_345 } }));
  expect((await run()).json.global_importance.rows).toBe(12_345);
  writeFileSync(
    cacheFile,
    JSON.stringify({ ...cached, key: 'stale', importance: { ...served, rows: 12_345 } }),
  );
  expect((await run()).json.global_importance).toEqual(served);
  expect(JSON.parse(readFileSync(cacheFile, 'utf8')).key).toBe(cached.key);
}, 120_000);
