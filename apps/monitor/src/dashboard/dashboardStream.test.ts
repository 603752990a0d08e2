import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSystemStores, PredictionLogReader, storeLayout } from '@mlops/registry';
import { logTraffic, registeredHome } from '../__tests__/fixture';
import { dashboardSummary } from './dashboardData';

let home: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-dashboard-stream-');
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 3_000 });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('a dashboard refresh after appends reads only the appended bytes, and counts them', async () => {
  const dir = join(storeLayout(home).predictions, 'churn');
  const [segment] = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  const path = join(dir, segment);
  const text = readFileSync(path, 'utf8');
  let cut = 0;
  for (let i = 0; i < 2_000; i += 1) cut = text.indexOf('\n', cut) + 1;
  writeFileSync(path, text.slice(0, cut));
  const first = await dashboardSummary({
    home,
    registry: fileSystemStores(home).registry,
    model: 'churn',
    reader: new PredictionLogReader(storeLayout(home).predictions),
  });
  expect(first.aggregates.predictions).toBe(2_000);
  appendFileSync(path, text.slice(cut));
  const reader = new PredictionLogReader(storeLayout(home).predictions);
  const refreshed = await dashboardSummary({
    home,
    registry: fileSystemStores(home).registry,
    model: 'churn',
    reader,
  });
  expect(refreshed.aggregates.predictions).toBe(3_000);
  expect(refreshed.drift?.window_rows).toBe(3_000);
  expect(refreshed.recent[0].timestamp).toBe(
    JSON.parse(text.trimEnd().split('\n').at(-1) as string).timestamp,
  );
  // Two folds (every version's, the live version's newest 5,000): each checks its entry (256 bytes),
  // reads the appended bytes, and fingerprints the new end (256 bytes).
  const appended = Buffer.byteLength(text.slice(cut));
  expect(reader.bytesRead).toBe(2 * (256 + appended + 256));
  expect(statSync(path).size).toBe(Buffer.byteLength(text));
});
