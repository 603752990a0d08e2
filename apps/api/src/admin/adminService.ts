import { type AuditEntry, describeCheck, RegistryError } from '@mlops/registry';
import { ApiError, type ErrorDetail } from '../http/ApiError';
import type { LoadedModel, ModelStore } from '../models/ModelStore';
import type { AliasMoveResponse, ReloadResponse, ServedModel } from './adminDtos';

/** The actor admin moves are audited under. */
const ACTOR = 'api';

/**
 * Moves the production alias through the registry (so its gate and audit log apply,
 * exactly as with the trainer CLI), then reloads this server's models at once
 * rather than waiting for the next poll.
 */
export class AdminService {
  constructor(private readonly models: ModelStore) {}

  /** Re-reads the registry now and loads every production version that moved. */
  async reload(): Promise<ReloadResponse> {
    await this.models.refresh({ force: true });
    return {
      models: this.models.list().map(served),
      reloads: this.models.counters.reloads,
      failed_reloads: this.models.counters.failedReloads,
    };
  }

  async promote(
    name: string,
    version: number,
    options: { force?: boolean; reason?: string },
  ): Promise<AliasMoveResponse> {
    const entry = await registryCall(
      () =>
        this.models.registry.promote(name, version, {
          actor: ACTOR,
          force: options.force,
          reason: options.reason,
        }),
      () => this.failedRules(name),
    );
    return this.afterMove(entry);
  }

  /**
   * The rules a refused promotion failed, one detail each, from the evaluation the
   * registry audited with the refusal (the gate is evaluated under the model's lock,
   * against the production of that moment, so it is read back rather than re-run).
   */
  private async failedRules(name: string): Promise<ErrorDetail[]> {
    const audit = await this.models.registry.readAudit(name);
    const refusal = audit.findLast((entry) => entry.action === 'promote-refused' && entry.actor === ACTOR);
    return (refusal?.gate?.rules ?? [])
      .filter((rule) => !rule.passed)
      .map((rule) => ({ field: rule.rule, message: describeCheck(rule) }));
  }

  async rollback(name: string, reason?: string): Promise<AliasMoveResponse> {
    const entry = await registryCall(() => this.models.registry.rollback(name, { actor: ACTOR, reason }));
    return this.afterMove(entry);
  }

  private async afterMove(entry: AuditEntry): Promise<AliasMoveResponse> {
    await this.models.refresh();
    const model = this.models.get(entry.model);
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
    };
  }
}

function served(model: LoadedModel): ServedModel {
  return { name: model.name, version: model.version, loaded_at: model.loadedAt };
}

/**
 * Registry refusals become 4xx answers naming the fix; anything else stays a 500.
 * `gateDetails` lists what a `gate-failed` refusal failed.
 */
async function registryCall<T>(
  call: () => Promise<T>,
  gateDetails?: () => Promise<ErrorDetail[]>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    if (error.code === 'gate-failed')
      throw new ApiError(409, 'gate_failed', error.message, gateDetails ? await gateDetails() : []);
    const status: Partial<Record<RegistryError['code'], number>> = {
      'unknown-model': 404,
      'unknown-version': 404,
      'unknown-alias': 404,
      'bad-name': 422,
      'lock-timeout': 503,
      archived: 409,
    };
    const code = error.code.replace(/-/g, '_');
    // Rollback with no earlier version is a conflict with the model's state, not a missing thing.
    if (error.code === 'unknown-version' && /roll back/.test(error.message))
      throw new ApiError(409, 'nothing_to_roll_back', error.message);
    throw new ApiError(
      status[error.code] ?? 500,
      status[error.code] ? code : 'internal_error',
      error.message,
    );
  }
}
