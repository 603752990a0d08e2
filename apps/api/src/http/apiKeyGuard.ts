import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { ApiError } from './ApiError';

/** Throws the admin routes' refusal for a request, or returns when it may go on. */
export type ApiKeyGuard = (request: Request, response: Response) => void;

/**
 * Builds the check of the admin routes. With no key configured they are off and
 * answer 404 (as if they did not exist: the safe default for a server deployed
 * without a secret); with one, a request needs `Authorization: Bearer <key>` or gets
 * 401. Keys are compared by their SHA-256 digests with `timingSafeEqual`, so the time
 * taken says nothing about how much of a guess was right, nor about the key's length.
 */
export function apiKeyGuard(apiKey: string | undefined): ApiKeyGuard {
  const expected = apiKey ? digest(apiKey) : undefined;
  return (request, response) => {
    if (!expected) {
      throw new ApiError(
        404,
        'admin_disabled',
        'the admin routes are off: start the server with MLOPS_API_KEY set to enable them',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.get('authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="mlops-admin"');
      throw new ApiError(
        401,
        'unauthorized',
        match
          ? 'the bearer token is not the API key (MLOPS_API_KEY)'
          : "send 'Authorization: Bearer <MLOPS_API_KEY>' to use the admin routes",
      );
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
