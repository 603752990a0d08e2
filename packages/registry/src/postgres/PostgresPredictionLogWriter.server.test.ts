import pg from 'pg';
import { serverTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { migrate } from './migrate';
import { PoolDatabase } from './PoolDatabase';
import { PostgresPredictionLogReader } from './PostgresPredictionLogReader';
import { PostgresPredictionLogWriter } from './PostgresPredictionLogWriter';

let server: TestDatabase & { url: string };
beforeAll(async () => {
  server = await serverTestDatabase();
  await migrate(server.db);
});
afterAll(() => server.drop());

test('four API processes creating the same day partitions at once all store their rows', async () => {
  const pools = Array.from({ length: 4 }, () => new PoolDatabase({ connectionString: server.url, max: 1 }));
  try {
    const writers = pools.map((db) => new PostgresPredictionLogWriter({ db, flushIntervalMs: 0 }));
    writers.forEach((writer, w) => {
      for (let i = 0; i < 300; i += 1) {
        writer.append({
          timestamp: new Date(Date.UTC(2026, 5, 1 + (i % 5), 12) + w).toISOString(),
          request_id: `w${w}-${i}`,
          model_name: 'churn',
          model_version: 1,
          features: { i },
          prediction: 0,
          latency_ms: 1,
        });
      }
    });
    await Promise.all(writers.map((writer) => writer.close()));
    expect(writers.map((writer) => writer.stats)).toEqual(
      writers.map(() => ({ queued: 0, written: 300, lost: 0 })),
    );
    let count = 0;
    await new PostgresPredictionLogReader(server.db).readWindow(
      { model: 'churn' },
      { onRecord: () => count++ },
    );
    expect(count).toBe(1_200);
  } finally {
    await Promise.all(pools.map((db) => db.close()));
  }
});

test('prune gives up with lock-timeout while a partition is being read, and drops it once the read ends', async () => {
  const writer = new PostgresPredictionLogWriter({ db: server.db, flushIntervalMs: 0 });
  writer.append({
    timestamp: '2026-07-01T12:00:00.000Z',
    request_id: 'held',
    model_name: 'held',
    model_version: 1,
    features: {},
    prediction: 0,
    latency_ms: 1,
  });
  await writer.close();
  const reading = new pg.Client({ connectionString: server.url });
  await reading.connect();
  try {
    // A monitor's read in progress: its transaction holds the partition until it ends.
    await reading.query('BEGIN');
    await reading.query("SELECT count(*) FROM prediction_log WHERE model_name = 'held'");
    const log = new PostgresPredictionLogReader(server.db, { lockTimeoutMs: 100 });
    const olderThan = new Date('2026-07-02T00:00:00Z');
    await expect(log.prune({ olderThan })).rejects.toMatchObject({ code: 'lock-timeout' });
    await reading.query('COMMIT');
    expect((await log.prune({ olderThan })).removed).toContain('prediction_log_20260701');
  } finally {
    await reading.end();
  }
});
