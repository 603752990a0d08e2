import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tempHome } from '../__tests__/fixtures';
import { pathUnder } from '../names/pathUnder';
import {
  migratedTestDatabase,
  registryTables,
  type TestDatabase,
  testDatabaseKinds,
} from '../postgres/__tests__/testDatabases';
import { PostgresRegistryStore } from '../postgres/PostgresRegistryStore';
import { FileSystemStore } from '../storage/FileSystemStore';
import { ModelRegistry } from './ModelRegistry';
import { describeRegistryConformance, type RegistryUnderTest } from './registry.conformance';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function fileSystem(): Promise<RegistryUnderTest> {
  const root = tempHome();
  roots.push(root);
  return {
    registry: new ModelRegistry(new FileSystemStore(root)),
    async corruptFile(model, version, file) {
      const path = pathUnder(root, model, 'versions', String(version), file);
      const bytes = readFileSync(path);
      bytes[Math.floor(bytes.length / 2)] ^= 1;
      writeFileSync(path, bytes);
    },
  };
}

function postgres(create: () => Promise<TestDatabase>): () => Promise<RegistryUnderTest> {
  const database = migratedTestDatabase(create, registryTables);
  return async () => {
    const db = await database();
    return {
      registry: new ModelRegistry(new PostgresRegistryStore(db)),
      async corruptFile(model, version, file) {
        const { rowCount } = await db.query(
          `UPDATE artifacts a SET bytes = set_byte(a.bytes, length(a.bytes) / 2, get_byte(a.bytes, length(a.bytes) / 2) # 1)
           FROM models m WHERE m.id = a.model_id AND m.name = $1 AND a.version = $2 AND a.name = $3`,
          [model, version, file],
        );
        expect(rowCount).toBe(1);
      },
    };
  };
}

describeRegistryConformance([
  ['the filesystem', fileSystem],
  ...testDatabaseKinds.map(([kind, create]): [string, () => Promise<RegistryUnderTest>] => [
    `PostgreSQL (${kind})`,
    postgres(create),
  ]),
]);
