import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  registerChurnVersion,
  startTestServer,
  stopTestServer,
  type TestServer,
} from '../__tests__/testServer';
import { createAppHttpServer } from '../server/appHttpServer';

const KEY = 'swap-key';
let server: TestServer;
let http: Server;
beforeEach(async () => {
  server = await startTestServer({ apiKey: KEY });
  // v1's rows again: an equal model, which the default gate ("no worse than production") lets through.
  await registerChurnVersion(server.registry, 1);
  // The watcher runs too, as in production: admin moves and polls race each other.
  server.models.watch(10);
  // Served as startServer serves it.
  http = createAppHttpServer(server.app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  await new Promise((resolve) => http.close(resolve));
  await stopTestServer(server);
});

test('no request fails while production moves back and forth under load', async () => {
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const versions: number[] = [];
  const failures: string[] = [];
  const predictOnce = async (i: number) => {
    const batch = i % 5 === 0;
    const res = await request(base)
      .post(batch ? '/predict/batch' : '/predict')
      .send(batch ? { instances: [server.example, server.example] } : server.example);
    if (res.status !== 200) failures.push(`${res.status} ${res.text}`);
    else versions.push(res.body.model_version);
  };
  for (let round = 0; round < 12; round += 1) {
    const path = round % 2 === 0 ? '/admin/models/churn/promote' : '/admin/models/churn/rollback';
    const move = request(base)
      .post(path)
      .set('Authorization', `Bearer ${KEY}`)
      .send(round % 2 === 0 ? { version: 2 } : {})
      .then((res) => {
        if (res.status !== 200) failures.push(`admin ${res.status} ${res.text}`);
      });
    await Promise.all([move, ...Array.from({ length: 25 }, (_, i) => predictOnce(i))]);
  }
  expect(failures).toEqual([]);
  expect(versions).toHaveLength(12 * 25);
  expect(new Set(versions)).toEqual(new Set([1, 2]));
  const audit = await server.registry.readAudit('churn');
  expect(audit.filter((entry) => entry.actor === 'api')).toHaveLength(12);
  await server.predictionLog.flush();
  expect(server.predictionLog.stats.written).toBe(12 * (20 + 5 * 2));
});
