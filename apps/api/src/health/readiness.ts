import type { Logger } from '@mlops/logger';
import type { ModelState, ModelStore } from '../models/ModelStore';

/** One model in the readiness report. */
export interface ModelReadiness {
  /** `serving`: a version answers; `failed`: none does and the latest load failed; `missing`: no production version. */
  status: 'serving' | 'failed' | 'missing';
  /** The version being served. */
  version?: number;
  /** The version whose latest load failed (absent when the production pointer itself could not be read). */
  failed_version?: number;
  /** Why the latest load failed, or why nothing is in production; one line. */
  error?: string;
}

/** Body of `GET /ready`, with 200 or 503. */
export interface ReadinessReport {
  /** Whether the default model (`MLOPS_MODEL`) is serving: the status code says the same. */
  ready: boolean;
  models: { [name: string]: ModelReadiness };
}

/**
 * Readiness per model, from the model store. The default model decides: the server
 * is ready while it serves a version, whatever the others do. A change of the
 * default model's state is logged once (a warning without a stack when it stops
 * being ready, info when it is ready again), not on every probe.
 */
export class Readiness {
  private logged?: string;

  constructor(
    private readonly models: ModelStore,
    private readonly defaultModel: string,
    private readonly logger: Logger,
  ) {}

  report(): ReadinessReport {
    const states = this.models.states();
    if (!states.some((state) => state.name === this.defaultModel))
      states.push(this.models.state(this.defaultModel));
    const models: ReadinessReport['models'] = {};
    for (const state of states) models[state.name] = describe(state);
    const own = models[this.defaultModel];
    const ready = own.status === 'serving';
    this.logChange(ready, own);
    return { ready, models };
  }

  private logChange(ready: boolean, own: ModelReadiness): void {
    const key = ready ? 'ready' : `${own.status}:${own.failed_version}:${own.error}`;
    if (key === this.logged) return;
    const first = this.logged === undefined;
    this.logged = key;
    if (!ready)
      this.logger.warn(`not ready: /ready answers 503 while '${this.defaultModel}' is not serving`, {
        model: this.defaultModel,
        status: own.status,
        version: own.failed_version,
        error: own.error,
      });
    else if (!first) this.logger.info(`ready: '${this.defaultModel}' v${own.version} is serving`);
  }
}

function describe(state: ModelState): ModelReadiness {
  const out: ModelReadiness = { status: state.status };
  if (state.served) out.version = state.served.version;
  if (state.failure) {
    if (state.failure.version !== undefined) out.failed_version = state.failure.version;
    out.error = state.failure.reason;
  } else if (!state.served) {
    out.error = `no production version of '${state.name}' is loaded: promote one`;
  }
  return out;
}
