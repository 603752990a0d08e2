import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrations, schemaVersion } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (files: Record<string, string>) => {
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
};

test('the shipped migrations are numbered from 1 without gaps, and schemaVersion is the last', () => {
  expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  expect(schemaVersion).toBe(migrations.length);
  expect(migrations[0]).toMatchObject({ version: 1, name: 'initial' });
  expect(migrations[0].checksum).toMatch(/^[0-9a-f]{64}$/);
});

test('migrations load in number order with their names and checksums', () => {
  write({ '0002_two.sql': 'SELECT 2', '0001_one.sql': 'SELECT 1', 'notes.txt': 'not a migration' });
  expect(loadMigrations(dir).map(({ version, name, sql }) => ({ version, name, sql }))).toEqual([
    { version: 1, name: 'one', sql: 'SELECT 1' },
    { version: 2, name: 'two', sql: 'SELECT 2' },
  ]);
});

test('a gap, a duplicate number or a badly named file is refused', () => {
  write({ '0001_one.sql': '', '0003_three.sql': '' });
  expect(() => loadMigrations(dir)).toThrow("migration '0003_three.sql' should be number 2");
  rmSync(join(dir, '0003_three.sql'));
  write({ '0001_again.sql': '' });
  expect(() => loadMigrations(dir)).toThrow("migration '0001_one.sql' should be number 2");
  rmSync(join(dir, '0001_again.sql'));
  write({ '2_Two.sql': '' });
  expect(() => loadMigrations(dir)).toThrow("migration file '2_Two.sql' is not named NNNN_name.sql");
});
