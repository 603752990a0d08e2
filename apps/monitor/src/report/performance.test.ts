import type { PredictionRecord } from '@mlops/registry';
import type { LabelJoin } from '../check/joinLabels';
import { performance } from './performance';

const binary = { task: 'binary' as const, target: 'y', classes: [0, 1], threshold: 0.5, idColumns: [] };

/** Labelled predictions, one a minute from midnight: (label, P(positive)) pairs; the class is p ≥ 0.5. */
function join(pairs: [number, number][]): LabelJoin {
  return {
    key: ['request_id'],
    hashed: false,
    labels: pairs.length,
    pairs: pairs.map(([label, p], i) => ({
      label,
      record: {
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        request_id: `r${i}`,
        model_name: 'm',
        model_version: 1,
        features: {},
        prediction: p >= 0.5 ? 1 : 0,
        probability: p,
        latency_ms: 1,
      } as PredictionRecord,
    })),
  };
}

test('ROC and PR of four scored labels: one point per distinct score, the area by trapezoids', () => {
  // Scores 0.9 (1), 0.8 (0), 0.4 (1), 0.1 (0): AUC = 3 of 4 positive-negative pairs ranked right.
  const p = performance(
    join([
      [1, 0.9],
      [0, 0.8],
      [1, 0.4],
      [0, 0.1],
    ]),
    binary,
    { roc_auc: 0.8 },
  );
  if (!p || p.task === 'regression') throw new Error('classification expected');
  expect(p.roc).toEqual({ fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], auc: 0.75 });
  expect(p.pr).toEqual({ recall: [0.5, 0.5, 1, 1], precision: [1, 0.5, 2 / 3, 0.5] });
  // Predicted 1 at 0.9 and 0.8: actual 0 → [1 predicted 0, 1 predicted 1], actual 1 → [1, 1].
  expect(p.confusion).toEqual([
    [1, 1],
    [1, 1],
  ]);
  expect(p.calibration).toEqual([
    { mean_probability: 0.1, observed_rate: 0, rows: 1 },
    { mean_probability: 0.4, observed_rate: 1, rows: 1 },
    { mean_probability: 0.8, observed_rate: 0, rows: 1 },
    { mean_probability: 0.9, observed_rate: 1, rows: 1 },
  ]);
  expect(p.registered).toEqual({ roc_auc: 0.8 });
});

test('tied scores are one threshold, so the curve does not depend on the order of ties', () => {
  const p = performance(
    join([
      [1, 0.5],
      [0, 0.5],
      [0, 0.5],
      [1, 0.5],
    ]),
    binary,
    {},
  );
  if (!p || p.task === 'regression') throw new Error('classification expected');
  expect(p.roc).toEqual({ fpr: [0, 1], tpr: [0, 1], auc: 0.5 });
});

test('a long curve is thinned to 201 points, its ends kept; metrics over time leave out thin stretches', () => {
  let state = 11;
  const next = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const pairs: [number, number][] = Array.from({ length: 5_000 }, () => {
    const p = next();
    return [next() < p ? 1 : 0, p];
  });
  const p = performance(join(pairs), binary, {});
  if (!p || p.task === 'regression' || !p.roc) throw new Error('a ROC curve expected');
  expect(p.roc.fpr).toHaveLength(201);
  expect([p.roc.fpr[0], p.roc.tpr[0], p.roc.fpr.at(-1), p.roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
  // Calibrated by construction: each bin's observed rate near its mean probability.
  for (const bin of p.calibration ?? [])
    expect(Math.abs(bin.observed_rate - bin.mean_probability)).toBeLessThan(0.06);
  expect(p.over_time).toHaveLength(12);
  expect(p.over_time.reduce((total, t) => total + t.rows, 0)).toBe(5_000);
  expect(p.over_time.every((t) => t.metrics.roc_auc > 0.6)).toBe(true);
});

test('no labelled prediction is no performance section', () => {
  expect(performance(join([]), binary, {})).toBeNull();
});

test('a multiclass model gets its confusion matrix over every class, and no curve: the log keeps P(predicted class) only', () => {
  const model = { task: 'multiclass' as const, target: 'y', classes: ['a', 'b', 'c'], idColumns: [] };
  const actual = ['a', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'b', 'c'];
  const predicted = ['a', 'b', 'b', 'b', 'c', 'a', 'c', 'a', 'c', 'c'];
  const joined: LabelJoin = {
    key: ['request_id'],
    hashed: false,
    labels: actual.length,
    pairs: actual.map((label, i) => ({
      label,
      record: {
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        request_id: `r${i}`,
        model_name: 'm',
        model_version: 1,
        features: {},
        prediction: predicted[i],
        probability: 0.7,
        latency_ms: 1,
      } as PredictionRecord,
    })),
  };
  const p = performance(joined, model, { accuracy: 0.8 });
  if (!p || p.task === 'regression') throw new Error('classification expected');
  expect(p).toMatchObject({
    task: 'multiclass',
    classes: ['a', 'b', 'c'],
    threshold: null,
    roc: null,
    pr: null,
  });
  expect(p.confusion).toEqual([
    [2, 1, 0],
    [0, 2, 1],
    [1, 0, 3],
  ]);
  // Ten labels a minute apart spread over twelve stretches: none holds the 10 a metric over time needs.
  expect(p.over_time).toEqual([]);
});
