import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { staticHeaders } from './staticHeaders';

test("replays helmet's headers exactly as helmet itself sets them", async () => {
  const withHelmet = express().use(helmet());
  const replayed = express().use(staticHeaders(helmet()));
  for (const app of [withHelmet, replayed]) app.get('/', (_req, res) => res.json({ ok: true }));
  const [a, b] = await Promise.all([request(withHelmet).get('/'), request(replayed).get('/')]);
  const security = (headers: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(headers).filter(([name]) => !/^(date|etag|content-length)$/.test(name)),
    );
  expect(security(b.headers)).toEqual(security(a.headers));
  expect(b.headers['content-security-policy']).toMatch(/default-src 'self'/);
});

test('refuses a middleware whose work depends on the request or that does not call next at once', () => {
  const readsRequest: RequestHandler = (req, _res, next) => {
    if (req.path === '/') next();
  };
  expect(() => staticHeaders(readsRequest)).toThrow(/reads the request \(path\)/);
  const later: RequestHandler = (_req, _res, next) => {
    setImmediate(next);
  };
  expect(() => staticHeaders(later)).toThrow(/did not call next\(\) synchronously/);
});
