import type { RequestHandler } from 'express';

/**
 * One middleware that runs `handlers` one after the other, as `app.use(a, b, c)` would,
 * but without a router layer per handler: Express matches and dispatches every layer a
 * request passes, and the handlers that run on every request are the ones it pays for most.
 * An error (passed to `next` or thrown) skips the rest and goes to Express's error handling.
 */
export function inSequence(handlers: readonly RequestHandler[]): RequestHandler {
  if (handlers.length === 1) return handlers[0];
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const handler = handlers[index++];
      if (!handler) {
        next();
        return;
      }
      try {
        const result = handler(req, res, step) as unknown;
        // An async handler's rejection is an error, as Express 5 treats it.
        if (result instanceof Promise) result.catch(step);
      } catch (thrown) {
        step(thrown ?? new Error('a middleware threw a nullish value'));
      }
    };
    step();
  };
}
