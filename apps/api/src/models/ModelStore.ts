import type { Logger } from '@mlops/logger';
import type { ChallengerRoute, CurrentRoute, ModelRegistry } from '@mlops/registry';
import { isLibraryError } from '../http/libraryErrors';
import { type LoadedModel, loadModelVersion, type ModelStoreOptions } from './loadModelVersion';
import { ServingError } from './ServingError';
import { VersionCheckError } from './VersionCheckError';

export type { LoadedModel, ModelStoreOptions } from './loadModelVersion';

/** Why the latest load of a model failed. */
export interface LoadFailure {
  name: string;
  /** The version that failed; `undefined` when the production pointer itself could not be read (e.g. a corrupt `aliases.json`). */
  version?: number;
  /** The thrower's code (`corrupt-version`, `bad-model-file`, `needs-hash-salt`, `test-prediction-failed`, …), or `unexpected`. */
  code: string;
  /** One line that is safe to answer with: the library's message, or a generic one (the log has the error). */
  reason: string;
  error: Error;
}

/** Where one model stands: served (maybe with a newer version that failed), failed with nothing served, or not in production. */
export interface ModelState {
  name: string;
  status: 'serving' | 'failed' | 'missing';
  served?: LoadedModel;
  failure?: LoadFailure;
}

/** A model's challenger as served beside its production version (`mlops models route`). */
export interface ServedChallenger extends ChallengerRoute {
  model: LoadedModel;
}

/** How often one version of one model failed to load since the server started. */
export interface LoadFailureCount {
  model: string;
  /** The version, or `unknown` when the production pointer could not be read. */
  version: string;
  count: number;
}

/**
 * The models the server answers with: the `production` version of every
 * registered model, loaded ahead of requests. A watcher polls the registry's
 * alias stamps and, when production moves, loads the new version in the
 * background and swaps it in with one assignment: requests that already took the
 * old model finish on it, and none waits or fails. Models are isolated from each
 * other: whatever goes wrong with one (a corrupt `aliases.json`, a damaged version,
 * a failed test prediction, one refused as configured) is recorded as that model's
 * {@link LoadFailure}, the model keeps serving the version it had, and the others
 * load and serve as if nothing happened.
 */
export class ModelStore {
  private readonly models = new Map<string, LoadedModel>();
  private readonly challengers = new Map<string, ServedChallenger>();
  private readonly stamps = new Map<string, string | undefined>();
  private registered: string[] = [];
  private timer?: NodeJS.Timeout;
  private checking = false;
  private refreshing: Promise<void> = Promise.resolve();
  /** Successful and failed loads, for logs and metrics. */
  readonly counters = { reloads: 0, failedReloads: 0 };
  /** Goes up by one on every swap, so derived data (the OpenAPI document) knows when to rebuild. */
  revision = 0;
  /** The latest failed load of each model, cleared when a version of it loads. */
  private readonly failures = new Map<string, LoadFailure>();
  private readonly failureCounts = new Map<string, LoadFailureCount>();

  constructor(
    /** Where the models come from; the admin routes promote and roll back through it. */
    readonly registry: ModelRegistry,
    private readonly logger: Logger,
    private readonly options: ModelStoreOptions = {},
  ) {}

  /** Models whose latest load failed, by name; start-up refuses on a {@link ServingError}. */
  loadFailures(): LoadFailure[] {
    return [...this.failures.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Failed loads per model and version since start, for `mlops_model_load_failures_total`. */
  loadFailureCounts(): LoadFailureCount[] {
    return [...this.failureCounts.values()];
  }

  /** The loaded production model called `name`, if any. */
  get(name: string): LoadedModel | undefined {
    return this.models.get(name);
  }

  /** The challenger served beside model `name` (shadow or canary), if it has a route. */
  challenger(name: string): ServedChallenger | undefined {
    return this.challengers.get(name);
  }

  list(): LoadedModel[] {
    return [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Where model `name` stands, whether or not the registry has it. */
  state(name: string): ModelState {
    const served = this.models.get(name);
    const failure = this.failures.get(name);
    return { name, status: served ? 'serving' : failure ? 'failed' : 'missing', served, failure };
  }

  /** Every model the registry listed at the last refresh, and every one served or failed, by name. */
  states(): ModelState[] {
    const names = new Set([...this.registered, ...this.models.keys(), ...this.failures.keys()]);
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => this.state(name));
  }

  /**
   * Loads the production version of every registered model whose alias moved.
   * Calls are queued, never run side by side, so the watcher and an admin reload
   * cannot load one version twice. `force` re-checks models whose stamp did not move
   * (e.g. after a failed load); `only` checks that one model (the PostgreSQL watcher
   * heard it change) and leaves the others to the next full refresh. Only a registry
   * that cannot be listed at all rejects; a problem with one model is that model's failure.
   */
  refresh(options: { force?: boolean; only?: string } = {}): Promise<void> {
    const run = async () => {
      this.registered = await this.registry.listModels();
      const names =
        options.only === undefined
          ? this.registered
          : this.registered.filter((name) => name === options.only);
      for (const name of names) {
        try {
          const stamp = await this.registry.aliasStamp(name);
          if (!options.force && this.stamps.has(name) && this.stamps.get(name) === stamp) continue;
          this.stamps.set(name, stamp);
          await this.loadProduction(name);
        } catch (error) {
          this.recordFailure(name, undefined, error);
        }
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

  /**
   * Loads what model `name` serves: its production version and its challenger. Both are
   * loaded before either is swapped in, and swapped in together (no await between), so a
   * request never sees the promoted challenger both as production and as challenger. A
   * production version that was the challenger is taken over as loaded.
   */
  private async loadProduction(name: string): Promise<void> {
    let version: number | undefined;
    let route: CurrentRoute | undefined;
    try {
      [version, route] = await Promise.all([
        this.registry.productionVersion(name),
        this.registry.readRoute(name),
      ]);
    } catch (error) {
      this.recordFailure(name, undefined, error);
      return;
    }
    const challenger = await this.loadChallenger(name, route);
    const current = this.models.get(name);
    if (version === undefined || current?.version === version) {
      this.setChallenger(name, challenger);
      // Production moved back to what is served (or away): an earlier failure is history.
      this.failures.delete(name);
      return;
    }
    try {
      const former = this.challengers.get(name)?.model;
      const loaded =
        former?.version === version
          ? former
          : await loadModelVersion(this.registry, name, version, this.options);
      if (loaded !== former)
        for (const note of loaded.log.notes) this.logger.warn(note, { model: name, version });
      const previous = current?.version;
      this.models.set(name, loaded);
      this.setChallenger(name, challenger);
      this.failures.delete(name);
      this.revision += 1;
      this.counters.reloads += 1;
      this.logger.info('model loaded', { model: name, version, previous });
    } catch (error) {
      this.setChallenger(name, challenger);
      this.recordFailure(name, version, error);
    }
  }

  /**
   * The challenger of `route`, loaded (or the one served, when its version did not
   * change); `undefined` without a route. A challenger that fails to load is logged and
   * counted, and production serves alone: a challenger never takes production down.
   */
  private async loadChallenger(
    name: string,
    route: CurrentRoute | undefined,
  ): Promise<ServedChallenger | undefined> {
    if (!route) return undefined;
    const served = this.challengers.get(name)?.model;
    const production = this.models.get(name);
    try {
      const model =
        served?.version === route.version
          ? served
          : production?.version === route.version
            ? production
            : await loadModelVersion(this.registry, name, route.version, this.options);
      if (model !== served)
        this.logger.info('challenger loaded', {
          model: name,
          version: route.version,
          mode: route.mode,
          weight: route.weight,
        });
      return { model, mode: route.mode, weight: route.weight };
    } catch (error) {
      this.counters.failedReloads += 1;
      this.logger.error('challenger failed to load: production serves alone', {
        model: name,
        version: route.version,
        error: isLibraryError(error) ? error.message : String(error),
      });
      return undefined;
    }
  }

  private setChallenger(name: string, challenger: ServedChallenger | undefined): void {
    const before = this.challengers.get(name);
    if (challenger) this.challengers.set(name, challenger);
    else this.challengers.delete(name);
    if (
      before?.model !== challenger?.model ||
      before?.mode !== challenger?.mode ||
      before?.weight !== challenger?.weight
    )
      this.revision += 1;
  }

  private recordFailure(name: string, version: number | undefined, thrown: unknown): void {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const known =
      isLibraryError(error) || error instanceof ServingError || error instanceof VersionCheckError;
    const failure: LoadFailure = {
      name,
      version,
      code: known ? (error as { code: string }).code : 'unexpected',
      reason: known ? error.message : 'unexpected error while loading the version: see the server log',
      error,
    };
    this.failures.set(name, failure);
    this.counters.failedReloads += 1;
    const label = version === undefined ? 'unknown' : String(version);
    const key = `${name}\0${label}`;
    const count = this.failureCounts.get(key) ?? { model: name, version: label, count: 0 };
    count.count += 1;
    this.failureCounts.set(key, count);
    const serving = this.models.get(name)?.version;
    const what = error instanceof ServingError ? 'model refused' : 'model failed to load';
    this.logger.error(
      serving === undefined ? `${what}: not served` : `${what}; the previous version keeps serving`,
      {
        model: name,
        version,
        serving,
        code: failure.code,
        error: failure.reason,
        // A known failure is its one line; an unexpected one needs its stack to be fixed.
        ...(known ? {} : { stack: String(error.stack ?? error) }),
      },
    );
  }
}
