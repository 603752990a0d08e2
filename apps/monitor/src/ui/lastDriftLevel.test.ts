import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeLayout } from '@mlops/registry';
import { lastDriftLevel } from './lastDriftLevel';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mlops-monitor-last-drift-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Writes `<home>/reports/churn/<folder>/report.json` as `monitor run` names its folders. */
function report(folder: string, body: string): void {
  const dir = join(storeLayout(home).reports, 'churn', folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), body);
}

test('is the level of the newest report folder, by its time name', async () => {
  report(
    '2026-01-02T00-00-00-000Z',
    JSON.stringify({ version: 2, generated_at: 't2', drift: { level: 'retrain' } }),
  );
  report(
    '2026-01-01T00-00-00-000Z',
    JSON.stringify({ version: 1, generated_at: 't1', drift: { level: 'stable' } }),
  );
  mkdirSync(join(storeLayout(home).reports, 'churn', '2026-01-03T00-00-00-000Z'));
  expect(await lastDriftLevel(home, 'churn')).toEqual({ level: 'retrain', version: 2, generated_at: 't2' });
});

test('is null for a model without reports, and for a newest report that is not readable JSON', async () => {
  expect(await lastDriftLevel(home, 'churn')).toBeNull();
  report('2026-01-01T00-00-00-000Z', '{"drift": {"level": "st');
  expect(await lastDriftLevel(home, 'churn')).toBeNull();
});
