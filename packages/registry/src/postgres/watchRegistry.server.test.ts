import { churnVersion } from '../__tests__/fixtures';
import { ModelRegistry } from '../versions/ModelRegistry';
import { serverTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { migrate } from './migrate';
import { PoolDatabase } from './PoolDatabase';
import { PostgresRegistryStore } from './PostgresRegistryStore';
import { type RegistryChange, watchRegistry } from './watchRegistry';

let server: TestDatabase & { url: string };
beforeAll(async () => {
  server = await serverTestDatabase();
  await migrate(server.db);
});
afterAll(() => server.drop());

/** The changes a watcher hears, and a promise for the next one matching `test`. */
function recorder() {
  const heard: RegistryChange[] = [];
  const waiting: Array<{ test: (change: RegistryChange) => boolean; resolve: () => void }> = [];
  return {
    heard,
    onChange(change: RegistryChange) {
      heard.push(change);
      for (const wait of [...waiting]) {
        if (wait.test(change)) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve();
        }
      }
    },
    next(test: (change: RegistryChange) => boolean): Promise<void> {
      if (heard.some(test)) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ test, resolve }));
    },
  };
}

test('a promote on one connection is heard on another, after it commits', async () => {
  const other = new PoolDatabase({ connectionString: server.url, max: 2 });
  const registry = new ModelRegistry(new PostgresRegistryStore(other));
  const heard = recorder();
  const watcher = watchRegistry(server.url, { onChange: heard.onChange });
  try {
    await watcher.ready;
    const { version } = await registry.registerVersion('churn', churnVersion());
    await heard.next((change) => change.kind === 'model' && change.model === 'churn');
    const before = heard.heard.length;
    await registry.promote('churn', version);
    await heard.next(() => heard.heard.length > before);
    expect(heard.heard.slice(before)).toEqual([{ kind: 'model', model: 'churn' }]);
    // A move that rolls back is never announced: the next thing heard is the next commit.
    const failing = new ModelRegistry(new PostgresRegistryStore(other));
    await expect(failing.setAlias('churn', 'staging', 99)).rejects.toMatchObject({ code: 'unknown-version' });
    await registry.setAlias('churn', 'staging', version);
    await registry.registerVersion('marker', churnVersion());
    await heard.next((change) => change.kind === 'model' && change.model === 'marker');
    expect(heard.heard.slice(before)).toEqual([
      { kind: 'model', model: 'churn' },
      { kind: 'model', model: 'churn' },
      { kind: 'model', model: 'marker' },
    ]);
  } finally {
    await watcher.close();
    await other.close();
  }
});

test('a killed listening connection is made again and followed by a resync, then changes are heard again', async () => {
  const registry = new ModelRegistry(new PostgresRegistryStore(server.db));
  const heard = recorder();
  const errors: Error[] = [];
  const watcher = watchRegistry(server.url, {
    onChange: heard.onChange,
    onError: (error) => errors.push(error),
    reconnectDelayMs: 50,
  });
  try {
    await watcher.ready;
    const { rows } = await server.db.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
       WHERE datname = current_database() AND query = 'LISTEN mlops_registry'`,
    );
    expect(rows).toEqual([{ killed: true }]);
    await heard.next((change) => change.kind === 'resync');
    expect(watcher.reconnects).toBe(1);
    expect(errors.length).toBeGreaterThan(0);
    await registry.registerVersion('fraud', churnVersion());
    await heard.next((change) => change.kind === 'model' && change.model === 'fraud');
  } finally {
    await watcher.close();
  }
});
