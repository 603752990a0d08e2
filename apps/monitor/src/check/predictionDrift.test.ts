import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openRegistry } from '@mlops/registry';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';
import { LABEL_FALLBACK } from './predictionDrift';

// Gradient boosting on churn, F1-tuned threshold (about 0.2): it predicts churn for about 40 % of
// customers, while 25.5 % of the training customers churned.
let home: string;
let legacy: string;
beforeAll(async () => {
  [home, legacy] = await Promise.all([
    registeredHome('monitor-prediction-drift-', { model: 'gradient_boosting' }),
    registeredHome('monitor-prediction-drift-legacy-', { model: 'gradient_boosting', predictions: false }),
  ]);
  for (const h of [home, legacy]) await logTraffic(h, { from: new Date('2026-01-01T00:00:00Z') });
}, 60_000);
afterAll(() => {
  for (const h of [home, legacy]) rmSync(h, { recursive: true, force: true });
});

const run = (h: string, since: string) =>
  monitor(h, ['run', '--json', '--since', since, '--out', join(h, since.slice(0, 7))]);

test('a stable window of an F1-tuned classifier is compared with its own predictions: no prediction drift', async () => {
  const stable = await run(home, '2026-01-01T00:00:00Z');
  const result = stable.json();
  const report = JSON.parse(readFileSync(result.report_path, 'utf8'));
  const profile = await openRegistry(home).readProfile('churn', 1);
  const baseRate = profile.target?.profile.kind === 'numeric' ? profile.target.profile.mean : Number.NaN;
  // The live positive rate is far from the label's base rate…
  expect(report.aggregates.positiveRate - baseRate).toBeGreaterThan(0.1);
  // …and close to the rate the model predicts on its reference data: no alarm.
  expect(result.drift.level).toBe('stable');
  expect(result.prediction_drift).toMatchObject({
    column: 'prediction',
    test: 'jensenshannon',
    drifted: false,
    reference: "the model's own predictions on its reference data",
  });
  expect(result.probability_drift).toMatchObject({ column: 'probability', drifted: false });
  expect(report.prediction_drift).toEqual(result.prediction_drift);
  expect(readFileSync(result.html_path, 'utf8')).toContain(
    'the model&#39;s own predictions on its reference data',
  );
});

test('a window whose inputs shifted shows prediction and probability drift', async () => {
  await logTraffic(home, { from: new Date('2026-02-01T00:00:00Z'), seed: 8, shift: { num_complaints: 5 } });
  const shifted = (await run(home, '2026-02-01T00:00:00Z')).json();
  expect(shifted.prediction_drift).toMatchObject({ column: 'prediction', drifted: true });
  expect(shifted.probability_drift).toMatchObject({ column: 'probability', drifted: true });
});

test('a version registered without stored predictions falls back to the label, and says so', async () => {
  const stable = await run(legacy, '2026-01-01T00:00:00Z');
  // The old comparison: the positive rate against the base rate flags a stable window.
  expect(stable.json().prediction_drift).toMatchObject({ drifted: true, reference: LABEL_FALLBACK });
  expect(stable.json().probability_drift).toBeNull();
  const human = await monitor(legacy, ['run', '--since', '2026-01-01T00:00:00Z', '--out', join(legacy, 'h')]);
  expect(human.stdout).toMatch(
    /^churn v1: STABLE \(.*; predictions drifted; predictions compared with the label: no stored predictions, retrain to compare like with like;/m,
  );
});
