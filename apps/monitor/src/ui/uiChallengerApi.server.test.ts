import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { basename, dirname } from 'node:path';
import { openStores, type Stores, storeLayout } from '@mlops/registry';
import { type ServerTestStores, serverTestStores } from '@mlops/testkit';
import request from 'supertest';
import { challengerStore, labelledChallengerCheck } from '../__tests__/challengerFixture';
import { createDashboard } from '../dashboard/createDashboard';
import type { UiChallengerResponse } from './uiChallengerTypes';

// The champion vs challenger JSON with the registry and the prediction log in a fresh
// PostgreSQL database (the same store as uiChallengerApi.test.ts, written by the COPY
// writer the API opens with MLOPS_DATABASE_URL): compareRoles streams it through `readWindow`.
let store: ServerTestStores<Stores>;
let home: string;
let stores: Stores;
let server: Server;
beforeAll(async () => {
  store = await serverTestStores('mlops-monitor-ui-challenger-pg-', openStores);
  ({ home, stores } = store);
  await challengerStore(stores);
  server = createDashboard({ home, stores, defaultModel: 'churn' });
}, 180_000);
afterAll(() => store?.close());

test('pairs the shadow with the champion and counts the canary, read from the PostgreSQL log', async () => {
  // The log is in the database: nothing under the folder.
  expect(existsSync(storeLayout(home).predictions)).toBe(false);
  const body = (await request(server).get('/api/ui/models/churn/challenger?range=all').expect(200))
    .body as UiChallengerResponse;
  expect(body.window).toEqual({
    range: 'all',
    from: '2026-02-01T00:00:00.000Z',
    to: '2026-02-01T09:59:00.000Z',
  });
  expect(body.challenger?.champion).toMatchObject({
    role: 'champion',
    version: 1,
    count: 600,
    predictions: { counts: { '0': 480, '1': 120 } },
  });
  const [canary, shadow] = body.challenger?.challengers ?? [];
  expect(canary).toMatchObject({ role: 'canary', version: 2, count: 100, agreement: null });
  expect(shadow).toMatchObject({
    role: 'shadow',
    version: 3,
    count: 300,
    agreement: { pairs: 300, agreement_rate: 0.75, unpaired_shadow: 0, evicted: 0 },
  });
  // A custom range streams from the table's index, both ends included.
  const custom = (
    await request(server)
      .get('/api/ui/models/churn/challenger?from=2026-02-01T07:00:00Z&to=2026-02-01T09:59:59Z')
      .expect(200)
  ).body as UiChallengerResponse;
  expect(custom.challenger?.challengers.map((c) => [c.role, c.count])).toEqual([
    ['canary', 60],
    ['shadow', 180],
  ]);
  const before = (
    await request(server)
      .get('/api/ui/models/churn/challenger?from=2026-02-01T00:00:00Z&to=2026-02-01T04:59:00Z')
      .expect(200)
  ).body as UiChallengerResponse;
  expect(before).toMatchObject({ challenger: null, reason: 'no canary or shadow record in this window' });
});

test('live metrics per role from a labelled check of the PostgreSQL log', async () => {
  const check = await labelledChallengerCheck(stores, home);
  const body = (await request(server).get('/api/ui/models/churn/challenger?range=all').expect(200))
    .body as UiChallengerResponse;
  expect(body.live_metrics_source?.report).toBe(basename(dirname(check.report_path)));
  const comparison = body.challenger;
  expect(comparison?.champion.live_metrics?.matched_labels).toBe(600);
  expect(comparison?.champion.live_metrics?.metrics.accuracy).toBeCloseTo(0.8, 12);
  expect(comparison?.challengers.map((c) => [c.role, c.live_metrics?.matched_labels])).toEqual([
    ['canary', 50],
    ['shadow', 300],
  ]);
  expect(comparison?.challengers[1].live_metrics?.metrics).toEqual(
    check.challenger?.challengers[1].live_metrics?.metrics,
  );
});
