import { existsSync } from 'node:fs';
import { openStores, storeLayout } from '@mlops/registry';
import { type ServerTestDatabase, serverTestDatabase } from '@mlops/testkit';
import { trainChurnArgs } from './__tests__/churnCommands';
import { useMlopsProcess } from './__tests__/cliProcess';

// The built CLI as a child process with MLOPS_DATABASE_URL set to a database of this file's own.
const env: NodeJS.ProcessEnv = {};
const { folders, mlops } = useMlopsProcess(env);
let database: ServerTestDatabase;
beforeAll(async () => {
  database = await serverTestDatabase();
  env.MLOPS_DATABASE_URL = database.url;
});
afterAll(() => database?.drop());

test('db status shows a fresh database pending, db migrate applies it once, then nothing', async () => {
  const before = await mlops('db', 'status', '--json');
  expect(before.code).toBe(0);
  expect(before.json).toMatchObject({ version: 0, up_to_date: false });
  expect(before.json.pending[0]).toEqual({ version: 1, name: 'initial' });
  const first = await mlops('db', 'migrate');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^applied migrations? 1(, \d+)*: the schema is at version \d+\n$/);
  const again = await mlops('db', 'migrate', '--json');
  expect(again.json).toEqual({ database: database.url, version: before.json.latest, applied: [] });
  const after = await mlops('db', 'status', '--json');
  expect(after.json).toMatchObject({ version: before.json.latest, pending: [], up_to_date: true });
});

test('train registers in PostgreSQL, models promote and list read it back, and nothing lands under MLOPS_HOME/registry', async () => {
  expect((await mlops('generate', 'churn', '--rows', '1500', '--out', 'churn.arrow')).code).toBe(0);
  const first = await mlops(...trainChurnArgs('--model', 'logistic', '--json'));
  expect(first.code).toBe(0);
  expect(first.json).toMatchObject({ name: 'churn', version: 1, promoted: true });
  const second = await mlops(...trainChurnArgs('--model', 'decision_tree', '--no-promote', '--json'));
  expect(second.json).toMatchObject({ version: 2, promoted: false });

  const promoted = await mlops('models', 'promote', 'churn', '2', '--force', '--reason', 'e2e', '--json');
  expect(promoted.code).toBe(0);
  expect(promoted.json).toMatchObject({ action: 'promote', from: 1, to: 2 });
  const list = await mlops('models', 'list', '--json');
  expect(list.json.models[0].versions.map((v: { aliases: string[] }) => v.aliases)).toEqual([
    [],
    ['production'],
  ]);
  const runs = await mlops('runs', 'list', '--json');
  expect(runs.json.runs).toHaveLength(2);
  expect(existsSync(storeLayout(folders.home).models)).toBe(false);
  expect(existsSync(storeLayout(folders.home).runs)).toBe(false);
});

test('a database newer than the code is refused by every command, naming both versions', async () => {
  const { PoolDatabase } = await import('@mlops/registry');
  const db = new PoolDatabase({ connectionString: database.url, max: 1 });
  await db.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')`);
  try {
    const list = await mlops('models', 'list');
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(
      /^error: the database's schema is at version 999, newer than this code knows/,
    );
    const status = await mlops('db', 'status', '--json');
    expect(status.json).toMatchObject({ version: 999 });
    expect(status.stdout).not.toMatch(/up to date/);
  } finally {
    await db.query('DELETE FROM schema_migrations WHERE version = 999');
    await db.close();
  }
});

test('log prune --older-than 30d drops the day partitions of prediction_log before the cutoff, and keeps the newer rows', async () => {
  const DAY_MS = 86_400_000;
  const stores = await openStores({ home: folders.home, database: { url: database.url } });
  try {
    const writer = stores.openPredictionLog({ flushIntervalMs: 0 });
    const old = new Date(Date.now() - 40 * DAY_MS);
    for (const [id, at] of [
      ['old', old],
      ['recent', new Date(Date.now() - DAY_MS)],
    ] as const)
      writer.append({
        timestamp: at.toISOString(),
        request_id: id,
        model_name: 'churn',
        model_version: 1,
        features: { tenure_months: 3 },
        prediction: 1,
        probability: 0.7,
        latency_ms: 1,
      });
    await writer.close();
    expect(writer.stats.written).toBe(2);
    const pruned = await mlops('log', 'prune', '--older-than', '30d', '--json');
    expect(pruned.code).toBe(0);
    const day = old.toISOString().slice(0, 10).replace(/-/g, '');
    expect(pruned.json).toMatchObject({ store: 'postgres', removed: [`prediction_log_${day}`] });
    const ids: string[] = [];
    await stores.predictionLog.readWindow(
      { model: 'churn' },
      { onRecord: (record) => ids.push(record.request_id) },
    );
    expect(ids).toEqual(['recent']);
    const again = await mlops('log', 'prune', '--older-than', '30d');
    expect(again.stdout).toMatch(/nothing removed\n$/);
  } finally {
    await stores.close();
  }
});
