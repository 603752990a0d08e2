import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { createLogger } from '@mlops/logger';
import { readPredictionLog, storeLayout } from '@mlops/registry';
import express from 'express';
import request from 'supertest';
import {
  capturedLogger,
  predictExample,
  startTestServer,
  stopTestServer,
  type TestServer,
} from '../__tests__/testServer';
import { errorHandler } from './errorHandler';

let server: TestServer | undefined;
afterEach(async () => {
  if (server) await stopTestServer(server);
  server = undefined;
});

test("answers carry OWASP's REST API headers and no CORS headers by default", async () => {
  server = await startTestServer();
  const res = await predictExample(server, { Origin: 'https://evil.example' });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  // helmet's headers for HTML documents do nothing on a JSON answer and are not sent.
  for (const name of [
    'cross-origin-opener-policy',
    'origin-agent-cluster',
    'x-dns-prefetch-control',
    'x-xss-protection',
  ])
    expect(res.headers[name]).toBeUndefined();
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  const preflight = await request(server.app).options('/predict').set('Origin', 'https://evil.example');
  expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
});

test("the /docs page keeps helmet's document headers, so its own scripts and styles load", async () => {
  server = await startTestServer();
  const page = await request(server.app).get('/docs/').expect(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
  expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  const script = await request(server.app).get('/docs/swagger-ui-init.js').expect(200);
  expect(script.headers['content-security-policy']).toMatch(/default-src 'self'/);
});

test('CORS allows exactly the configured origins', async () => {
  server = await startTestServer({ corsOrigins: ['https://app.example'] });
  const ok = await request(server.app)
    .options('/predict')
    .set('Origin', 'https://app.example')
    .set('Access-Control-Request-Method', 'POST')
    .expect(204);
  expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
  expect(ok.headers['access-control-allow-headers']).toMatch(/Content-Type/);
  const other = await request(server.app)
    .post('/predict')
    .set('Origin', 'https://evil.example')
    .send(server.example);
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('rate limiting answers 429 in the error format after the limit, and never limits /health', async () => {
  server = await startTestServer({ rateLimit: 3, rateWindowMs: 60_000 });
  for (let i = 0; i < 3; i += 1) await request(server.app).post('/predict').send(server.example).expect(200);
  const limited = await request(server.app).post('/predict').send(server.example).expect(429);
  expect(limited.body.error.code).toBe('rate_limited');
  expect(limited.body.error.message).toMatch(/MLOPS_RATE_LIMIT/);
  expect(limited.headers['retry-after']).toBeDefined();
  expect(limited.headers['x-request-id']).toBeDefined();
  await request(server.app).get('/health').expect(200);
  await request(server.app).get('/metrics').expect(200);
});

test('a rate limit of 0 is off', async () => {
  server = await startTestServer({ rateLimit: 0 });
  for (let i = 0; i < 5; i += 1) {
    const res = await request(server.app).get('/model-info').expect(200);
    expect(res.headers.ratelimit).toBeUndefined();
  }
});

test('access log lines carry the request id, route and status but no feature values', async () => {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  server = await startTestServer({
    logger: createLogger({ service: 'api-test', stream, pretty: false }),
  });
  await request(server.app)
    .post('/predict')
    .set('X-Request-Id', 'log-me')
    .send({ ...server.example, contract: 'one-year', monthly_charges: 123.45 })
    .expect(200);
  const line = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === 'log-me');
  expect(line).toMatchObject({ message: 'request', method: 'POST', path: '/predict', status: 200 });
  expect(lines.join('\n')).not.toMatch(/123\.45|one-year/);
});

test('MLOPS_ACCESS_LOG_SAMPLE logs one successful request in N, and every refused one', async () => {
  const { logger, lines } = capturedLogger();
  server = await startTestServer({ logger, accessLogSample: 3 });
  for (let i = 0; i < 6; i += 1)
    await request(server.app)
      .post('/predict')
      .set('X-Request-Id', `ok-${i}`)
      .send(server.example)
      .expect(200);
  for (let i = 0; i < 2; i += 1)
    await request(server.app).post('/predict').set('X-Request-Id', `bad-${i}`).send({}).expect(422);
  await new Promise((resolve) => setImmediate(resolve));
  const logged = lines()
    .filter((line) => line.message === 'request')
    .map((line) => line.requestId);
  expect(logged).toEqual(['ok-2', 'ok-5', 'bad-0', 'bad-1']);
});

test('an unexpected error is a 500 without its stack or message, logged with the request id', async () => {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = 'boom-1';
    next();
  });
  app.get('/boom', () => {
    throw new Error('secret internals at /srv/app.js:12');
  });
  app.use(errorHandler(createLogger({ service: 'api-test', stream, pretty: false })));
  const res = await request(app).get('/boom').expect(500);
  expect(res.body).toEqual({
    error: { code: 'internal_error', message: expect.stringMatching(/request id/), details: [] },
  });
  expect(res.text).not.toMatch(/secret|app\.js|at /);
  const logged = JSON.parse(lines.join(''));
  expect(logged).toMatchObject({ level: 'error', requestId: 'boom-1', path: '/boom' });
  expect(logged.error).toMatch(/secret internals/);
});

test('sensitive fields can be hashed with a salt instead of dropped', async () => {
  server = await startTestServer({ sensitiveFields: 'hash', hashSalt: 'pepper' });
  await request(server.app).post('/predict').set('X-Request-Id', 'h1').send(server.example).expect(200);
  await server.predictionLog.flush();
  const log = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' });
  const expected = createHash('sha256')
    .update('pepper')
    .update('\0')
    .update(String(server.example.age))
    .digest('hex');
  expect(log.records[0].features.age).toBe(`sha256:${expected}`);
  expect(log.records[0].features.tenure_months).toBe(server.example.tenure_months);
});
