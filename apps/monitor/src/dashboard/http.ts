import type { IncomingMessage, ServerResponse } from 'node:http';

/** The body of every error response: `{"error": {"code", "message", "details"}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

/** Writes a whole response; `cache` is `no-store` unless said (data is live, often sensitive). */
export function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

/** Writes a JSON response. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/** Writes an error response in the contract's shape. */
export function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  details: unknown[] = [],
  headers: Record<string, string> = {},
): void {
  const body: ErrorBody = { error: { code, message, details } };
  sendJson(response, status, body, headers);
}

/** A small `application/x-www-form-urlencoded` body (the login form), or undefined when it is not one. */
export async function readForm(request: IncomingMessage, limit = 4096): Promise<URLSearchParams | undefined> {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
