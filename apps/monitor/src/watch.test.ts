import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { logTraffic, monitor, registeredHome } from './__tests__/fixture';

let home: string;
let server: Server;
let url: string;
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  home = await registeredHome('mlops-monitor-watch-');
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ ...JSON.parse(body), contentType: request.headers['content-type'] });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

test('--watch posts the summary to the webhook when the level changes, not on every check', async () => {
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z') });
  const run = await monitor(home, [
    'run',
    '--since',
    '2026-01-01T00:00:00Z',
    '--watch',
    '20ms',
    '--max-runs',
    '3',
    '--webhook',
    url,
    '--out',
    join(home, 'w'),
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout.match(/churn v1: STABLE/g)).toHaveLength(3);
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({
    event: 'drift-level-changed',
    model: 'churn',
    version: 1,
    level: 'stable',
    previous_level: null,
    drifted: [],
    predictions: 2_000,
    contentType: 'application/json',
  });
});

test('a check that reaches retrain posts the change and runs the --on-retrain command once', async () => {
  received.length = 0;
  await logTraffic(home, {
    from: new Date('2026-02-01T00:00:00Z'),
    shift: { monthly_charges: 40, tenure_months: 30, usage_hours: 20 },
  });
  const marker = join(home, 'retrain-ran');
  const run = await monitor(home, [
    'run',
    '--since',
    '2026-02-01T00:00:00Z',
    '--watch',
    '20ms',
    '--max-runs',
    '2',
    '--webhook',
    url,
    '--on-retrain',
    `echo "$MONITOR_MODEL $MONITOR_LEVEL" >> '${marker}'`,
    '--out',
    join(home, 'r'),
  ]);
  expect(run.code).toBe(2);
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ level: 'retrain' });
  // Most drifted first, as the report lists them.
  expect([...(received[0].drifted as string[])].sort()).toEqual([
    'monthly_charges',
    'tenure_months',
    'usage_hours',
  ]);
  // The run returns only after the retrain command it started has exited.
  expect(readFileSync(marker, 'utf8')).toBe('churn retrain\n');
});

test('an unreachable webhook is logged, not fatal', async () => {
  const run = await monitor(home, [
    'run',
    '--since',
    '2026-01-01T00:00:00Z',
    '--webhook',
    'http://127.0.0.1:9/none',
    '--out',
    join(home, 'u'),
  ]);
  expect(run.code).toBeLessThan(3);
});
