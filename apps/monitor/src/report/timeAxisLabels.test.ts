import { timeAxisLabels } from './timeAxisLabels';

/** 120 bucket starts over `spanMs` from `from`, as the report's aggregates give them. */
const buckets = (from: string, spanMs: number, n = 120) =>
  Array.from({ length: n }, (_, b) => new Date(Date.parse(from) + (b * spanMs) / n).toISOString());
const shown = (labels: string[]) => labels.filter((_, i) => i % Math.ceil(labels.length / 6) === 0);

test('a log of one minute is labelled in seconds, not six times the same minute', () => {
  const axis = timeAxisLabels(buckets('2026-01-01T10:00:00Z', 60_000));
  expect(shown(axis.labels)).toEqual([
    '10:00:00',
    '10:00:10',
    '10:00:20',
    '10:00:30',
    '10:00:40',
    '10:00:50',
  ]);
  expect(axis.caption).toBe('UTC, 2026-01-01');
});

test('a log of a few hours within a day is labelled in minutes, the date said once', () => {
  const axis = timeAxisLabels(buckets('2026-01-01T00:00:00Z', 6 * 3_600_000));
  expect(shown(axis.labels)).toEqual(['00:00', '01:00', '02:00', '03:00', '04:00', '05:00']);
  expect(axis.caption).toBe('UTC, 2026-01-01');
});

test('a log across days carries the date in each label; a month of log is labelled by date', () => {
  const days = timeAxisLabels(buckets('2026-01-01T00:00:00Z', 3 * 86_400_000));
  expect(shown(days.labels)).toEqual([
    '01-01 00:00',
    '01-01 12:00',
    '01-02 00:00',
    '01-02 12:00',
    '01-03 00:00',
    '01-03 12:00',
  ]);
  const month = timeAxisLabels(buckets('2026-01-01T00:00:00Z', 60 * 86_400_000));
  expect(shown(month.labels)).toEqual([
    '2026-01-01',
    '2026-01-11',
    '2026-01-21',
    '2026-01-31',
    '2026-02-10',
    '2026-02-20',
  ]);
  expect(month.caption).toBe('UTC dates');
});

test('an evening log that crosses midnight never drops the date', () => {
  const axis = timeAxisLabels(buckets('2026-01-01T22:00:00Z', 4 * 3_600_000));
  expect(shown(axis.labels)[0]).toBe('01-01 22:00');
  expect(shown(axis.labels)).toContain('01-02 00:00');
  expect(axis.caption).toBe('UTC, from 2026-01-01');
});

test('every label is its bucket start cut to the format, never a later time', () => {
  const starts = buckets('2026-03-04T05:06:07.890Z', 7_000);
  const axis = timeAxisLabels(starts);
  axis.labels.forEach((label, i) => {
    expect(starts[i].slice(11)).toMatch(new RegExp(`^${label.replace(/\./g, '\\.')}`));
  });
});
