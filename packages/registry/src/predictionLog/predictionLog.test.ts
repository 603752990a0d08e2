import { appendFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loggedRecord, tempHome } from '../__tests__/fixtures';
import { PredictionLogWriter } from './PredictionLogWriter';
import type { PredictionRecord } from './PredictionRecord';
import { readPredictionLog } from './readPredictionLog';

let dir: string;
beforeEach(() => {
  dir = tempHome();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (i: number, model = 'churn'): PredictionRecord => loggedRecord(i, model);

test('every appended record is on disk after close, per model, in time order', async () => {
  const writer = new PredictionLogWriter({ dir, flushIntervalMs: 10 });
  for (let i = 0; i < 50; i += 1) writer.append(record(i));
  writer.append(record(99, 'credit'));
  await writer.close();
  const log = await readPredictionLog({ dir, model: 'churn' });
  expect(log.records.map((r) => r.request_id)).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`));
  expect((await readPredictionLog({ dir, model: 'credit' })).records).toHaveLength(1);
  expect(writer.stats).toEqual({ queued: 0, written: 51, lost: 0 });
});

test('two writers (two API processes) keep separate segments that one read merges', async () => {
  const a = new PredictionLogWriter({ dir });
  const b = new PredictionLogWriter({ dir });
  a.append(record(2));
  b.append(record(1));
  await Promise.all([a.close(), b.close()]);
  expect(readdirSync(join(dir, 'churn'))).toHaveLength(2);
  expect((await readPredictionLog({ dir, model: 'churn' })).records.map((r) => r.request_id)).toEqual([
    'r1',
    'r2',
  ]);
});

test('rolls to a new segment past the size limit', async () => {
  const writer = new PredictionLogWriter({ dir, maxSegmentBytes: 300 });
  for (let i = 0; i < 6; i += 1) {
    writer.append(record(i));
    await writer.flush();
  }
  await writer.close();
  expect(readdirSync(join(dir, 'churn')).length).toBeGreaterThan(1);
  expect((await readPredictionLog({ dir, model: 'churn' })).records).toHaveLength(6);
});

test('an unwritable log folder loses rows without throwing, and counts them', async () => {
  // A file where the model's folder should be: fails for root too, unlike permission bits.
  writeFileSync(join(dir, 'churn'), 'not a folder');
  const errors: string[] = [];
  const writer = new PredictionLogWriter({ dir, onError: (error) => errors.push(error.message) });
  writer.append(record(1));
  writer.append(record(2));
  await writer.close();
  expect(writer.stats).toEqual({ queued: 0, written: 0, lost: 2 });
  expect(errors).toHaveLength(1);
  writer.append(record(3));
  expect(writer.stats.lost).toBe(3);
});

test('skips a torn last line instead of failing the read', async () => {
  const writer = new PredictionLogWriter({ dir });
  writer.append(record(1));
  await writer.close();
  const [segment] = readdirSync(join(dir, 'churn'));
  appendFileSync(join(dir, 'churn', segment), '{"timestamp":"2026');
  const log = await readPredictionLog({ dir, model: 'churn' });
  expect(log.records).toHaveLength(1);
  expect(log.skippedLines).toBe(1);
});

test('with the timer off, nothing is written until flush, and the queue says so', async () => {
  const writer = new PredictionLogWriter({ dir, flushIntervalMs: 0 });
  writer.append(record(1));
  writer.append(record(2));
  expect(writer.stats).toEqual({ queued: 2, written: 0, lost: 0 });
  await writer.flush();
  expect(writer.stats).toEqual({ queued: 0, written: 2, lost: 0 });
  await writer.close();
  expect(() => new PredictionLogWriter({ dir, flushIntervalMs: -1 })).toThrow(/flushIntervalMs must be 0/);
});
