import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Runs a middleware that only sets and removes fixed headers (helmet with a fixed
 * configuration) once, on a recording response, and returns a middleware that
 * replays what it did: the same headers on every response, without calling the
 * original's chain of small middlewares per request. Throws when the middleware
 * does anything else (reads the request, answers, or does not call `next`), since
 * its work then could not be replayed.
 */
export function staticHeaders(middleware: RequestHandler): RequestHandler {
  const set: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let called = false;
  const request = new Proxy({} as IncomingMessage, {
    get(_target, property) {
      throw new Error(`staticHeaders: the middleware reads the request (${String(property)})`);
    },
  });
  (middleware as unknown as (req: unknown, res: unknown, next: (error?: unknown) => void) => void)(
    request,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
      called = true;
    },
  );
  if (!called) throw new Error('staticHeaders: the middleware did not call next() synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
