import type { DriftFilesResult } from '../driftFiles';
import { driftSummaryText } from './drift';

const summary: DriftFilesResult = {
  reference: '/d/ref.csv',
  current: '/d/cur.csv',
  schema: null,
  mode: 'data',
  referenceRows: 500,
  currentRows: 400,
  columns: [
    {
      column: 'age',
      kind: 'numeric',
      test: 'ks',
      statistic: 0.123456,
      pValue: 0.0001234,
      threshold: 0.05,
      drifted: true,
    },
    {
      column: 'plan',
      kind: 'categorical',
      test: 'jensenshannon',
      statistic: 0.02,
      threshold: 0.1,
      drifted: false,
    },
  ],
  skipped: [{ column: 'id', reason: 'id column: never drift-tested' }],
  driftedColumns: 1,
  driftShare: 0.5,
  level: 'watch',
};

test('each tested column is one line with its test, statistic, p-value when the test has one, and verdict', () => {
  const lines = driftSummaryText(summary).split('\n');
  expect(lines[0]).toBe(
    `${'age'.padEnd(24)} ${'ks'.padEnd(14)} statistic 0.1235  p 0.0001234  threshold 0.05  DRIFT`,
  );
  expect(lines[1]).toBe(
    `${'plan'.padEnd(24)} ${'jensenshannon'.padEnd(14)} statistic 0.02  threshold 0.1  ok`,
  );
});

test('skipped columns get a line with the reason, and the verdict names them', () => {
  const lines = driftSummaryText(summary).split('\n');
  expect(lines[2]).toBe(`${'id'.padEnd(24)} skipped: id column: never drift-tested`);
  expect(lines[3]).toBe('WATCH: 1/2 columns drifted (share 0.5); 1 not tested: id');
  expect(lines[4]).toBe('');
});

test('with nothing skipped the verdict has no "not tested" part', () => {
  const text = driftSummaryText({ ...summary, skipped: [] });
  expect(text.trim().split('\n').at(-1)).toBe('WATCH: 1/2 columns drifted (share 0.5)');
});

test('a column whose --test gave way to its counterpart reads "chi2 for ks"', () => {
  const text = driftSummaryText({
    ...summary,
    columns: [
      {
        ...summary.columns[1],
        test: 'chi2',
        requestedTest: 'ks',
        statistic: 3,
        pValue: 0.2,
        threshold: 0.05,
      },
    ],
  });
  expect(text.split('\n')[0]).toBe(
    `${'plan'.padEnd(24)} ${'chi2 for ks'.padEnd(14)} statistic 3  p 0.2  threshold 0.05  ok`,
  );
});
