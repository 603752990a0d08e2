import { rmSync } from 'node:fs';
import { tempHome } from '../__tests__/fixtures';
import {
  migratedTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../postgres/__tests__/testDatabases';
import { PostgresPredictionLogReader } from '../postgres/PostgresPredictionLogReader';
import { PostgresPredictionLogWriter } from '../postgres/PostgresPredictionLogWriter';
import { PredictionLogReader } from './PredictionLogReader';
import { PredictionLogWriter } from './PredictionLogWriter';
import { describePredictionLogConformance, type PredictionLogUnderTest } from './predictionLog.conformance';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function files(): Promise<PredictionLogUnderTest> {
  const dir = tempHome();
  roots.push(dir);
  return {
    writer: (onError) => new PredictionLogWriter({ dir, flushIntervalMs: 0, onError }),
    log: new PredictionLogReader(dir),
  };
}

function postgres(create: () => Promise<TestDatabase>): () => Promise<PredictionLogUnderTest> {
  const database = migratedTestDatabase(create, ['prediction_log']);
  return async () => {
    const db = await database();
    // Small fetches, so every window of more than 7 rows takes several trips through the cursor.
    const log = new PostgresPredictionLogReader(db, { fetchRows: 7 });
    // Each test starts without partitions (the latest date JavaScript can represent ends them all).
    await log.prune({ olderThan: new Date(8.64e15) });
    return {
      writer: (onError) => new PostgresPredictionLogWriter({ db, flushIntervalMs: 0, onError }),
      log,
    };
  };
}

describePredictionLogConformance([
  ['files', files],
  ...testDatabaseKinds.map(([kind, create]): [string, () => Promise<PredictionLogUnderTest>] => [
    `PostgreSQL (${kind})`,
    postgres(create),
  ]),
]);
