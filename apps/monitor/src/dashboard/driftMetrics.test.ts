import { rmSync } from 'node:fs';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';

let home: string;
beforeAll(async () => {
  home = await registeredHome('monitor-metrics-');
  await logTraffic(home, { from: new Date(Date.now() - 3_600_000), shift: { monthly_charges: 40 } });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('serve --watch runs the drift check on schedule and exports its level at /metrics', async () => {
  const controller = new AbortController();
  let port = 0;
  let running: ReturnType<typeof monitor> | undefined;
  await new Promise<void>((resolve) => {
    running = monitor(home, ['serve', '--port', '0', '--watch', '1s'], {
      signal: controller.signal,
      onListening: (p: number) => {
        port = p;
        resolve();
      },
    });
  });
  let text = '';
  for (let attempt = 0; attempt < 100 && !/mlops_drift_level\{/.test(text); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await (await fetch(`http://localhost:${port}/metrics`)).text();
  }
  controller.abort();
  // The server stops cleanly once aborted: the run ends with exit code 0.
  expect((await running!).code).toBe(0);
  // one shifted feature → watch (1)
  expect(text).toMatch(/^mlops_drift_level\{model="churn",version="1"\} 1$/m);
  expect(text).toMatch(/^mlops_drifted_features\{model="churn",version="1"\} 1$/m);
  expect(text).toMatch(/^# TYPE mlops_drift_share gauge$/m);
  expect(text).toMatch(/^mlops_drift_check_failures_total 0$/m);
});
