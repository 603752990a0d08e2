import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome } from '../__tests__/fixtures';
import {
  migratedTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../postgres/__tests__/testDatabases';
import { PostgresRunStore } from '../postgres/PostgresRunStore';
import { FileSystemRunStore } from './FileSystemRunStore';
import { describeRunStoreConformance, type RunStoreUnderTest } from './runStore.conformance';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function fileSystem(): Promise<RunStoreUnderTest> {
  const root = tempHome();
  roots.push(root);
  return {
    store: new FileSystemRunStore(root),
    readArtifact: async (id, name) => readFileSync(join(root, id, 'artifacts', name)),
    async setProcess(id, pid) {
      const run = { ...JSON.parse(readFileSync(join(root, id, 'run.json'), 'utf8')), pid };
      writeFileSync(join(root, id, 'run.json'), JSON.stringify(run));
      appendFileSync(join(root, 'index.jsonl'), `${JSON.stringify(run)}\n`);
    },
  };
}

function postgres(create: () => Promise<TestDatabase>): () => Promise<RunStoreUnderTest> {
  const database = migratedTestDatabase(create, ['runs']);
  return async () => {
    const db = await database();
    const store = new PostgresRunStore(db);
    return {
      store,
      readArtifact: (id, name) => store.readArtifact(id, name),
      async setProcess(id, pid) {
        await db.query('UPDATE runs SET pid = $2 WHERE id = $1', [id, pid]);
      },
    };
  };
}

describeRunStoreConformance([
  ['the filesystem', fileSystem],
  ...testDatabaseKinds.map(([kind, create]): [string, () => Promise<RunStoreUnderTest>] => [
    `PostgreSQL (${kind})`,
    postgres(create),
  ]),
]);
