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
