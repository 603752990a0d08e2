import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * An HTTP server whose requests and responses are born with `app`'s prototypes
 * (`app.request`, `app.response`), so Express's per-request
 * `Object.setPrototypeOf(req, app.request)` finds the prototype already in place and
 * does nothing. Swapping the prototype of a live object is what V8 optimizes worst:
 * every request and response Node's HTTP code then touches is in a fresh shape, and a
 * bare Express JSON route on this project's 2-core machine ran at half the rate it
 * reaches this way (expressjs/express#5998). Nothing else changes: the same app, the
 * same routes and middleware, and `req`/`res` are still Node's (the constructors are
 * Node's own, only the prototype differs).
 *
 * A router the app mounts as a sub-app still gets its own prototypes, through Express's
 * swap as before; this app mounts none. `before` listeners see each request ahead of the
 * app, which the server then hands it to.
 */
export function createAppHttpServer(
  app: Express,
  ...before: Array<(req: IncomingMessage, res: ServerResponse) => void>
): Server {
  // Node's constructors called on an object made from these functions' `prototype`: the
  // ES5 form Node 20 defines them in. (`Reflect.construct` with this new.target gives
  // the same objects but ran the bare route at a third of this rate.)
  function AppRequest(this: IncomingMessage, socket: Socket): void {
    (IncomingMessage as unknown as (this: IncomingMessage, socket: Socket) => void).call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
    (
      ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void
    ).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  const server = createServer({
    IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof ServerResponse,
  });
  for (const listener of before) server.on('request', listener);
  server.on('request', app);
  return server;
}
