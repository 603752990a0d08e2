import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDatasetGenerator } from '@mlops/features';
import { logTraffic, monitor, registeredHome } from './__tests__/fixture';

// The report's deeper sections, read from report.json and report.html of real runs.
let home: string;
let housing: string;
const FROM = new Date('2026-01-01T00:00:00Z');
const EVIL = '<img src=x onerror=alert(1)>';

/** Labels of the first `rows` requests logged from FROM: the generator's own label of each row (seed 7, as logged). */
function writeLabels(at: string, dataset: string, rows: number): string {
  const generator = getDatasetGenerator(dataset);
  const table = generator.generate(rows, 7);
  const target = generator.schema.target;
  const lines = [`request_id,${target}`];
  for (let i = 0; i < rows; i += 1) lines.push(`r-${FROM.getTime()}-${i},${table.cell(target, i)}`);
  const path = join(at, `${dataset}-labels.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

beforeAll(async () => {
  [home, housing] = await Promise.all([
    registeredHome('mlops-monitor-sections-'),
    registeredHome('mlops-monitor-sections-housing-', { dataset: 'housing', model: 'linear' }),
  ]);
  // Three days of traffic, one request a minute: monthly_charges shifted far, tenure a little,
  // and an unseen contract category (with markup in it) on every tenth row.
  await logTraffic(home, {
    from: FROM,
    rows: 3_000,
    stepMs: 86_400_000 / 1_000,
    shift: { monthly_charges: 60, tenure_months: 6 },
    set: (i): Record<string, string> => (i % 10 === 0 ? { contract: EVIL } : {}),
  });
  await logTraffic(housing, { model: 'housing', from: FROM, rows: 1_500, stepMs: 60_000 });
  // …and a burst of one minute, as a first try against a fresh API sends.
  await logTraffic(housing, {
    model: 'housing',
    from: new Date('2026-03-01T12:00:00Z'),
    rows: 200,
    stepMs: 300,
  });
});
afterAll(() => {
  for (const h of [home, housing]) rmSync(h, { recursive: true, force: true });
});

async function report(at: string, out: string, ...argv: string[]) {
  const run = await monitor(at, ['run', '--json', '--out', join(at, out), ...argv]);
  expect(run.stderr).toBe('');
  const result = run.json();
  return {
    json: JSON.parse(readFileSync(result.report_path, 'utf8')),
    html: readFileSync(result.html_path, 'utf8'),
    svg: (name: string) => readFileSync(join(at, out, 'charts', name), 'utf8'),
  };
}

test('features are sorted most drifted first in the JSON and the HTML, each with its drift score', async () => {
  const { json, html } = await report(home, 'sorted');
  const scores = json.feature_details.map((d: { drift_score: number }) => d.drift_score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(json.drift.columns[0].column).toBe('monthly_charges');
  expect(json.feature_details.map((d: { column: string }) => d.column)).toEqual(
    json.drift.columns.map((c: { column: string }) => c.column),
  );
  const table = html.split('<section id="feature-drift">')[1].split('</table>')[0];
  const order = [...table.matchAll(/<tr class="[^"]*"><td>([^<]+)<\/td>/g)].map((m) => m[1]);
  expect(order).toEqual(json.drift.columns.map((c: { column: string }) => c.column));
});

test('each feature has a drill-down: overlay chart, quantiles, missing shares, and new categories escaped', async () => {
  const { json, html, svg } = await report(home, 'details');
  const charges = json.feature_details.find((d: { column: string }) => d.column === 'monthly_charges');
  expect(charges.quantiles.map((q: { level: number }) => q.level)).toEqual([
    0, 0.01, 0.25, 0.5, 0.75, 0.99, 1,
  ]);
  const median = charges.quantiles.find((q: { level: number }) => q.level === 0.5);
  // Shifted by 60: the current median sits about 60 above the reference one (sketch: ~1 % rank error).
  expect(median.current - median.reference).toBeGreaterThan(45);
  expect(median.current - median.reference).toBeLessThan(75);
  expect(charges.missing).toEqual({ reference: expect.any(Number), current: 0 });
  const contract = json.feature_details.find((d: { column: string }) => d.column === 'contract');
  expect(contract.quantiles).toBeNull();
  expect(contract.new_categories).toEqual([{ category: EVIL, count: 300 }]);
  expect(html).toContain('<td>&#60;img src=x onerror=alert(1)&#62;</td><td>300</td>');
  expect(html).not.toContain(EVIL);
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  const drilled = html.split('<section id="feature-details">')[1].split('</section>')[0];
  expect((drilled.match(/<details /g) ?? []).length).toBe(json.drift.columns.length);
  expect(drilled).toMatch(/<details id="feature-0-monthly_charges" open>/);
  const chart = svg('feature-monthly_charges.svg');
  expect(chart).toContain('reference (training)');
  expect(chart).toContain('>current<');
});

test('the prediction histogram overlays the reference (the model on its training data) on the current shares', async () => {
  const { json, svg } = await report(home, 'outputs');
  const probability = json.output_distributions.probability;
  expect(probability.labels.length).toBeGreaterThan(5);
  const total = (shares: number[]) => shares.reduce((a, b) => a + b, 0);
  expect(total(probability.reference)).toBeCloseTo(1, 9);
  expect(total(probability.current)).toBeCloseTo(1, 9);
  const chart = svg('prediction-histogram.svg');
  expect(chart).toContain('reference (training)');
  expect(chart).toContain('Probability distribution: reference vs current');
});

test('time-axis labels of a three-day log carry the day and differ; a minute of log reads in seconds', async () => {
  const labels = (svg: string) =>
    [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle" font-size="10">([^<]+)</g)].map(
      (m) => m[1],
    );
  const days = labels((await report(home, 'days')).svg('prediction-volume.svg'));
  expect(days.length).toBe(6);
  expect(new Set(days).size).toBe(6);
  expect(days[0]).toBe('01-01 00:00');
  expect(days.at(-1)).toMatch(/^01-03 /);
  const burst = await report(housing, 'minute', '--model', 'housing', '--since', '2026-03-01T00:00:00Z');
  const minute = labels(burst.svg('prediction-volume.svg'));
  // 200 requests 0.3 s apart: each shown label is its bucket's start to the second, no two alike.
  const starts = burst.json.aggregates.series.map((p: { start: string }) => p.start);
  expect(minute).toEqual([0, 20, 40, 60, 80, 100].map((i) => starts[i].slice(11, 19)));
  expect(minute).toEqual(['12:00:00', '12:00:09', '12:00:19', '12:00:29', '12:00:39', '12:00:49']);
  expect(burst.svg('prediction-volume.svg')).toContain('Predictions per time bucket (UTC, 2026-03-01)');
});

test('with labels, a classifier gets target drift and a performance section whose numbers agree with the live metrics', async () => {
  const labels = writeLabels(home, 'churn', 2_000);
  const { json, html, svg } = await report(home, 'labelled', '--labels', labels);
  expect(json.target_drift).toMatchObject({ column: 'churn', drift: { column: 'churn' } });
  const p = json.performance;
  expect(p).toMatchObject({ task: 'binary', rows: 2_000, classes: ['0', '1'] });
  expect(p.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(2_000);
  // The curve's area (trapezoids over distinct thresholds) is the live ROC AUC.
  expect(p.roc.auc).toBeCloseTo(json.live_metrics.metrics.roc_auc, 9);
  expect(p.roc.fpr.length).toBeLessThanOrEqual(201);
  expect(p.calibration.reduce((a: number, b: { rows: number }) => a + b.rows, 0)).toBe(2_000);
  const precision = p.confusion[1][1] / (p.confusion[0][1] + p.confusion[1][1]);
  expect(precision).toBeCloseTo(json.live_metrics.metrics.precision, 9);
  expect(p.over_time.length).toBeGreaterThan(3);
  expect(p.registered).toEqual(json.live_metrics.registered);
  for (const name of ['roc.svg', 'pr.svg', 'calibration.svg', 'metrics-over-time.svg', 'target.svg'])
    expect(svg(name)).toMatch(/^<svg /);
  expect(html).toContain('<section id="performance">');
  expect(html).toContain('<section id="target-drift">');
  expect(html).toContain('<table class="confusion">');
});

test('with labels, a regressor gets residuals and error over time against its test error', async () => {
  const labels = writeLabels(housing, 'housing', 1_000);
  const { json, html, svg } = await report(housing, 'labelled', '--model', 'housing', '--labels', labels);
  const p = json.performance;
  expect(p).toMatchObject({ task: 'regression', rows: 1_000 });
  expect(p.residuals.counts.reduce((a: number, b: number) => a + b, 0)).toBe(1_000);
  expect(p.residual_summary.mae).toBeCloseTo(json.live_metrics.metrics.mae, 6);
  expect(p.over_time.every((t: { metrics: Record<string, number> }) => 'mae' in t.metrics)).toBe(true);
  expect(svg('residuals.svg')).toMatch(/^<svg /);
  expect(svg('error-over-time.svg')).toContain('mae test');
  expect(html).toContain('Residuals (label − prediction)');
  expect(json.target_drift.column).toBe('median_house_value');
});
