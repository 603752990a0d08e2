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
  const body = await readSmallBody(request, 'application/x-www-form-urlencoded', limit);
  return body === undefined ? undefined : new URLSearchParams(body.toString('utf8'));
}

/**
 * A small JSON body (the UI's write routes), or undefined when it is not
 * `application/json`, is larger than `limit`, or does not parse. Requiring the JSON
 * type also keeps a cross-site form from posting here: a browser sends that type
 * across sites only after a preflight this server never answers.
 */
export async function readJsonBody(request: IncomingMessage, limit = 4096): Promise<unknown> {
  const body = await readSmallBody(request, 'application/json', limit);
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The body when its content type is `type` and it holds at most `limit` bytes, else undefined. */
async function readSmallBody(
  request: IncomingMessage,
  type: string,
  limit: number,
): Promise<Buffer | undefined> {
  const sent = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (sent !== type) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
