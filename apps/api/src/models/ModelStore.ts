import type { Logger } from '@mlops/logger';
import type { ModelRegistry } from '@mlops/registry';
import { type LoadedModel, loadModelVersion, type ModelStoreOptions } from './loadModelVersion';
import { ServingError } from './ServingError';

export type { LoadedModel, ModelStoreOptions } from './loadModelVersion';

/** Why the latest load of a model failed. */
export interface LoadFailure {
  name: string;
  version: number;
  error: Error;
}

/**
 * The models the server answers with: the `production` version of every
 * registered model, loaded ahead of requests. A watcher polls the registry's
 * alias stamps and, when production moves, loads the new version in the
 * background and swaps it in with one assignment: requests that already took the
 * old model finish on it, and none waits or fails. A version that fails to load
 * leaves the old one serving, and so does one it refuses to serve as configured
 * (a {@link ServingError}: e.g. a sensitive id column and no `MLOPS_HASH_SALT`).
 */
export class ModelStore {
  private readonly models = new Map<string, LoadedModel>();
  private readonly stamps = new Map<string, string | undefined>();
  private timer?: NodeJS.Timeout;
  private checking = false;
  private refreshing: Promise<void> = Promise.resolve();
  /** Successful and failed loads, for logs and metrics. */
  readonly counters = { reloads: 0, failedReloads: 0 };
  /** Goes up by one on every swap, so derived data (the OpenAPI document) knows when to rebuild. */
  revision = 0;
  /** The latest failed load of each model, cleared when a version of it loads. */
  private readonly failures = new Map<string, LoadFailure>();

  constructor(
    /** Where the models come from; the admin routes promote and roll back through it. */
    readonly registry: ModelRegistry,
    private readonly logger: Logger,
    private readonly options: ModelStoreOptions = {},
  ) {}

  /** Versions whose latest load failed, by model name order; start-up refuses on a {@link ServingError}. */
  loadFailures(): LoadFailure[] {
    return [...this.failures.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The loaded production model called `name`, if any. */
  get(name: string): LoadedModel | undefined {
    return this.models.get(name);
  }

  list(): LoadedModel[] {
    return [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Loads the production version of every registered model whose alias moved.
   * Calls are queued, never run side by side, so the watcher and an admin reload
   * cannot load one version twice. `force` re-checks models whose stamp did not move
   * (e.g. after a failed load).
   */
  refresh(options: { force?: boolean } = {}): Promise<void> {
    const run = async () => {
      for (const name of await this.registry.listModels()) {
        const stamp = await this.registry.aliasStamp(name);
        if (!options.force && this.stamps.has(name) && this.stamps.get(name) === stamp) continue;
        this.stamps.set(name, stamp);
        await this.loadProduction(name);
      }
    };
    this.refreshing = this.refreshing.then(run, run);
    return this.refreshing;
  }

  /** Polls for alias moves every `intervalMs` until {@link stop}. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.checking) return;
      this.checking = true;
      this.refresh()
        .catch((error) => this.logger.error('model refresh failed', { error: String(error) }))
        .finally(() => {
          this.checking = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async loadProduction(name: string): Promise<void> {
    const aliases = await this.registry.readAliases(name);
    const version = aliases.aliases.production;
    if (version === undefined || this.models.get(name)?.version === version) {
      // Production moved back to what is served (or away): an earlier failure is history.
      this.failures.delete(name);
      return;
    }
    try {
      const loaded = await loadModelVersion(this.registry, name, version, this.options);
      for (const note of loaded.log.notes) this.logger.warn(note, { model: name, version });
      const previous = this.models.get(name)?.version;
      this.models.set(name, loaded);
      this.failures.delete(name);
      this.revision += 1;
      this.counters.reloads += 1;
      this.logger.info('model loaded', { model: name, version, previous });
    } catch (error) {
      this.counters.failedReloads += 1;
      this.failures.set(name, { name, version, error: error as Error });
      const serving = this.models.get(name)?.version;
      const what = error instanceof ServingError ? 'model refused' : 'model failed to load';
      this.logger.error(
        serving === undefined ? `${what}: not served` : `${what}; the previous version keeps serving`,
        { model: name, version, serving, error: (error as Error).message },
      );
    }
  }
}
