import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkDeployment } from './checkDeployment';

const REPO = resolve(__dirname, '../../..');

test('the repository passes every deployment check', () => {
  expect(checkDeployment(REPO)).toEqual([]);
});

test('reports a .dockerignore that lets the store, data or secrets into the build context', () => {
  const root = mkdtempSync(join(tmpdir(), 'deploy-all-'));
  try {
    for (const path of ['package.json', '.dockerignore', 'docker-compose.yml', '.env.example', 'deploy']) {
      cpSync(join(REPO, path), join(root, path), { recursive: true });
    }
    const path = join(root, '.dockerignore');
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replace(/^\.mlops$/m, '')
        .replace(/^\.env$/m, ''),
    );
    const messages = checkDeployment(root)
      .filter((f) => f.rule === 'dockerignore')
      .map((f) => f.message);
    expect(messages).toEqual([
      '.mlops would be sent into the build context: add it',
      '.env would be sent into the build context: add it',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
