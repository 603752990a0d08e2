import type { ColumnDrift } from '@mlops/drift';
import { byDriftScore, driftScore } from './driftScore';

const column = (overrides: Partial<ColumnDrift>): ColumnDrift => ({
  column: 'x',
  kind: 'numeric',
  test: 'wasserstein',
  statistic: 0.1,
  threshold: 0.1,
  drifted: true,
  ...overrides,
});

test('1 at the threshold for every test: statistic / threshold, |z| / threshold, log p / log threshold', () => {
  expect(driftScore(column({}))).toBeCloseTo(1, 12);
  expect(driftScore(column({ test: 'zscore', statistic: -1, threshold: 0.5 }))).toBeCloseTo(2, 12);
  expect(driftScore(column({ test: 'ks', pValue: 0.05, threshold: 0.05 }))).toBeCloseTo(1, 12);
  expect(driftScore(column({ test: 'chi2', pValue: 0.0025, threshold: 0.05 }))).toBeCloseTo(2, 12);
  expect(driftScore(column({ test: 'ks', pValue: 0, threshold: 0.05 }))).toBe(Number.POSITIVE_INFINITY);
  expect(driftScore(column({ test: 'ks', pValue: 1, threshold: 0.05 }))).toBe(0);
});

test('drifted columns come first, most drifted first, ties by name', () => {
  const sorted = byDriftScore([
    column({ column: 'b', statistic: 0.05, drifted: false }),
    column({ column: 'c', statistic: 0.3 }),
    column({ column: 'a', statistic: 0.05, drifted: false }),
    column({ column: 'd', test: 'ks', pValue: 1e-9, threshold: 0.05 }),
  ]);
  expect(sorted.map((c) => c.column)).toEqual(['d', 'c', 'a', 'b']);
});
