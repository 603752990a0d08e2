import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { inSequence } from './inSequence';

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = [...(res.locals.seen ?? []), name];
    next();
  };

function appWith(handler: RequestHandler) {
  const app = express();
  app.use(handler);
  app.get('/', (_req, res) => res.json({ seen: res.locals.seen }));
  app.use(((error, _req, res, _next) => {
    res.status(418).json({ error: String((error as Error).message), seen: res.locals.seen });
  }) as express.ErrorRequestHandler);
  return app;
}

test('runs the handlers in order, then the next route', async () => {
  const res = await request(appWith(inSequence([mark('a'), mark('b'), mark('c')])))
    .get('/')
    .expect(200);
  expect(res.body.seen).toEqual(['a', 'b', 'c']);
});

test('an error passed to next skips the rest and reaches the error handler', async () => {
  const fail: RequestHandler = (_req, _res, next) => next(new Error('refused'));
  const res = await request(appWith(inSequence([mark('a'), fail, mark('c')])))
    .get('/')
    .expect(418);
  expect(res.body).toEqual({ error: 'refused', seen: ['a'] });
});

test('a thrown error and an async rejection reach the error handler as well', async () => {
  const throws: RequestHandler = () => {
    throw new Error('thrown');
  };
  const rejects: RequestHandler = async () => {
    throw new Error('rejected');
  };
  const thrown = await request(appWith(inSequence([mark('a'), throws, mark('c')])))
    .get('/')
    .expect(418);
  expect(thrown.body).toEqual({ error: 'thrown', seen: ['a'] });
  const rejected = await request(appWith(inSequence([rejects, mark('b')])))
    .get('/')
    .expect(418);
  expect(rejected.body).toEqual({ error: 'rejected' });
});

test('a handler that continues later (asynchronously) still runs the rest in order', async () => {
  const later: RequestHandler = (_req, res, next) => {
    setTimeout(() => {
      res.locals.seen = [...(res.locals.seen ?? []), 'later'];
      next();
    }, 5);
  };
  const res = await request(appWith(inSequence([mark('a'), later, mark('c')])))
    .get('/')
    .expect(200);
  expect(res.body.seen).toEqual(['a', 'later', 'c']);
});
