import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores, PredictionLogWriter, type Stores, storeLayout } from '@mlops/registry';
import { logTraffic, registerTrained, type ServerTestDatabase, serverTestDatabase } from '@mlops/testkit';
import { hashValue } from './__tests__/fixture';
import { monitorProcess } from './__tests__/monitorProcess';

// The registry in a fresh PostgreSQL database; the prediction log stays files under MLOPS_HOME.
let database: ServerTestDatabase;
let home: string;
let stores: Stores;
let version: number;
beforeAll(async () => {
  database = await serverTestDatabase();
  home = mkdtempSync(join(tmpdir(), 'mlops-monitor-pg-'));
  stores = await openStores({ home, database: { url: database.url } });
  await registerTrained(stores.registry, 'churn', {
    dataset: 'churn',
    rows: 3_000,
    seed: 1,
    model: 'logistic',
  });
  version = await registerTrained(stores.registry, 'churn', {
    dataset: 'churn',
    rows: 3_000,
    seed: 2,
    model: 'logistic',
  });
  await stores.registry.promote('churn', version, { force: true, reason: 'e2e' });
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  await logTraffic(writer, {
    from: new Date('2026-01-01T00:00:00Z'),
    rows: 1_000,
    model: await stores.registry.readModelDocument('churn', version),
    name: 'churn',
    version,
    profile: await stores.registry.readProfile('churn', version),
    hash: (value) => hashValue(value),
  });
  await writer.close();
});
afterAll(async () => {
  await stores?.close();
  await database?.drop();
  rmSync(home, { recursive: true, force: true });
});

test('monitor run with MLOPS_DATABASE_URL checks the production version read from PostgreSQL', async () => {
  const run = await monitorProcess(home, ['run', '--json'], { MLOPS_DATABASE_URL: database.url });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.json).toMatchObject({ model: 'churn', version: 2, level: 'stable', predictions: 1_000 });
  // The registry lives in the database: the folder has the log and the report, no models.
  expect(existsSync(storeLayout(home).models)).toBe(false);
  expect(existsSync(run.json.report_path)).toBe(true);
});

test('monitor run without MLOPS_DATABASE_URL does not find the model, which is only in PostgreSQL', async () => {
  const run = await monitorProcess(home, ['run', '--json']);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/^error: .*churn/);
});
