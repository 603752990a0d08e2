import { type ClientRequest, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { startTestServer, stopTestServer, type TestServer } from '../__tests__/testServer';
import { createAppHttpServer } from '../server/appHttpServer';

let server: TestServer;
let http: Server;
let port: number;
beforeEach(async () => {
  server = await startTestServer({ logFlushIntervalMs: 0 });
  // Served as startServer serves it.
  http = createAppHttpServer(server.app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
});
afterEach(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await stopTestServer(server);
});

type Answer<Body> = { status: number; body: Body };

/**
 * POSTs to the test server, `send` writing what of the body is sent, and resolves with
 * the answer once it has arrived; the request is destroyed then (a body still unsent never is).
 */
function postTo<Body>(
  path: string,
  headers: Record<string, string | number>,
  send: (req: ClientRequest) => void,
): Promise<Answer<Body>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    send(req);
  });
}

/**
 * Sends the headers and `first` of a POST and resolves with the answer, which must
 * come before the rest of the body is sent: the rest is never sent.
 */
const answerBeforeTheRest = (path: string, headers: Record<string, string | number>, first: string) =>
  postTo<{ error: { code: string; message: string; details: unknown[] } }>(path, headers, (req) => {
    if (first) req.write(first);
    else req.flushHeaders();
  });

/** POSTs `chunks` one write each (chunked unless a Content-Length is given) and resolves with the answer. */
const post = (path: string, headers: Record<string, string>, chunks: Buffer[]) =>
  postTo<Record<string, unknown>>(path, headers, (req) => {
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

const unknownKeys = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `"k${from + i}":0`).join(',');

test('a 900 KB text value is a 422 naming the field and the limit, and is neither predicted nor logged', async () => {
  const res = await request(server.app)
    .post('/predict')
    .send({ ...server.example, contract: 'x'.repeat(900_000) })
    .expect(422);
  expect(res.body.error.details).toEqual([
    { field: 'contract', message: 'is longer than 1000 characters, the limit (MLOPS_MAX_TEXT_LENGTH)' },
  ]);
  const batch = await request(server.app)
    .post('/predict/batch')
    .send({ instances: [server.example, { ...server.example, customer_id: 'C'.repeat(1001) }] })
    .expect(422);
  expect(batch.body.error.details).toEqual([
    {
      field: 'instances[1].customer_id',
      message: 'is longer than 1000 characters, the limit (MLOPS_MAX_TEXT_LENGTH)',
    },
  ]);
  await server.predictionLog.flush();
  expect(server.predictionLog.stats.written).toBe(0);
});

test('the text and field limits are the configured ones', async () => {
  const strict = await startTestServer({ maxTextLength: 20, maxInstanceKeys: 12 });
  try {
    await request(strict.app)
      .post('/predict')
      .send({ ...strict.example, contract: 'x'.repeat(20) })
      .expect(200);
    const long = await request(strict.app)
      .post('/predict')
      .send({ ...strict.example, contract: 'x'.repeat(21) })
      .expect(422);
    expect(long.body.error.details[0].message).toBe(
      'is longer than 20 characters, the limit (MLOPS_MAX_TEXT_LENGTH)',
    );
    const wide = { ...strict.example, a: 1, b: 2, c: 3, d: 4 }; // 9 features + 4 = 13 fields
    const keys = await request(strict.app)
      .post('/predict/batch')
      .send({ instances: [strict.example, wide] });
    expect(keys.status).toBe(422);
    expect(keys.body.error.details).toEqual([
      { field: 'instances[1]', message: 'has more than 12 fields, the limit (MLOPS_MAX_INSTANCE_KEYS)' },
    ]);
  } finally {
    await stopTestServer(strict);
  }
});

test('a batch of a million unknown keys is refused from its first kilobytes, before the rest is sent', async () => {
  // The body announces 14.5 MB; only the first 20 kB are ever sent.
  const start = `{"instances":[{${JSON.stringify(server.example).slice(1, -1)},${unknownKeys(0, 2000)}`;
  const res = await answerBeforeTheRest('/predict/batch', { 'content-length': 14_500_000 }, start);
  expect(res.status).toBe(422);
  expect(res.body.error.message).toMatch(/^the body holds more than 100 unknown fields or misplaced values/);
  expect(res.body.error.details).toHaveLength(100);
  expect(res.body.error.details[0]).toEqual({
    field: 'instances[0].k0',
    message: 'is not a feature or an id column of this model',
  });
});

test('more rows than MLOPS_BATCH_LIMIT are refused at the first row too many, before the rest is sent', async () => {
  const rows = Array.from({ length: 10_001 }, () => JSON.stringify(server.example)).join(',');
  const res = await answerBeforeTheRest(
    '/predict/batch',
    { 'content-length': 19_000_000 },
    `{"instances":[${rows}`,
  );
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('batch_too_large');
});

test('a Content-Length over the limit is refused before a byte of the body is sent; /health answers meanwhile', async () => {
  const res = await answerBeforeTheRest('/predict/batch', { 'content-length': 21 * 1024 * 1024 }, '');
  expect(res).toMatchObject({
    status: 413,
    body: {
      error: {
        code: 'body_too_large',
        message: 'the body is larger than 20mb, the limit (MLOPS_BATCH_BODY_LIMIT)',
      },
    },
  });
  await request(`http://127.0.0.1:${port}`).get('/health').expect(200);
});

test('a chunked body is counted as it streams and refused past the limit', async () => {
  // 2 MB of whitespace between tokens: no value is too long, the body is.
  const body = Buffer.from(`${JSON.stringify(server.example).slice(0, -1)}${' '.repeat(2 * 1024 * 1024)}}`);
  const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) =>
    body.subarray(i * 65536, (i + 1) * 65536),
  );
  const res = await post('/predict', {}, chunks);
  expect(res).toMatchObject({
    status: 413,
    body: { error: { message: 'the body is larger than 1mb, the limit (MLOPS_BODY_LIMIT)' } },
  });
});

test('gzip bodies are read, and their limit applies to what they inflate to', async () => {
  const ok = await post('/predict', { 'content-encoding': 'gzip' }, [
    gzipSync(JSON.stringify(server.example)),
  ]);
  expect(ok).toMatchObject({ status: 200, body: { model_version: 1 } });
  // 2 MB of spaces is 2 kB of gzip: the 1 MB limit is on the 2 MB.
  const bomb = await post('/predict', { 'content-encoding': 'gzip' }, [
    gzipSync(`{${' '.repeat(2 * 1024 * 1024)}}`),
  ]);
  expect(bomb).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
  const other = await post('/predict', { 'content-encoding': 'zstd-please' }, [Buffer.from('{}')]);
  expect(other).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
});

test('an admin body is read only with the key', async () => {
  const keyed = await startTestServer({ apiKey: 'k' });
  try {
    // Without the key the body is never read: the answer is the 401, not its size.
    const res = await request(keyed.app)
      .post('/admin/models/churn/promote')
      .send({ version: 1, reason: 'x'.repeat(2_000_000) });
    expect(res.status).toBe(401);
    const long = await request(keyed.app)
      .post('/admin/models/churn/rollback')
      .set('Authorization', 'Bearer k')
      .send({ reason: 'x'.repeat(1001) })
      .expect(422);
    expect(long.body.error.details).toEqual([
      { field: 'reason', message: 'is longer than 1000 characters, the limit (MLOPS_MAX_TEXT_LENGTH)' },
    ]);
  } finally {
    await stopTestServer(keyed);
  }
});
