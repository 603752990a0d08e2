import type { Request, Response } from 'express';
import type { ApiKeyGuard } from './apiKeyGuard';

/**
 * tsoa's authentication hook for `@Security('bearer')` routes. The key lives in the
 * app (`app.locals.apiKeyGuard`, set by `createApp`), not in a module global, so apps
 * built with different keys in one process stay apart.
 */
export async function expressAuthentication(
  request: Request,
  securityName: string,
  _scopes?: string[],
  response?: Response,
): Promise<{ admin: true }> {
  if (securityName !== 'bearer') throw new Error(`unknown security scheme '${securityName}'`);
  const guard = request.app.locals.apiKeyGuard as ApiKeyGuard;
  guard(request, response ?? (request.res as Response));
  return { admin: true };
}
