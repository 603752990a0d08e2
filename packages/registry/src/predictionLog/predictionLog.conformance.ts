import type { PredictionLogSink } from './PredictionLogSink';
import type { PredictionLogWindow, PredictionLogWindows } from './PredictionLogWindow';
import { type PredictionRecord, predictionRole } from './PredictionRecord';

/** One backend under test: a fresh, empty log per test, its writers and its window side. */
export interface PredictionLogUnderTest {
  /** A new writer with its timer off (`flushIntervalMs: 0`), as another API process would open one. */
  writer(onError?: (error: Error, lostRows: number) => void): PredictionLogSink;
  log: PredictionLogWindows;
}

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 10);

/** Record `i` of `model`, `i` minutes after 2026-11-10 00:00 UTC unless `at` is given. */
function record(i: number, extra: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    timestamp: new Date(START + i * 60_000).toISOString(),
    request_id: `r${i}`,
    model_name: 'churn',
    model_version: 1,
    features: { tenure_months: i, plan: i % 2 ? 'pro' : 'basic', region: null },
    prediction: i % 2,
    probability: i / 100,
    latency_ms: 1.25,
    ...extra,
  };
}

const byRequest = (a: PredictionRecord, b: PredictionRecord) =>
  a.request_id < b.request_id ? -1 : a.request_id > b.request_id ? 1 : 0;

async function read(log: PredictionLogWindows, window: PredictionLogWindow): Promise<PredictionRecord[]> {
  const records: PredictionRecord[] = [];
  const result = await log.readWindow(window, { onRecord: (r) => records.push(r) });
  expect(result.records).toBe(records.length);
  return records.sort(byRequest);
}

const ids = (records: PredictionRecord[]) => records.map((r) => r.request_id);

/**
 * The contract of the prediction log, the same tests for the file log, PGlite and the
 * PostgreSQL server: what a writer stores a reader gives back as the same records, windows
 * by time and version, nothing lost on close, bad records refused alike, prune by whole units.
 */
export function describePredictionLogConformance(
  kinds: Array<[string, () => Promise<PredictionLogUnderTest>]>,
): void {
  describe.each(kinds)('the prediction log on %s', (_kind, open) => {
    let t: PredictionLogUnderTest;
    beforeEach(async () => {
      t = await open();
    });

    test('gives back every record as written, optional fields absent where they were', async () => {
      const written = [
        record(1),
        record(2, { entity: { customer_id: 'c-2' }, binned: ['income', 'age "years"'] }),
        record(3, { prediction: 'churn', probability: undefined }),
        record(4, {
          features: { 'odd key': 'a\\b"c', emoji: '✓', 'tab\tkey': 'line\nbreak\r\\N' },
          latency_ms: 0,
        }),
        record(6, {
          request_id: 'r6 \\N\ttab\nnewline\\',
          entity: { customer_id: 7 },
          binned: ['a\\b', 'c\td'],
        }),
      ];
      delete written[2].probability;
      const writer = t.writer();
      for (const r of written) writer.append(r);
      writer.append(record(5, { model_name: 'fraud' }));
      await writer.close();
      expect(writer.stats).toEqual({ queued: 0, written: 6, lost: 0 });
      expect(await read(t.log, { model: 'churn' })).toEqual([...written].sort(byRequest));
      expect(ids(await read(t.log, { model: 'fraud' }))).toEqual(['r5']);
      expect(await read(t.log, { model: 'nobody' })).toEqual([]);
    });

    test("gives back each record's role; a record without one (format 2) reads as the champion's", async () => {
      const writer = t.writer();
      const written = [
        record(1, { role: 'champion' }),
        record(2, { role: 'canary', model_version: 2 }),
        record(3, { role: 'shadow', model_version: 2, request_id: 'r1' }),
        record(4),
      ];
      for (const r of written) writer.append(r);
      writer.append(record(5, { role: 'mirror' as never }));
      await writer.close();
      expect(writer.stats).toEqual({ queued: 0, written: 4, lost: 1 });
      const back = await read(t.log, { model: 'churn' });
      expect(back).toEqual([...written].sort(byRequest));
      expect(back.map((r) => [r.request_id, r.model_version, predictionRole(r)])).toEqual([
        ['r1', 1, 'champion'],
        ['r1', 2, 'shadow'],
        ['r2', 2, 'canary'],
        ['r4', 1, 'champion'],
      ]);
      expect(back[3]).not.toHaveProperty('role');
    });

    test('a time written in another ISO 8601 form comes back at the same instant', async () => {
      const writer = t.writer();
      const times = [
        '2026-11-10T01:00:00+01:00',
        '2026-11-10T00:00:30Z',
        '2026-02-30T12:00:00.000Z',
        '2026-03-01T24:00:00.000Z',
      ];
      for (const [i, timestamp] of times.entries()) writer.append(record(i, { timestamp }));
      await writer.close();
      expect(writer.stats.written).toBe(4);
      const back = await read(t.log, { model: 'churn' });
      expect(back.map((r) => Date.parse(r.timestamp))).toEqual(times.map((time) => Date.parse(time)));
      const from = new Date('2026-11-10T00:00:00Z');
      expect(ids(await read(t.log, { model: 'churn', from, to: new Date(from.getTime() + 1) }))).toEqual([
        'r0',
      ]);
    });

    test('a window holds the records from its start up to, not including, its end', async () => {
      const writer = t.writer();
      for (let i = 0; i < 10; i += 1) writer.append(record(i));
      await writer.flush();
      const minute = (i: number) => new Date(START + i * 60_000);
      expect(ids(await read(t.log, { model: 'churn', from: minute(3), to: minute(6) }))).toEqual([
        'r3',
        'r4',
        'r5',
      ]);
      expect(ids(await read(t.log, { model: 'churn', from: minute(8) }))).toEqual(['r8', 'r9']);
      expect(ids(await read(t.log, { model: 'churn', to: minute(2) }))).toEqual(['r0', 'r1']);
      expect(await read(t.log, { model: 'churn', from: minute(20) })).toEqual([]);
      await writer.close();
    });

    test('a window of one version leaves the other versions out, across days', async () => {
      const writer = t.writer();
      for (let i = 0; i < 6; i += 1) writer.append(record(i * 720, { model_version: (i % 3) + 1 }));
      await writer.close();
      expect(ids(await read(t.log, { model: 'churn', version: 2 }))).toEqual(['r2880', 'r720']);
      expect(ids(await read(t.log, { model: 'churn', version: 3, from: new Date(START + DAY) }))).toEqual([
        'r1440',
        'r3600',
      ]);
      expect(await read(t.log, { model: 'churn' })).toHaveLength(6);
    });

    test('newest gives the last N records of the window, oldest first, across writers', async () => {
      const [a, b] = [t.writer(), t.writer()];
      for (let i = 0; i < 20; i += 1) (i % 2 ? a : b).append(record(i, { model_version: (i % 3) + 1 }));
      await Promise.all([a.close(), b.close()]);
      const inOrder = async (window: Omit<PredictionLogWindow, 'model'>) => {
        const got: string[] = [];
        await t.log.readWindow({ model: 'churn', ...window }, { onRecord: (r) => got.push(r.request_id) });
        return got;
      };
      expect(await inOrder({ newest: 3 })).toEqual(['r17', 'r18', 'r19']);
      expect(await inOrder({ newest: 2, version: 1 })).toEqual(['r15', 'r18']);
      expect(await inOrder({ newest: 3, to: new Date(START + 10 * 60_000) })).toEqual(['r7', 'r8', 'r9']);
      expect(await inOrder({ newest: 50 })).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
      await expect(
        t.log.readWindow({ model: 'churn', newest: 0 }, { onRecord: () => undefined }),
      ).rejects.toThrow('newest must be a whole number from 1, got 0');
    });

    test('close stores what was only appended; appends after close are counted lost', async () => {
      const writer = t.writer();
      for (let i = 0; i < 1_500; i += 1) writer.append(record(i));
      expect(writer.stats).toEqual({ queued: 1_500, written: 0, lost: 0 });
      expect(await read(t.log, { model: 'churn' })).toEqual([]);
      await writer.close();
      expect(writer.stats).toEqual({ queued: 0, written: 1_500, lost: 0 });
      writer.append(record(2_000));
      await writer.flush();
      expect(writer.stats).toEqual({ queued: 0, written: 1_500, lost: 1 });
      expect(await read(t.log, { model: 'churn' })).toHaveLength(1_500);
    });

    test('refuses bad records, counts and reports them, and stores the rest of the flush', async () => {
      const errors: Array<[string, number]> = [];
      const writer = t.writer((error, lost) => errors.push([error.message, lost]));
      writer.append(record(1));
      writer.append(record(2, { timestamp: 'yesterday' }));
      writer.append(record(3, { model_name: '../etc' }));
      writer.append(record(4, { model_version: 1.5 }));
      writer.append(record(5, { features: { x: Number.NaN } }));
      writer.append(record(6, { request_id: 'a\u0000b' }));
      writer.append(record(7, { features: { nested: {} } as unknown as PredictionRecord['features'] }));
      writer.append(record(8));
      writer.append(record(9, { timestamp: '+010000-01-01T00:00:00.000Z' }));
      await writer.close();
      expect(writer.stats).toEqual({ queued: 0, written: 2, lost: 7 });
      expect(errors).toEqual([
        [
          'prediction record refused: timestamp is a string that is not a time: it must be an ISO 8601 time (and 6 more records refused in this flush)',
          7,
        ],
      ]);
      expect(ids(await read(t.log, { model: 'churn' }))).toEqual(['r1', 'r8']);
    });

    test('prune removes whole units older than the cutoff and keeps every newer record', async () => {
      const old = t.writer();
      for (let day = 0; day < 3; day += 1) old.append(record(day * 1_440));
      await old.close();
      const recent = t.writer();
      recent.append(record(5 * 1_440));
      recent.append(record(5 * 1_440 + 1));
      await recent.close();
      const cutoff = new Date(START + 4 * DAY);
      const { removed } = await t.log.prune({ olderThan: cutoff });
      expect(removed.length).toBeGreaterThan(0);
      expect(ids(await read(t.log, { model: 'churn' }))).toEqual(['r7200', 'r7201']);
      expect((await t.log.prune({ olderThan: cutoff })).removed).toEqual([]);
      // A day (or segment) that reaches past the cutoff stays whole.
      expect((await t.log.prune({ olderThan: new Date(START + 5 * DAY + 30_000) })).removed).toEqual([]);
      expect(ids(await read(t.log, { model: 'churn' }))).toEqual(['r7200', 'r7201']);
    });

    test('a writer goes on after its day was pruned under it', async () => {
      const writer = t.writer();
      writer.append(record(1));
      await writer.flush();
      await t.log.prune({ olderThan: new Date(START + 2 * DAY) });
      writer.append(record(2));
      await writer.close();
      expect(writer.stats).toEqual({ queued: 0, written: 2, lost: 0 });
      expect(ids(await read(t.log, { model: 'churn' }))).toEqual(['r2']);
    });

    test('a bad model name in a window is bad-name', async () => {
      await expect(t.log.readWindow({ model: '../x' }, { onRecord: () => undefined })).rejects.toMatchObject({
        code: 'bad-name',
      });
    });
  });
}
