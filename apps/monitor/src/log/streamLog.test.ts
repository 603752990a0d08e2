import {
  appendFileSync,
  cpSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type NumericWindow, QuantileSketch } from '@mlops/drift';
import { openRegistry, PredictionLogReader, storeLayout } from '@mlops/registry';
import { logTraffic, registeredHome } from '../__tests__/fixture';
import { featureDrift, foldFeatureDrift } from '../check/featureDrift';
import { outputReferences } from '../check/predictionDrift';
import { selectWindow } from '../check/timeWindow';
import { readVersionFields, type VersionForCheck } from '../check/versionFields';
import { FOLD_CACHE_DIR } from './foldCache';
import type { LogFold } from './LogFold';
import type { FoldConfig } from './LogFolder';
import { readLog } from './readLog';
import { streamLog } from './streamLog';
import { versionFoldConfig } from './versionFoldConfig';

// Two segments (two writer runs) of 3,000 and 2,000 predictions, one every 2 s; the
// second run's numbers shifted so the merge has something to add up.
let home: string;
let fields: VersionForCheck;
let config: FoldConfig;
let logDir: string;
let work: string;
let segments: string[];
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-stream-');
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 3_000, stepMs: 2_000 });
  await logTraffic(home, {
    from: new Date('2026-01-01T01:40:00Z'),
    rows: 2_000,
    stepMs: 2_000,
    shift: { tenure_months: 5 },
  });
  logDir = storeLayout(home).predictions;
  segments = readdirSync(join(logDir, 'churn'))
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  const registry = openRegistry(home);
  fields = await readVersionFields(registry, 'churn', 1);
  config = versionFoldConfig(1, fields, outputReferences(fields.profile));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeEach(() => {
  work = join(home, `copy-${Math.random().toString(36).slice(2)}`);
  cpSync(logDir, work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Cuts a copied segment back to its first `lines` lines; returns the bytes cut off. */
function cutSegment(name: string, lines: number): string {
  const path = join(work, 'churn', name);
  const text = readFileSync(path, 'utf8');
  let end = 0;
  for (let i = 0; i < lines; i += 1) end = text.indexOf('\n', end) + 1;
  writeFileSync(path, text.slice(0, end));
  return text.slice(end);
}

const onePass = () => streamLog({ dir: logDir, model: 'churn', config, cache: false });

/** Everything of a fold that adds up exactly; the sketches are compared apart. */
function exactParts(fold: LogFold) {
  const numeric = (column: NumericWindow) => ({
    ...column,
    sketch: column.sketch.n,
    sum: Math.round(column.sum * 1e6),
    m2: Math.round(column.m2),
  });
  const columns = Object.fromEntries(
    Object.entries(fold.profile?.columns ?? {}).map(([name, column]) => [
      name,
      column.kind === 'numeric' ? numeric(column) : column,
    ]),
  );
  return {
    rows: fold.rows,
    first: fold.first,
    last: fold.last,
    minutes: fold.minutes,
    latencyCounts: fold.latencyCounts,
    outputs: { ...fold.outputs, predictionSketch: fold.outputs.predictionSketch.n },
    columns,
    usage: fold.usage,
    quality: fold.quality,
  };
}

test('a fold of the log read in one pass equals the cached segments plus the rows appended since, and the in-memory profile', async () => {
  const appended = cutSegment(segments[1], 1_200);
  await streamLog({ dir: work, model: 'churn', config });
  appendFileSync(join(work, 'churn', segments[1]), appended);
  const folded = await streamLog({ dir: work, model: 'churn', config });
  const whole = await onePass();
  expect(folded.fold.rows).toBe(5_000);
  expect(exactParts(folded.fold)).toEqual(exactParts(whole.fold));
  // Sketches merged in other places agree within KLL's rank error (k = 200: about 1 %).
  const tenure = (fold: LogFold) =>
    QuantileSketch.fromJSON(
      (fold.profile?.columns.tenure_months as NumericWindow | undefined)?.sketch ?? {
        k: 0,
        n: 0,
        min: 0,
        max: 0,
        levels: [],
        coin: 1,
      },
    );
  for (const q of [0.1, 0.5, 0.9]) {
    const a = tenure(folded.fold).quantile(q);
    const b = tenure(whole.fold).quantile(q);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(2);
  }
  // The in-memory path (every record held, profiled hour by hour) counts the same.
  const log = await readLog({ dir: logDir, model: 'churn' });
  const memory = featureDrift(log.records, fields, { outputs: outputReferences(fields.profile) });
  const streamed = foldFeatureDrift(whole.fold, fields);
  for (const [name, column] of Object.entries(memory.window.columns)) {
    const mine = streamed.window.columns[name];
    expect(mine.kind).toBe(column.kind);
    expect('counts' in mine && mine.counts).toEqual('counts' in column && column.counts);
  }
  expect(streamed.drift.columns.map((c) => [c.column, c.statistic.toFixed(10)])).toEqual(
    memory.drift.columns.map((c) => [c.column, c.statistic.toFixed(10)]),
  );
});

test('a watch tick after appends reads only the appended bytes (and 256 bytes per segment to check its cache)', async () => {
  const appended = cutSegment(segments[1], 1_200);
  const first = new PredictionLogReader(work);
  await streamLog({ dir: work, model: 'churn', config, reader: first });
  const sizes = segments.map((name) => statSync(join(work, 'churn', name)).size);
  // Each segment whole, then the 256 bytes its cache entry is checked by.
  expect(first.bytesRead).toBe(sizes[0] + sizes[1] + 256 * 2);
  appendFileSync(join(work, 'churn', segments[1]), appended);
  const tick = new PredictionLogReader(work);
  const after = await streamLog({ dir: work, model: 'churn', config, reader: tick });
  expect(after.fold.rows).toBe(5_000);
  // Both entries checked, the new bytes of the grown segment, and its new entry's 256 bytes.
  expect(tick.bytesRead).toBe(256 * 2 + Buffer.byteLength(appended) + 256);
  const idle = new PredictionLogReader(work);
  await streamLog({ dir: work, model: 'churn', config, reader: idle });
  expect(idle.bytesRead).toBe(256 * 2);
});

test('a corrupt cache file, or a segment rewritten under its name, is ignored and rebuilt', async () => {
  const whole = await onePass();
  await streamLog({ dir: work, model: 'churn', config });
  const [key] = readdirSync(join(work, 'churn', FOLD_CACHE_DIR));
  const cacheDir = join(work, 'churn', FOLD_CACHE_DIR, key);
  expect(readdirSync(cacheDir).sort()).toEqual(segments.map((name) => `${name}.json`));
  for (const file of readdirSync(cacheDir)) writeFileSync(join(cacheDir, file), '{"format":1,"key":');
  const reader = new PredictionLogReader(work);
  const rebuilt = await streamLog({ dir: work, model: 'churn', config, reader });
  expect(exactParts(rebuilt.fold)).toEqual(exactParts(whole.fold));
  const sizes = segments.map((name) => statSync(join(work, 'churn', name)).size);
  expect(reader.bytesRead).toBe(sizes[0] + sizes[1] + 256 * 2);
  // Same name, fewer lines: the cached fold of the longer segment no longer fits.
  cutSegment(segments[0], 1_000);
  const shorter = await streamLog({ dir: work, model: 'churn', config });
  expect(shorter.fold.rows).toBe(3_000);
});

test('malformed lines are skipped and counted on every tick, cached or not; an unfinished last line is not cached', async () => {
  const path = join(work, 'churn', segments[0]);
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  lines.splice(10, 0, 'null', '{"timestamp":');
  writeFileSync(path, `${lines.join('\n')}\n{"timestamp":"2026-01-02T00:00:00.000Z","reque`);
  const expected = {
    count: 3,
    first: [
      { segment: segments[0], line: 11, reason: 'the line is null, not a record' },
      { segment: segments[0], line: 12, reason: 'not valid JSON' },
      {
        segment: segments[0],
        line: 3_003,
        reason: 'not valid JSON, and the last line has no end (a writer stopped mid-line)',
      },
    ],
  };
  const first = await streamLog({ dir: work, model: 'churn', config });
  expect(first.skipped).toEqual(expected);
  expect(first.fold.rows).toBe(5_000);
  const second = await streamLog({ dir: work, model: 'churn', config });
  expect(second.skipped).toEqual(expected);
  // The writer finishes the line: it is a record now, not a skipped line.
  const record = JSON.parse(lines[0]);
  truncateSync(path, statSync(path).size - '{"timestamp":"2026-01-02T00:00:00.000Z","reque'.length);
  appendFileSync(path, `${JSON.stringify({ ...record, timestamp: '2026-01-02T00:00:00.000Z' })}\n`);
  const third = await streamLog({ dir: work, model: 'churn', config });
  expect(third.skipped.count).toBe(2);
  expect(third.fold.rows).toBe(5_001);
});

test('a window of the last N rows, or of the last 30 minutes, holds exactly the rows the in-memory window held', async () => {
  const log = await readLog({ dir: logDir, model: 'churn' });
  for (const window of [
    { kind: 'rows', rows: 1_500, label: '1500 rows' },
    { kind: 'rows', rows: 2_001, label: '2001 rows' },
    { kind: 'time', ms: 30 * 60_000, label: '30m' },
  ] as const) {
    const records = selectWindow(log.records, window);
    const memory = featureDrift(records, fields, { outputs: outputReferences(fields.profile) });
    await streamLog({ dir: work, model: 'churn', config, window });
    const streamed = await streamLog({ dir: work, model: 'churn', config, window });
    expect(streamed.fold.rows).toBe(records.length);
    expect(streamed.fold.first).toBe(records[0].timestamp);
    const tenure = streamed.fold.profile?.columns.tenure_months as NumericWindow;
    expect(tenure.counts).toEqual((memory.window.columns.tenure_months as NumericWindow).counts);
  }
});

test('a window of the newest N rows within the cached newest records holds the in-memory rows and reads no segment again', async () => {
  const log = await readLog({ dir: logDir, model: 'churn' });
  const window = { kind: 'rows', rows: 1_500, label: '1500 rows' } as const;
  const records = selectWindow(log.records, window);
  const recent = versionFoldConfig(1, fields, outputReferences(fields.profile), 1_500);
  await streamLog({ dir: work, model: 'churn', config: recent, window });
  const tick = new PredictionLogReader(work);
  const streamed = await streamLog({ dir: work, model: 'churn', config: recent, window, reader: tick });
  expect(tick.bytesRead).toBe(256 * 2);
  expect(streamed.fold.rows).toBe(1_500);
  expect(streamed.fold.first).toBe(records[0].timestamp);
  const memory = featureDrift(records, fields, { outputs: outputReferences(fields.profile) });
  const tenure = streamed.fold.profile?.columns.tenure_months as NumericWindow;
  expect(tenure.counts).toEqual((memory.window.columns.tenure_months as NumericWindow).counts);
});

test('until= ends the window: records before it only, a segment wholly after it unread, one wholly inside from its fold', async () => {
  await streamLog({ dir: work, model: 'churn', config });
  const log = await readLog({ dir: logDir, model: 'churn' });
  const count = (since: string, until: string) =>
    log.records.filter((r) => r.timestamp >= since && r.timestamp < until).length;
  const reader = new PredictionLogReader(work);
  // The first writer run ends at 01:39:58, the second starts at 01:40:00.
  const first = await streamLog({
    dir: work,
    model: 'churn',
    config,
    until: new Date('2026-01-01T01:40:00Z'),
    reader,
  });
  expect(first.fold.rows).toBe(3_000);
  expect(first.fold.last).toBe('2026-01-01T01:39:58.000Z');
  // Only the 256 bytes per segment that check the cache: neither segment is read again.
  expect(reader.bytesRead).toBe(256 * 2);
  const across = await streamLog({
    dir: work,
    model: 'churn',
    config,
    since: new Date('2026-01-01T01:00:00Z'),
    until: new Date('2026-01-01T02:00:00Z'),
  });
  expect(across.fold.rows).toBe(count('2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z'));
  expect(across.fold.rows).toBe(1_800);
  expect(across.fold.last).toBe('2026-01-01T01:59:58.000Z');
});
