import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loggedRecord, tempHome } from '../__tests__/fixtures';
import { RegistryError } from '../errors';
import { PredictionLogWriter } from './PredictionLogWriter';
import type { PredictionRecord } from './PredictionRecord';
import { readPredictionLog } from './readPredictionLog';
import { nodeSegmentFiles, type SegmentFiles } from './segmentFiles';

let dir: string;
beforeEach(() => {
  dir = tempHome();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (i: number, model = 'churn'): PredictionRecord =>
  loggedRecord(i, model, { x: i, plan: 'pro' });
const lineBytes = (i: number) => Buffer.byteLength(`${JSON.stringify(record(i))}\n`);
const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/**
 * The real file layer with a disk of `space` bytes: a write that does not fit stores
 * what fits (a short write) and the next one fails with ENOSPC, as a full tmpfs does.
 */
function fullDisk(space: { bytes: number }, options: { truncateFails?: boolean } = {}): SegmentFiles {
  return {
    mkdir: nodeSegmentFiles.mkdir,
    async open(path) {
      const file = await nodeSegmentFiles.open(path);
      return {
        ...file,
        async append(data) {
          if (space.bytes <= 0) throw errno('ENOSPC');
          const part = data.subarray(0, Math.min(data.length, space.bytes));
          const wrote = await file.append(part);
          space.bytes -= wrote;
          return wrote;
        },
        async truncate(size) {
          if (options.truncateFails) throw errno('EIO');
          await file.truncate(size);
        },
      };
    },
  };
}

function segmentLines(model = 'churn'): string[][] {
  return readdirSync(join(dir, model))
    .sort()
    .map((name) => readFileSync(join(dir, model, name), 'utf8').split('\n'));
}

test('finding 6: a full disk mid-batch leaves only whole lines, counts exactly what is on disk, and the next row starts a clean line', async () => {
  const space = { bytes: 0 };
  for (let i = 0; i < 176; i += 1) space.bytes += lineBytes(i);
  space.bytes += 40; // room for 176 lines and part of the 177th
  const errors: Array<[string | undefined, number]> = [];
  const writer = new PredictionLogWriter({
    dir,
    flushIntervalMs: 0,
    files: fullDisk(space),
    onError: (error, lost) => errors.push([(error as NodeJS.ErrnoException).code, lost]),
  });
  for (let i = 0; i < 300; i += 1) writer.append(record(i));
  await writer.flush();
  expect(writer.stats).toEqual({ queued: 0, written: 176, lost: 124 });
  expect(errors).toEqual([['ENOSPC', 124]]);
  const [lines] = segmentLines();
  expect(lines.at(-1)).toBe(''); // ends on a newline: no torn line
  expect(lines.slice(0, -1).map((line) => JSON.parse(line).request_id)).toEqual(
    Array.from({ length: 176 }, (_, i) => `r${i}`),
  );

  space.bytes = Number.POSITIVE_INFINITY; // space came back
  writer.append(record(500));
  await writer.close();
  expect(writer.stats).toEqual({ queued: 0, written: 177, lost: 124 });
  const log = await readPredictionLog({ dir, model: 'churn' });
  expect(log.skippedLines).toBe(0);
  expect(log.records.map((r) => r.request_id).at(-1)).toBe('r500');
  expect(log.records).toHaveLength(177);
});

test('finding 6: short writes that succeed are continued, so every line lands whole', async () => {
  const files: SegmentFiles = {
    mkdir: nodeSegmentFiles.mkdir,
    async open(path) {
      const file = await nodeSegmentFiles.open(path);
      return { ...file, append: (data) => file.append(data.subarray(0, Math.min(7, data.length))) };
    },
  };
  const writer = new PredictionLogWriter({ dir, flushIntervalMs: 0, files });
  for (let i = 0; i < 20; i += 1) writer.append(record(i));
  await writer.close();
  expect(writer.stats).toEqual({ queued: 0, written: 20, lost: 0 });
  expect((await readPredictionLog({ dir, model: 'churn' })).records).toHaveLength(20);
});

test('finding 6: when even the cut back fails (EIO), the next rows go to a new segment and the torn line is reported', async () => {
  const space = { bytes: lineBytes(0) + lineBytes(1) + 5 };
  const writer = new PredictionLogWriter({
    dir,
    flushIntervalMs: 0,
    files: fullDisk(space, { truncateFails: true }),
  });
  for (let i = 0; i < 5; i += 1) writer.append(record(i));
  await writer.flush();
  expect(writer.stats).toEqual({ queued: 0, written: 2, lost: 3 });
  space.bytes = Number.POSITIVE_INFINITY;
  writer.append(record(9));
  await writer.close();
  const segments = segmentLines();
  expect(segments).toHaveLength(2);
  expect(segments[1].map((line) => line && JSON.parse(line).request_id)).toEqual(['r9', '']);
  const log = await readPredictionLog({ dir, model: 'churn' });
  expect(log.records.map((r) => r.request_id)).toEqual(['r0', 'r1', 'r9']);
  expect(log.skipped).toEqual([
    {
      segment: expect.stringMatching(/_0000\.jsonl$/),
      line: 3,
      reason: expect.stringMatching(/^not valid JSON/),
    },
  ]);
});

const devFull = existsSync('/dev/full') ? test : test.skip;
devFull(
  'finding 6: against /dev/full (a real ENOSPC from the kernel) every row is counted lost, none written, and writing resumes cleanly',
  async () => {
    const disk = { full: true };
    const files: SegmentFiles = {
      mkdir: nodeSegmentFiles.mkdir,
      open: (path) => nodeSegmentFiles.open(disk.full ? '/dev/full' : path),
    };
    const errors: string[] = [];
    const writer = new PredictionLogWriter({
      dir,
      flushIntervalMs: 0,
      files,
      onError: (error) => errors.push(String((error as NodeJS.ErrnoException).code)),
    });
    for (let i = 0; i < 10; i += 1) writer.append(record(i));
    await writer.flush();
    expect(writer.stats).toEqual({ queued: 0, written: 0, lost: 10 });
    expect(errors).toEqual(['ENOSPC']);
    disk.full = false;
    writer.append(record(11));
    await writer.close();
    expect(writer.stats).toEqual({ queued: 0, written: 1, lost: 10 });
    expect((await readPredictionLog({ dir, model: 'churn' })).records.map((r) => r.request_id)).toEqual([
      'r11',
    ]);
  },
);

test('finding 4: a record whose model_name is not a model name is lost, never written outside the log', async () => {
  const errors: unknown[] = [];
  const writer = new PredictionLogWriter({
    dir: join(dir, 'predictions'),
    onError: (error) => errors.push(error),
  });
  writer.append(record(1, '../../escaped'));
  await writer.close();
  expect(writer.stats).toEqual({ queued: 0, written: 0, lost: 1 });
  expect((errors[0] as RegistryError).code).toBe('bad-name');
  expect(readdirSync(dir)).toEqual([]);
  await expect(readPredictionLog({ dir, model: '../../etc' })).rejects.toMatchObject({ code: 'bad-name' });
});

test('finding 8: well-formed lines that are not records are skipped and reported with segment, line and reason', async () => {
  const writer = new PredictionLogWriter({ dir });
  writer.append(record(1));
  writer.append(record(2));
  await writer.close();
  const [segment] = readdirSync(join(dir, 'churn'));
  const good = JSON.stringify(record(3));
  const bad = [
    'null',
    '42',
    '"text"',
    '[1,2]',
    '{"request_id":"x"}',
    JSON.stringify({ ...record(4), timestamp: 'yesterday' }),
    JSON.stringify({ ...record(5), model_version: 'one' }),
    JSON.stringify({ ...record(6), features: null }),
    JSON.stringify({ ...record(7), request_id: 7 }),
    JSON.stringify({ ...record(8), prediction: null }),
    '{"timestamp":"2026',
  ];
  writeFileSync(join(dir, 'churn', segment), `${bad.slice(0, -1).join('\n')}\n${good}\n${bad.at(-1)}`, {
    flag: 'a',
  });
  const log = await readPredictionLog({ dir, model: 'churn' });
  expect(log.records.map((r) => r.request_id)).toEqual(['r1', 'r2', 'r3']);
  expect(log.skippedLines).toBe(bad.length);
  expect(log.skipped.map(({ segment: s, line, reason }) => [s === segment, line, reason])).toEqual([
    [true, 3, 'the line is null, not a record'],
    [true, 4, 'the line is a number, not a record'],
    [true, 5, 'the line is a string, not a record'],
    [true, 6, 'the line is an array, not a record'],
    [true, 7, 'timestamp is missing: it must be an ISO 8601 time'],
    [true, 8, 'timestamp is a string that is not a time: it must be an ISO 8601 time'],
    [true, 9, 'model_version is a string: it must be a number'],
    [true, 10, 'features is null: it must be an object'],
    [true, 11, 'request_id is a number: it must be a string'],
    [true, 12, 'prediction is null: it must be a number or a string'],
    [true, 14, 'not valid JSON, and the last line has no end (a writer stopped mid-line)'],
  ]);
  const few = await readPredictionLog({ dir, model: 'churn', maxSkippedListed: 2 });
  expect([few.skippedLines, few.skipped.map((s) => s.line)]).toEqual([bad.length, [3, 4]]);
});
