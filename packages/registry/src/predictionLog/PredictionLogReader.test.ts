import { appendFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loggedRecord, tempHome } from '../__tests__/fixtures';
import { PredictionLogReader } from './PredictionLogReader';
import { PredictionLogWriter } from './PredictionLogWriter';
import type { PredictionRecord } from './PredictionRecord';

let dir: string;
beforeEach(() => {
  dir = tempHome();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function write(from: number, rows: number, writer: PredictionLogWriter): Promise<void> {
  for (let i = from; i < from + rows; i += 1) writer.append(loggedRecord(i, 'churn'));
  await writer.flush();
}

test('reads a segment from the end of its last read: only the appended lines, numbered as in the whole segment', async () => {
  const writer = new PredictionLogWriter({ dir, flushIntervalMs: 0, maxSegmentBytes: 1 << 30 });
  await write(0, 30, writer);
  const reader = new PredictionLogReader(dir);
  const [segment] = await reader.segments('churn');
  const first: string[] = [];
  const read = await reader.readSegment(segment, {
    onRecord: (record) => first.push(record.request_id),
    onSkip: () => undefined,
  });
  expect(first).toHaveLength(30);
  expect(read).toEqual({ end: segment.size, lines: 30 });
  expect(reader.bytesRead).toBe(segment.size);
  await write(30, 5, writer);
  await writer.close();
  appendFileSync(segment.path, 'not json\n');
  const [grown] = await reader.segments('churn');
  const later: PredictionRecord[] = [];
  const skipped: number[] = [];
  const next = await reader.readSegment(grown, {
    from: read.end,
    linesBefore: read.lines,
    onRecord: (record) => later.push(record),
    onSkip: (line) => skipped.push(line.line),
  });
  expect(later.map((r) => r.request_id)).toEqual(['r30', 'r31', 'r32', 'r33', 'r34']);
  expect(skipped).toEqual([36]);
  expect(next).toEqual({ end: grown.size, lines: 36 });
  expect(reader.bytesRead).toBe(grown.size);
});

test("a last line without its newline is passed as the tail and left out of the read's end", async () => {
  const writer = new PredictionLogWriter({ dir, flushIntervalMs: 0 });
  await write(0, 3, writer);
  await writer.close();
  const reader = new PredictionLogReader(dir);
  const [segment] = await reader.segments('churn');
  const whole = statSync(segment.path).size;
  appendFileSync(segment.path, JSON.stringify(loggedRecord(3, 'churn')));
  const tails: boolean[] = [];
  const [grown] = await reader.segments('churn');
  const read = await reader.readSegment(grown, {
    onRecord: (_, tail) => tails.push(tail),
    onSkip: () => undefined,
  });
  expect(tails).toEqual([false, false, false, true]);
  expect(read).toEqual({ end: whole, lines: 3 });
  expect(await new PredictionLogReader(join(dir, 'nowhere')).segments('churn')).toEqual([]);
});
