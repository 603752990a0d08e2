import { IncomingMessage, type Server, ServerResponse } from 'node:http';
import express from 'express';
import request from 'supertest';
import { startTestServer, stopTestServer, type TestServer } from '../__tests__/testServer';
import { createAppHttpServer } from './appHttpServer';

/** Serves `app` as startServer does, on a free loopback port. */
async function listen(app: express.Express, before?: (req: IncomingMessage, res: ServerResponse) => void) {
  const http = before ? createAppHttpServer(app, before) : createAppHttpServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return http;
}
const close = (http: Server) => new Promise((resolve) => http.close(resolve));

test('requests and responses reach the app already made from its prototypes, still Node HTTP objects', async () => {
  const app = express();
  app.get('/x', (_req, res) => res.json({ ok: true }));
  const seen: boolean[] = [];
  const http = await listen(app, (req, res) => {
    seen.push(
      Object.getPrototypeOf(req) === app.request,
      Object.getPrototypeOf(res) === app.response,
      req instanceof IncomingMessage,
      res instanceof ServerResponse,
    );
  });
  try {
    await request(http).get('/x').expect(200, { ok: true });
    expect(seen).toEqual([true, true, true, true]);
  } finally {
    await close(http);
  }
});

test("Express's request and response helpers behave as on a plain server", async () => {
  const app = express();
  app.use(express.json());
  app.post('/items/:id', (req, res) => {
    res.locals.seen = true;
    res
      .status(201)
      .set('X-Echo', req.get('x-in') ?? '')
      .json({ id: req.params.id, path: req.path, query: req.query, body: req.body, locals: res.locals.seen });
  });
  const http = await listen(app);
  try {
    const viaServer = await request(http)
      .post('/items/7?q=1')
      .set('X-In', 'hi')
      .send({ a: [1, 2] });
    const viaPlain = await request(app)
      .post('/items/7?q=1')
      .set('X-In', 'hi')
      .send({ a: [1, 2] });
    expect(viaServer.status).toBe(201);
    expect(viaServer.headers['x-echo']).toBe('hi');
    expect(viaServer.body).toEqual({
      id: '7',
      path: '/items/7',
      query: { q: '1' },
      body: { a: [1, 2] },
      locals: true,
    });
    expect(viaServer.body).toEqual(viaPlain.body);
  } finally {
    await close(http);
  }
});

describe('the model server on it', () => {
  let server: TestServer;
  let http: Server;
  beforeAll(async () => {
    server = await startTestServer();
    http = await listen(server.app);
  });
  afterAll(async () => {
    await close(http);
    await stopTestServer(server);
  });

  test('answers /predict, refusals and unknown routes as it does through a plain server', async () => {
    const strip = (body: Record<string, unknown>) => {
      const { request_id: _id, timestamp: _at, latency_ms: _ms, ...rest } = body;
      return rest;
    };
    const sent = await request(http).post('/predict').send(server.example).expect(200);
    const plain = await request(server.app).post('/predict').send(server.example).expect(200);
    expect(strip(sent.body)).toEqual(strip(plain.body));
    expect(sent.headers['x-content-type-options']).toBe('nosniff');

    const bad = await request(http)
      .post('/predict')
      .send({ ...server.example, tenure_months: 'soon' })
      .expect(422);
    const badPlain = await request(server.app)
      .post('/predict')
      .send({ ...server.example, tenure_months: 'soon' })
      .expect(422);
    expect(bad.body.error).toEqual(badPlain.body.error);

    await request(http).get('/no-such-route').expect(404);
  });
});
