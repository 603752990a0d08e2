import { type AuditEntry, describeCheck, RegistryError } from '@mlops/registry';
import { ApiError, type ErrorDetail } from '../http/ApiError';
import { apiErrorOf, httpMappingOf, type RegistryCall } from '../http/libraryErrors';
import type { LoadedModel, ModelState, ModelStore } from '../models/ModelStore';
import { checkModelName } from '../models/modelName';
import type { AliasMoveResponse, ModelLoadState, ReloadResponse, ServedModel } from './adminDtos';

/** The actor admin moves are audited under. */
const ACTOR = 'api';

/**
 * Moves the production alias through the registry (so its gate and audit log apply,
 * exactly as with the trainer CLI), then reloads this server's models at once
 * rather than waiting for the next poll.
 */
export class AdminService {
  constructor(private readonly models: ModelStore) {}

  /**
   * Re-reads the registry now and loads every production version that moved (and
   * retries those that failed); answers, per model, what it serves and what failed.
   */
  async reload(): Promise<ReloadResponse> {
    await this.models.refresh({ force: true });
    return {
      models: this.models.states().map(loadState),
      reloads: this.models.counters.reloads,
      failed_reloads: this.models.counters.failedReloads,
    };
  }

  async promote(
    name: string,
    version: number,
    options: { force?: boolean; reason?: string },
  ): Promise<AliasMoveResponse> {
    checkModelName(name);
    const entry = await registryCall(
      'promote',
      () =>
        this.models.registry.promote(name, version, {
          actor: ACTOR,
          force: options.force,
          reason: options.reason,
        }),
      (error) => this.gateRefusal(error, name, version),
    );
    return this.afterMove(entry);
  }

  /**
   * A refused promotion as the HTTP caller should read it: the rules it failed, one
   * detail each, from the evaluation the registry audited with the refusal (the gate
   * is evaluated under the model's lock, against the production of that moment, so
   * it is read back rather than re-run), and the fix in the API's terms (`"force":
   * true` in the body; the registry's own message speaks to the CLI).
   */
  private async gateRefusal(error: RegistryError, name: string, version: number): Promise<ApiError> {
    const audit = await this.models.registry.readAudit(name);
    const refusal = audit.findLast((entry) => entry.action === 'promote-refused' && entry.actor === ACTOR);
    const details: ErrorDetail[] = (refusal?.gate?.rules ?? [])
      .filter((rule) => !rule.passed)
      .map((rule) => ({ field: rule.rule, message: describeCheck(rule) }));
    const failed = details.length ? `: ${details.map((detail) => detail.message).join('; ')}` : '';
    const { status, code } = httpMappingOf(error, 'promote');
    return new ApiError(
      status,
      code,
      `version ${version} of '${name}' does not pass its gate${failed}: improve the model, or send {"version": ${version}, "force": true} to promote it anyway`,
      details,
      { cause: error },
    );
  }

  async rollback(name: string, reason?: string): Promise<AliasMoveResponse> {
    checkModelName(name);
    const entry = await registryCall('rollback', () =>
      this.models.registry.rollback(name, { actor: ACTOR, reason }),
    );
    return this.afterMove(entry);
  }

  private async afterMove(entry: AuditEntry): Promise<AliasMoveResponse> {
    await this.models.refresh();
    const { served: model, failure } = this.models.state(entry.model);
    return {
      model: entry.model,
      action: entry.action as 'promote' | 'rollback',
      from: entry.from,
      to: entry.to,
      forced: entry.forced,
      reason: entry.reason,
      actor: entry.actor,
      time: entry.time,
      serving: model ? served(model) : null,
      ...(failure && {
        load_failure: { version: failure.version ?? null, reason: failure.reason, reason_code: failure.code },
      }),
    };
  }
}

function served(model: LoadedModel): ServedModel {
  return { name: model.name, version: model.version, loaded_at: model.loadedAt };
}

function loadState(state: ModelState): ModelLoadState {
  return {
    name: state.name,
    status: state.status,
    version: state.served?.version ?? null,
    loaded_at: state.served?.loadedAt ?? null,
    ...(state.failure && {
      failed_version: state.failure.version ?? null,
      reason: state.failure.reason,
      reason_code: state.failure.code,
    }),
  };
}

/**
 * Runs a registry call and turns its refusals into answers through the one error
 * table (`libraryErrors.ts`), in the context of the call (a rollback's
 * `unknown-version` is "nothing to roll back"); `onGateFailed` words a gate refusal.
 * Errors that are not the registry's go on to the error handler (a 500).
 */
async function registryCall<T>(
  call: RegistryCall,
  run: () => Promise<T>,
  onGateFailed?: (error: RegistryError) => Promise<ApiError>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    if (error.code === 'gate-failed' && onGateFailed) throw await onGateFailed(error);
    throw apiErrorOf(error, call);
  }
}
