import { existsSync, readFileSync, rmSync } from 'node:fs';
import { logTraffic as logChurnTraffic, registeredHome, monitor as runMonitor } from './__tests__/fixture';

let home: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const logTraffic = (from: Date, shift: Record<string, number>) => logChurnTraffic(home, { from, shift });
const monitor = (...argv: string[]) => runMonitor(home, argv);

test('traffic like the training data is stable: exit 0 and a report file', async () => {
  await logTraffic(new Date('2026-01-01T00:00:00Z'), {});
  const { code, stdout } = await monitor('run', '--json', '--since', '2026-01-01T00:00:00Z');
  expect(code).toBe(0);
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
  expect(result).toMatchObject({ model: 'churn', version: 1, predictions: 2_000 });
  expect(result.drift.level).toBe('stable');
  expect(existsSync(result.report_path)).toBe(true);
  expect(JSON.parse(readFileSync(result.report_path, 'utf8')).drift.level).toBe('stable');
});

test('one shifted feature is watch (exit 1), three are retrain (exit 2)', async () => {
  await logTraffic(new Date('2026-02-01T00:00:00Z'), { monthly_charges: 40 });
  const watch = await monitor('run', '--json', '--since', '2026-02-01T00:00:00Z');
  expect(watch.code).toBe(1);
  const result = JSON.parse(watch.stdout.trim().split('\n').at(-1)!);
  expect(
    result.drift.columns
      .filter((c: { drifted: boolean }) => c.drifted)
      .map((c: { column: string }) => c.column),
  ).toEqual(['monthly_charges']);

  await logTraffic(new Date('2026-03-01T00:00:00Z'), {
    monthly_charges: 40,
    tenure_months: 30,
    usage_hours: 20,
  });
  expect((await monitor('run', '--since', '2026-03-01T00:00:00Z')).code).toBe(2);
});

test('too few logged predictions is nothing to compare (exit 4) with the count, not a false alarm', async () => {
  const few = await monitor('run', '--since', '2026-01-01T00:00:00Z', '--min-rows', '100000');
  expect(few.code).toBe(4);
  expect(few.stderr).toMatch(
    /^nothing to compare: only \d+ logged predictions of churn v1 since 2026-01-01T00:00:00.000Z: a drift check needs at least 100000/,
  );
});

test('an unknown model or a bad option is exit 3 with one line on stderr', async () => {
  const unknown = await monitor('run', '--model', 'nope');
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toMatch(/^error: no model named 'nope' in the registry/);
  const bad = await monitor('run', '--since', 'yesterday-ish');
  expect(bad.code).toBe(3);
  expect(bad.stderr).toMatch(/'yesterday-ish' is not a time/);
  // With --json the last stdout line is still one JSON object.
  const json = await monitor('run', '--model', 'nope', '--json');
  expect(json.json()).toMatchObject({
    level: 'failed',
    exit_code: 3,
    error: { code: 'unknown-model', source: 'registry' },
  });
  const badName = await monitor('run', '--model', '../runs');
  expect(badName.code).toBe(3);
  expect(badName.stderr).toMatch(/^error: model name "..\/runs" is not allowed/);
});
