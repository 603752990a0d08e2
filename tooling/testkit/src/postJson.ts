import { type Agent, request } from 'node:http';

/** Options of {@link postJson}. */
export interface PostJsonOptions {
  port: number;
  /** @default '/predict' */
  path?: string;
  /** The JSON text sent as the body. */
  body: string;
  /** Keep-alive agent the request goes through. */
  agent: Agent;
  /** Added to `Content-Type: application/json`, e.g. `x-request-id`. */
  headers?: Record<string, string>;
}

/**
 * POSTs one JSON body to a server on 127.0.0.1, reading and dropping the answer; resolves
 * with the status, or 0 when the connection was refused or reset (a server stopping).
 * For tests and benches that load a real server process with many requests.
 */
export function postJson(options: PostJsonOptions): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        port: options.port,
        host: '127.0.0.1',
        method: 'POST',
        path: options.path ?? '/predict',
        agent: options.agent,
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(options.body);
  });
}
