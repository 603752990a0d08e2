import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  PredictionLogReader,
  PredictionLogWriter,
  type PredictionRecord,
  storeLayout,
} from '@mlops/registry';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';

let home: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-challenger-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('without challenger records the report says there is no challenger traffic in the window', async () => {
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), stepMs: 10_000 });
  const out = join(home, 'out-none');
  const run = await monitor(home, ['run', '--json', '--since', '2026-01-01T00:00:00Z', '--out', out]);
  expect(run.json().challenger).toBeNull();
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('No challenger traffic in this window.');
});

test('a shadow logged by the project writer on the same request ids is paired with the champion in the JSON and the HTML', async () => {
  const from = '2026-03-01T00:00:00Z';
  await logTraffic(home, { from: new Date(from), stepMs: 10_000, prediction: (i) => (i % 5 === 0 ? 1 : 0) });
  const dir = storeLayout(home).predictions;
  const champion: PredictionRecord[] = [];
  await new PredictionLogReader(dir).readWindow(
    { model: 'churn', from: new Date(from) },
    { onRecord: (r) => void champion.push(r) },
  );
  expect(champion.length).toBeGreaterThan(100);
  // The shadow (version 2) scores every request; it disagrees on every 4th.
  const writer = new PredictionLogWriter({ dir });
  champion.forEach((r, i) => {
    const prediction = i % 4 === 0 ? (Number(r.prediction) === 1 ? 0 : 1) : r.prediction;
    writer.append({ ...r, role: 'shadow', model_version: 2, prediction, latency_ms: 42 });
  });
  await writer.close();
  const out = join(home, 'out-shadow');
  const run = await monitor(home, ['run', '--json', '--since', from, '--out', out]);
  expect([0, 1, 2]).toContain(run.code);
  const result = run.json();
  const disagree = champion.filter((_, i) => i % 4 === 0).length;
  const expected = {
    champion: { role: 'champion', version: 1, count: champion.length },
    challengers: [
      {
        role: 'shadow',
        version: 2,
        count: champion.length,
        agreement: { pairs: champion.length, unpaired_shadow: 0, evicted: 0 },
        latency_ms: { p50: 42, p99: 42 },
      },
    ],
  };
  expect(result.challenger).toMatchObject(expected);
  expect(result.challenger.challengers[0].agreement.agreement_rate).toBeCloseTo(
    1 - disagree / champion.length,
    12,
  );
  const shares = result.challenger.champion.predictions.shares;
  expect(shares['1']).toBeCloseTo(
    champion.filter((r) => Number(r.prediction) === 1).length / champion.length,
    12,
  );
  const report = JSON.parse(readFileSync(result.report_path, 'utf8'));
  expect(report.challenger).toMatchObject(expected);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain('<section id="challenger"><h2>Champion vs challenger</h2>');
  expect(html).toContain(`of ${champion.length} paired requests`);
  // The champion's own check is unchanged by the shadow's records: only version 1 is drift-checked.
  expect(result.predictions).toBe(champion.length);
});
