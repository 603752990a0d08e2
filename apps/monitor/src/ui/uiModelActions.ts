import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeCheck, type ModelRegistry, RegistryError } from '@mlops/registry';
import { readJsonBody, sendError, sendJson } from '../dashboard/http';
import { MonitorError } from '../errors';
import { requireUiModel, uiAuditEntry } from './uiModels';
import { decodedName } from './uiRoutes';
import type { UiModelActionResponse } from './uiTypes';

/** The actor the UI's alias moves are audited under (the CLI's is the user, the API's `api`). */
export const UI_ACTOR = 'ui';

const ACTION_PATH = /^\/api\/ui\/models\/([^/]+)\/(promote|rollback)$/;
const MAX_REASON = 500;

/** Whether `path` is one of the UI's write routes (`POST /api/ui/models/<name>/promote|rollback`). */
export function isUiModelAction(path: string): boolean {
  return ACTION_PATH.test(path);
}

/**
 * `POST /api/ui/models/<name>/promote` (`{"version": 3, "reason": "…"}`, with
 * `"force": true` and a reason to promote past a refusing gate) and `…/rollback`
 * (`{"reason": "…"}`): the registry's own `promote` and `rollback`, the calls
 * `mlops models promote [--force --reason] | rollback` make, so the same gate is evaluated
 * under the model's lock (and recorded, also when forced) and the same audit entry is
 * written, with actor `ui`, `forced` and the reason. Who may call
 * them is decided before (the admin key); this checks the name (as the read routes
 * do), the body, and words a gate refusal for the UI (409 `gate-failed`, each failed
 * rule a detail).
 */
export async function answerUiModelAction(
  request: IncomingMessage,
  path: string,
  registry: ModelRegistry,
  response: ServerResponse,
): Promise<void> {
  const [, segment, action] = ACTION_PATH.exec(path) as RegExpExecArray;
  const name = decodedName(segment);
  // The read route's checks: a bad name is 400, one the registry lacks 404, before the body is read.
  await requireUiModel(registry, name);
  const body = await readJsonBody(request);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new MonitorError(
      'bad-body',
      `send a JSON object as application/json (at most 4 KB): ${action === 'promote' ? '{"version": 3, "reason": "…"}' : '{"reason": "…"}'}`,
    );
  }
  const { version, reason, force } = body as { version?: unknown; reason?: unknown; force?: unknown };
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON)) {
    throw new MonitorError(
      'bad-body',
      `reason must be text of at most ${MAX_REASON} characters: send {"reason": "why"} or leave it out`,
    );
  }
  if (force !== undefined && (typeof force !== 'boolean' || action !== 'promote')) {
    throw new MonitorError(
      'bad-body',
      action === 'promote'
        ? `force must be true or false, got ${JSON.stringify(force)}: send {"version": 3, "force": true, "reason": "why"}`
        : 'force applies to promote only: send {"reason": "…"} to roll back',
    );
  }
  // As `mlops models promote --force --reason`: a forced move is audited with why it was forced.
  if (force === true && (typeof reason !== 'string' || reason.trim() === '')) {
    throw new MonitorError(
      'bad-body',
      'a forced promotion needs a reason (it goes into the audit entry): send {"version": 3, "force": true, "reason": "why"}',
    );
  }
  const options = { actor: UI_ACTOR, reason: typeof reason === 'string' ? reason.trim() : '' };
  if (action === 'rollback') {
    const entry = await registry.rollback(name, options);
    sendJson(response, 200, { entry: uiAuditEntry(entry) } satisfies UiModelActionResponse);
    return;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MonitorError(
      'bad-body',
      `version must be a positive whole number, got ${JSON.stringify(version) ?? 'none'}: send {"version": 3}`,
    );
  }
  try {
    const entry = await registry.promote(name, version, { ...options, force: force === true });
    sendJson(response, 200, { entry: uiAuditEntry(entry) } satisfies UiModelActionResponse);
  } catch (error) {
    if (!(error instanceof RegistryError && error.code === 'gate-failed')) throw error;
    await sendGateRefusal(registry, name, version, response);
  }
}

/**
 * A refused promotion in the UI's words: the rules that failed, read back from the
 * evaluation the registry audited with the refusal (evaluated under the lock against
 * the production of that moment, so it is not re-run), one detail each.
 */
async function sendGateRefusal(
  registry: ModelRegistry,
  name: string,
  version: number,
  response: ServerResponse,
): Promise<void> {
  const refusal = (await registry.readAudit(name)).findLast(
    (entry) => entry.action === 'promote-refused' && entry.actor === UI_ACTOR,
  );
  const details = (refusal?.gate?.rules ?? [])
    .filter((rule) => !rule.passed)
    .map((rule) => ({ field: rule.rule, message: describeCheck(rule) }));
  const failed = details.map((detail) => detail.message).join('; ');
  sendError(
    response,
    409,
    'gate-failed',
    `v${version} of ${name} was not promoted: its gate refused it (${failed || 'see the audit trail'}); production stays where it was. Improve the model, or force it with a reason (Force promote here, or mlops models promote ${name} ${version} --force --reason "…")`,
    details,
  );
}
