import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('depends on no workspace library but @mlops/features and @mlops/models, so the registry can test with it', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const workspace = Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@mlops/'));
  expect(workspace.sort()).toEqual(['@mlops/features', '@mlops/models']);
});
