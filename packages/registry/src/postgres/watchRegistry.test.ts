import { churnVersion } from '../__tests__/fixtures';
import { ModelRegistry } from '../versions/ModelRegistry';
import { pgliteTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { migrate } from './migrate';
import type { PGliteDatabase } from './PGliteDatabase';
import { PostgresRegistryStore } from './PostgresRegistryStore';
import { type RegistryChange, watchRegistry } from './watchRegistry';

let pglite: TestDatabase;
beforeAll(async () => {
  pglite = await pgliteTestDatabase();
  await migrate(pglite.db);
});
afterAll(() => pglite.drop());

test('on PGlite a watcher hears each registration and move of the same process, and nothing after close', async () => {
  const heard: RegistryChange[] = [];
  let wake: () => void = () => undefined;
  const watcher = watchRegistry(pglite.db as PGliteDatabase, {
    onChange: (change) => {
      heard.push(change);
      wake();
    },
  });
  await watcher.ready;
  const registry = new ModelRegistry(new PostgresRegistryStore(pglite.db));
  const heardCount = (n: number) =>
    new Promise<void>((resolve) => {
      wake = () => heard.length >= n && resolve();
      wake();
    });
  const { version } = await registry.registerVersion('churn', churnVersion());
  await registry.promote('churn', version);
  await heardCount(2);
  expect(heard).toEqual([
    { kind: 'model', model: 'churn' },
    { kind: 'model', model: 'churn' },
  ]);
  await watcher.close();
  await registry.registerVersion('churn', churnVersion());
  // A query after the commit: PGlite delivers notifications as it returns from a statement.
  await pglite.db.query('SELECT 1');
  expect(heard).toHaveLength(2);
});
