import { userInfo } from 'node:os';
import {
  type BaselineProfile,
  type ColumnSpec,
  type DataTable,
  type Task,
  tableFromArrowBytes,
  tableToArrowBytes,
} from '@mlops/features';
import {
  checkModelDocument,
  evaluatePipeline,
  type Metrics,
  type ModelDocument,
  ModelPipeline,
  ModelsError,
  numericMetrics,
} from '@mlops/models';
import { RegistryError } from '../errors';
import { checkModelName } from '../names/modelName';
import type { RegistryReader, RegistryStore } from '../storage/RegistryStore';
import {
  CHALLENGER_ALIAS,
  type CurrentRoute,
  checkRoute,
  currentRoute,
  endRouteOf,
  type RouteRequest,
} from './challengerRoute';
import type { AuditEntry, ChallengerRoute, ModelState } from './ModelState';
import { defaultGate, evaluateGate, type GateRule, parseGate } from './promotionGate';
import type {
  GateResult,
  NewVersion,
  ProductionComparison,
  VersionRecord,
  VersionRef,
} from './VersionRecord';
import { checksumsOf, recordedChecksums, verifyChecksum } from './versionChecksums';

const TEST_ROWS_FILE = 'test.arrow';
const REFERENCE_FILE = 'reference.arrow';
const VERSION_FILE = 'version.json';
/** What every version has, checked by {@link ModelRegistry.verifyVersion} when it has no checksums (older versions). */
const VERSION_JSON_FILES = ['model.json', 'profile.json', 'metrics.json'];

/** Who moved an alias and why, for the audit log. */
export interface AliasMoveOptions {
  actor?: string;
  reason?: string;
  /** Promote even though the version failed its gate; logged as forced. */
  force?: boolean;
}

/** What a change to the alias document adds to its audit entry, or the error that refuses it. */
interface AliasChange {
  gate?: GateResult;
  /** The route set or ended by the move. */
  route?: ChallengerRoute;
  /** Refuse the move: the entry is audited as `promote-refused` and this is thrown. */
  refuse?: RegistryError;
}

/** Options of {@link ModelRegistry.promote}. */
export interface PromoteOptions extends AliasMoveOptions {
  /** Rules to apply instead of the model's gate (a `train --gate` run). @default the model's gate, else the task's default */
  rules?: readonly GateRule[];
}

/** What a gate is evaluated on: a version's (or a candidate's) task, metrics and held-out rows. */
export interface GateCandidate {
  task: Task | string;
  metrics: Metrics;
  baselineMetrics: Metrics;
  /** The held-out rows the metrics came from; production is scored on the same rows. */
  testRows?: DataTable;
  /** The candidate's own version number, when registered (it is never its own champion). */
  version?: number;
}

/**
 * The model registry: named models with numbered versions, aliases such as
 * `production`, promotion behind a quality gate, rollback, and an audit log of
 * every alias move. Storage is whatever {@link RegistryStore} it is given.
 */
export class ModelRegistry {
  /** Where reads go: the store, or (inside a move) the reader bound to that move. */
  private reads: RegistryReader;

  constructor(readonly store: RegistryStore) {
    this.reads = store;
  }

  /** This registry reading through `reader` (a move's own), for what a move checks while it holds the model. */
  private within(reader: RegistryReader): ModelRegistry {
    if (reader === this.store) return this;
    const view = new ModelRegistry(this.store);
    view.reads = reader;
    return view;
  }

  /**
   * Stores a new version and returns its record; numbers are unique and gap-free.
   * The model document is checked first (`checkModelDocument`: a damaged one is a
   * `bad-model-file` ModelsError and nothing is written), and the sha256 of every
   * file is recorded in `version.json` (`checksums`), verified on every later read.
   */
  async registerVersion(name: string, version: NewVersion): Promise<VersionRecord> {
    checkModelName(name);
    checkModelDocument(version.model);
    const meta = {
      kind: version.model.kind,
      task: version.model.task,
      createdAt: new Date().toISOString(),
      params: version.params,
      dataHash: version.dataHash,
      dataRows: version.dataRows,
      codeVersion: version.codeVersion,
      seed: version.seed,
      tags: version.tags ?? {},
      description: version.description ?? '',
      gate: version.gate,
      runId: version.runId,
      ...(version.testRows ? { testRows: version.testRows.numRows, split: version.split ?? 'random' } : {}),
      ...(version.referenceSample ? { referenceRows: version.referenceSample.numRows } : {}),
    };
    const testFile: Record<string, Uint8Array> = version.testRows
      ? { [TEST_ROWS_FILE]: tableToArrowBytes(version.testRows) }
      : {};
    const referenceFile: Record<string, Uint8Array> = version.referenceSample
      ? { [REFERENCE_FILE]: tableToArrowBytes(version.referenceSample) }
      : {};
    const files: Record<string, string | Uint8Array> = {
      ...testFile,
      ...referenceFile,
      'model.json': JSON.stringify(version.model),
      'profile.json': JSON.stringify(version.profile),
      'metrics.json': JSON.stringify(
        { metrics: version.metrics, baselineMetrics: version.baselineMetrics },
        null,
        2,
      ),
    };
    const number = await this.store.createVersion(name, {
      ...files,
      [VERSION_FILE]: JSON.stringify({ ...meta, checksums: checksumsOf(files) }, null, 2),
    });
    return this.getVersion(name, number);
  }

  async listModels(): Promise<string[]> {
    return this.reads.listModels();
  }

  /** Every version of a model, oldest first. */
  async listVersions(name: string): Promise<VersionRecord[]> {
    checkModelName(name);
    const numbers = await this.reads.listVersions(name);
    if (numbers.length === 0) throw unknownModel(name, await this.reads.listModels());
    const aliases = await this.readModelState(name);
    return Promise.all(numbers.map((number) => this.readRecord(name, number, aliases)));
  }

  async getVersion(name: string, version: number): Promise<VersionRecord> {
    checkModelName(name);
    checkVersionNumber(name, version);
    return this.readRecord(name, version, await this.readModelState(name));
  }

  /** The version number a reference points at; errors say what exists. */
  async resolve(name: string, ref: VersionRef): Promise<number> {
    checkModelName(name);
    if ('alias' in ref) checkModelName(ref.alias, 'alias');
    else checkVersionNumber(name, ref.version);
    const versions = await this.reads.listVersions(name);
    if (versions.length === 0) throw unknownModel(name, await this.reads.listModels());
    if ('version' in ref) {
      if (!versions.includes(ref.version)) {
        throw new RegistryError(
          'unknown-version',
          `model '${name}' has no version ${ref.version} (versions: ${versions.join(', ')})`,
        );
      }
      return ref.version;
    }
    const state = await this.readModelState(name);
    const target = state.aliases[ref.alias];
    if (target === undefined) {
      const known = Object.keys(state.aliases);
      throw new RegistryError(
        'unknown-alias',
        `model '${name}' has no alias '${ref.alias}' (aliases: ${known.join(', ') || 'none'}): promote a version first`,
      );
    }
    return target;
  }

  async readModelDocument(name: string, version: number): Promise<ModelDocument> {
    checkModelName(name);
    checkVersionNumber(name, version);
    return this.readJson(name, version, 'model.json') as Promise<ModelDocument>;
  }

  async readProfile(name: string, version: number): Promise<BaselineProfile> {
    checkModelName(name);
    checkVersionNumber(name, version);
    return this.readJson(name, version, 'profile.json') as Promise<BaselineProfile>;
  }

  /** The held-out rows a version was evaluated on, when it was stored with them. */
  async readTestRows(name: string, version: number): Promise<DataTable | undefined> {
    return this.readTable(name, version, TEST_ROWS_FILE);
  }

  /**
   * The version's reference sample (seeded training rows with the model's own
   * predictions, `referenceSample` of @mlops/models), checked against its
   * checksum like every file; undefined for versions registered without one.
   */
  async readReferenceSample(name: string, version: number): Promise<DataTable | undefined> {
    return this.readTable(name, version, REFERENCE_FILE);
  }

  /** An Arrow file of a version, verified; undefined when the version was registered without it. */
  private async readTable(name: string, version: number, file: string): Promise<DataTable | undefined> {
    checkModelName(name);
    checkVersionNumber(name, version);
    const checksums = await this.readChecksums(name, version);
    if (checksums !== undefined && !Object.hasOwn(checksums, file)) return undefined;
    const bytes = await this.readVerified(name, version, file, checksums, { optional: true });
    if (bytes === undefined) return undefined;
    try {
      return tableFromArrowBytes(bytes, `${file} of '${name}' version ${version}`);
    } catch (error) {
      throw new RegistryError(
        'corrupt-version',
        `${file} of '${name}' version ${version} is damaged: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /** The rules a model's promotions pass: `override`, else the model's own gate, else the task's default. */
  async gateRules(name: string, task: Task | string, override?: readonly GateRule[]): Promise<GateRule[]> {
    checkModelName(name);
    if (override) return [...override];
    if ((await this.reads.listVersions(name)).length > 0) {
      const stored = (await this.readModelState(name)).gate;
      if (stored) return parseGate(stored);
    }
    return defaultGate(task);
  }

  /**
   * The current production version scored on `rows` (the candidate's held-out
   * rows), for the champion/challenger rules; `undefined` when there is no
   * production version, or it is the candidate itself. Without rows, production's
   * registered metrics stand in (`sameRows: false`).
   */
  async compareWithProduction(
    name: string,
    rows: DataTable | undefined,
    candidateVersion?: number,
  ): Promise<ProductionComparison | undefined> {
    checkModelName(name);
    if ((await this.reads.listVersions(name)).length === 0) return undefined;
    const version = (await this.readModelState(name)).aliases.production;
    if (version === undefined || version === candidateVersion) return undefined;
    if (!rows) {
      const record = await this.getVersion(name, version);
      return { version, metrics: numericMetrics(record.metrics), rows: 0, sameRows: false };
    }
    try {
      const pipeline = ModelPipeline.fromJSON(await this.readModelDocument(name, version));
      const metrics = evaluatePipeline(pipeline, rows);
      return { version, metrics: numericMetrics(metrics), rows: rows.numRows, sameRows: true };
    } catch (error) {
      return {
        version,
        metrics: {},
        rows: rows.numRows,
        sameRows: true,
        error: `cannot score the candidate's test rows (${(error as Error).message})`,
      };
    }
  }

  /** Evaluates the promotion gate of a candidate against the production of this moment. */
  async checkGate(name: string, candidate: GateCandidate, rules?: readonly GateRule[]): Promise<GateResult> {
    checkModelName(name);
    const applied = await this.gateRules(name, candidate.task, rules);
    const production = await this.compareWithProduction(name, candidate.testRows, candidate.version);
    return evaluateGate(applied, candidate.metrics, candidate.baselineMetrics, production);
  }

  /**
   * A version's feature schema: the one copy, in its model document (versions
   * registered before also kept a `features.json`; it is no longer read).
   */
  async readFeatures(name: string, version: number): Promise<ColumnSpec[]> {
    return (await this.readModelDocument(name, version)).features;
  }

  /** The version `production` points at, or `undefined` when nothing was promoted yet. */
  async productionVersion(name: string): Promise<number | undefined> {
    return (await this.readAliases(name)).aliases.production;
  }

  /** The model's own promotion gate as written (`models gate`), or `undefined` when it has none. */
  async storedGate(name: string): Promise<string | undefined> {
    return (await this.readAliases(name)).gate;
  }

  async readAliases(name: string): Promise<ModelState> {
    checkModelName(name);
    await this.requireModel(name);
    return this.readModelState(name);
  }

  private readModelState(name: string): Promise<ModelState> {
    return this.reads.readState(name);
  }

  /** A token that changes when any alias of the model moves; cheap enough to poll every second. */
  async aliasStamp(name: string): Promise<string | undefined> {
    checkModelName(name);
    return this.reads.stateStamp(name);
  }

  /**
   * Reads every file of a version, checks each against the checksum recorded when it
   * was registered (versions from before checksums: the files every version has,
   * unchecked), and loads its model document through `ModelPipeline.fromJSON` (the
   * structural check). Returns the loaded model; a missing, changed or unusable file
   * is `corrupt-version` naming it. {@link promote}, {@link rollback} and
   * {@link setAlias} run it on the version they point at.
   */
  async verifyVersion(name: string, version: number): Promise<ModelPipeline> {
    checkModelName(name);
    checkVersionNumber(name, version);
    const checksums = await this.readChecksums(name, version);
    const files = checksums ? Object.keys(checksums) : VERSION_JSON_FILES;
    let model: unknown;
    for (const file of files) {
      const bytes = (await this.readVerified(name, version, file, checksums))!;
      if (file === TEST_ROWS_FILE || file === REFERENCE_FILE) await this.readTable(name, version, file);
      else if (file.endsWith('.json')) {
        const value = parseJson(name, version, file, bytes);
        if (file === 'model.json') model = value;
      }
    }
    try {
      return ModelPipeline.fromJSON(model);
    } catch (error) {
      if (!(error instanceof ModelsError)) throw error;
      throw new RegistryError(
        'corrupt-version',
        `model.json of '${name}' version ${version} is not a usable model (${error.message})`,
        { cause: error },
      );
    }
  }

  /**
   * Points `production` at `version` when it passes the model's gate as it stands
   * now (a gate set after the version was registered applies to it), against the
   * production version of this moment re-scored on the version's own test rows;
   * `force` promotes anyway. The evaluation goes into the audit entry either way,
   * and the version that was production is remembered for {@link rollback}.
   */
  async promote(name: string, version: number, options: PromoteOptions = {}): Promise<AuditEntry> {
    checkModelName(name);
    const record = await this.getVersion(name, version);
    if (record.archived) {
      throw new RegistryError(
        'archived',
        `version ${version} of '${name}' is archived: promote another version`,
      );
    }
    // A damaged version is refused here, before the gate: production stays where it is.
    await this.verifyVersion(name, version);
    const testRows = await this.readTestRows(name, version);
    return this.moveAlias(name, 'production', 'promote', options, async (state, registry) => {
      // Evaluated under the model's lock: production cannot move between the check and the move.
      const gate = await registry.checkGate(
        name,
        {
          task: record.task,
          metrics: record.metrics,
          baselineMetrics: record.baselineMetrics,
          testRows,
          version,
        },
        options.rules,
      );
      if (!gate.passed && !options.force) {
        const failed = gate.checks.filter((_, i) => !gate.rules?.[i]?.passed);
        return {
          gate,
          refuse: new RegistryError(
            'gate-failed',
            `version ${version} of '${name}' does not pass its gate: ${failed.join('; ')}: improve the model, or pass --force to promote it anyway`,
          ),
        };
      }
      const from = state.aliases.production;
      if (from !== undefined && from !== version) state.productionHistory.push(from);
      state.aliases.production = version;
      // A challenger promoted (here or by its own number) is no longer routed.
      const ended = endRouteOf(state, version);
      return ended ? { gate, route: ended } : { gate };
    });
  }

  /**
   * Points `production` back at the version it pointed at before, or at `toVersion`
   * (which must not be archived). Rolling back does not re-run the gate: the
   * version served before is the known-good one.
   */
  async rollback(name: string, options: AliasMoveOptions & { toVersion?: number } = {}): Promise<AuditEntry> {
    checkModelName(name);
    if (options.toVersion !== undefined) {
      const record = await this.getVersion(name, options.toVersion);
      if (record.archived) {
        throw new RegistryError(
          'archived',
          `version ${options.toVersion} of '${name}' is archived: roll back to another version`,
        );
      }
      await this.verifyVersion(name, options.toVersion);
    }
    return this.moveAlias(name, 'production', 'rollback', options, async (state, registry) => {
      const current = state.aliases.production;
      if (options.toVersion !== undefined) {
        if (current !== undefined && current !== options.toVersion) state.productionHistory.push(current);
        state.aliases.production = options.toVersion;
        return routeEnded(endRouteOf(state, options.toVersion));
      }
      let previous = state.productionHistory.pop();
      // Skip history entries that were archived since.
      while (previous !== undefined && (state.archived ?? []).includes(previous))
        previous = state.productionHistory.pop();
      if (previous === undefined) {
        throw new RegistryError(
          'unknown-version',
          `model '${name}' has no earlier production version to roll back to`,
        );
      }
      await registry.verifyVersion(name, previous);
      state.aliases.production = previous;
      return routeEnded(endRouteOf(state, previous));
    });
  }

  /** Takes a version out of service. The production version cannot be archived: roll back first. */
  async archive(name: string, version: number, options: AliasMoveOptions = {}): Promise<AuditEntry> {
    checkModelName(name);
    await this.resolve(name, { version });
    return this.moveAlias(name, `v${version}`, 'archive', options, (state) => {
      if (state.aliases.production === version) {
        throw new RegistryError(
          'archived',
          `version ${version} of '${name}' is in production: roll back or promote another version before archiving it`,
        );
      }
      const ended = endRouteOf(state, version);
      for (const [alias, target] of Object.entries(state.aliases))
        if (target === version) delete state.aliases[alias];
      state.archived = [...new Set([...(state.archived ?? []), version])].sort((a, b) => a - b);
      return routeEnded(ended);
    });
  }

  /** Sets the model's promotion gate; a rule that does not parse is refused before anything is written. */
  async setGate(name: string, gate: string, options: AliasMoveOptions = {}): Promise<AuditEntry> {
    checkModelName(name);
    parseGate(gate);
    return this.moveAlias(
      name,
      'gate',
      'set-gate',
      { ...options, reason: options.reason || gate },
      (state) => {
        state.gate = gate;
      },
    );
  }

  /** Points any alias (e.g. `staging`) at a version, without a gate. */
  async setAlias(
    name: string,
    alias: string,
    version: number,
    options: AliasMoveOptions = {},
  ): Promise<AuditEntry> {
    checkModelName(name);
    checkModelName(alias, 'alias');
    if (alias === 'production') return this.promote(name, version, options);
    if (alias === CHALLENGER_ALIAS) {
      throw new RegistryError(
        'bad-name',
        `the '${CHALLENGER_ALIAS}' alias moves with its route: mlops models route ${name} --shadow ${version} (or --canary ${version} --weight 10)`,
      );
    }
    await this.resolve(name, { version });
    await this.verifyVersion(name, version);
    return this.moveAlias(name, alias, 'set-alias', options, (state) => {
      state.aliases[alias] = version;
    });
  }

  /** The model's challenger route (version, mode, weight), or `undefined` when it has none. */
  async readRoute(name: string): Promise<CurrentRoute | undefined> {
    return currentRoute(await this.readAliases(name));
  }

  /**
   * Routes traffic to a challenger: points the `challenger` alias at `request.version`
   * with its mode and weight (a shadow defaults to 100 %, a canary needs a weight),
   * replacing any route the model had. The version must not be archived nor be
   * production, and production must exist (the challenger is served beside it). Checked
   * like every alias target ({@link verifyVersion}); audited as `set-route`.
   */
  async setRoute(name: string, request: RouteRequest, options: AliasMoveOptions = {}): Promise<AuditEntry> {
    checkModelName(name);
    const route = checkRoute(request);
    const { version } = request;
    if ((await this.getVersion(name, version)).archived) throw archivedRoute(name, version);
    await this.verifyVersion(name, version);
    return this.moveAlias(name, CHALLENGER_ALIAS, 'set-route', options, (state) => {
      const production = state.aliases.production;
      if (production === undefined) {
        throw new RegistryError(
          'unknown-alias',
          `model '${name}' has no production version to route a challenger beside: promote one first`,
        );
      }
      if (production === version) {
        throw new RegistryError(
          'unknown-version',
          `version ${version} of '${name}' is production: the challenger must be another version`,
        );
      }
      // Read again under the model's lock: an archive may have come in between.
      if ((state.archived ?? []).includes(version)) throw archivedRoute(name, version);
      state.aliases[CHALLENGER_ALIAS] = version;
      state.route = route;
      return { route };
    });
  }

  /** Ends the model's route (`challenger` alias, mode and weight); audited as `clear-route`. No route is `unknown-alias`. */
  async clearRoute(name: string, options: AliasMoveOptions = {}): Promise<AuditEntry> {
    return this.endRoute(name, 'clear-route', options);
  }

  /** Ends a canary (production answers every request again); audited as `rollback-canary`. A shadow is ended with {@link clearRoute}. */
  async rollbackCanary(name: string, options: AliasMoveOptions = {}): Promise<AuditEntry> {
    return this.endRoute(name, 'rollback-canary', options, 'canary');
  }

  /**
   * Promotes the challenger through the gate ({@link promote}: `gate-failed` unless it
   * passes or `force`); the promotion ends the route in the same move. No route is `unknown-alias`.
   */
  async promoteChallenger(name: string, options: PromoteOptions = {}): Promise<AuditEntry> {
    const route = await this.readRoute(name);
    if (!route) throw noRoute(name);
    return this.promote(name, route.version, {
      ...options,
      reason: options.reason ?? `challenger (${route.mode} ${route.weight}%)`,
    });
  }

  private async endRoute(
    name: string,
    action: 'clear-route' | 'rollback-canary',
    options: AliasMoveOptions,
    onlyMode?: ChallengerRoute['mode'],
  ): Promise<AuditEntry> {
    checkModelName(name);
    return this.moveAlias(name, CHALLENGER_ALIAS, action, options, (state) => {
      const route = currentRoute(state);
      if (!route) throw noRoute(name);
      if (onlyMode && route.mode !== onlyMode) {
        throw new RegistryError(
          'unknown-alias',
          `model '${name}' routes a ${route.mode}, not a ${onlyMode}: end it with mlops models route ${name} --clear`,
        );
      }
      delete state.aliases[CHALLENGER_ALIAS];
      delete state.route;
      return { route: { mode: route.mode, weight: route.weight } };
    });
  }

  /** Every alias move of a model, oldest first. */
  async readAudit(name: string): Promise<AuditEntry[]> {
    checkModelName(name);
    await this.requireModel(name);
    return this.reads.readAudit(name);
  }

  /** Throws `unknown-model` or `unknown-version` (listing what exists) unless the version exists. */
  private async requireVersion(name: string, version: number): Promise<void> {
    const versions = await this.reads.listVersions(name);
    if (versions.length === 0) throw unknownModel(name, await this.reads.listModels());
    if (!versions.includes(version)) {
      throw new RegistryError(
        'unknown-version',
        `model '${name}' has no version ${version} (versions: ${versions.join(', ')})`,
      );
    }
  }

  /** Throws `unknown-model` (listing what exists) unless the model has a version. */
  private async requireModel(name: string): Promise<void> {
    if ((await this.reads.listVersions(name)).length === 0)
      throw unknownModel(name, await this.reads.listModels());
  }

  private async moveAlias(
    name: string,
    alias: string,
    action: AuditEntry['action'],
    options: AliasMoveOptions,
    change: (
      state: ModelState,
      registry: ModelRegistry,
      // biome-ignore lint/suspicious/noConfusingVoidType: most moves only edit the state and return nothing
    ) => void | AliasChange | undefined | Promise<AliasChange | undefined | void>,
  ): Promise<AuditEntry> {
    await this.requireModel(name);
    let refused: RegistryError | undefined;
    let audited: AuditEntry | undefined;
    await this.store.updateState(name, async (state, reader) => {
      const from = state.aliases[alias] ?? null;
      const { refuse, ...extra } = (await change(state, this.within(reader))) ?? {};
      const entry: AuditEntry = {
        time: new Date().toISOString(),
        actor: options.actor ?? defaultActor(),
        model: name,
        alias,
        from,
        action: refuse ? 'promote-refused' : action,
        to: action === 'archive' || action === 'set-gate' ? null : (state.aliases[alias] ?? null),
        reason: options.reason ?? '',
        forced: Boolean(options.force),
        ...extra,
      };
      refused = refuse;
      audited = entry;
      // A refused move is audited (who tried what, and the evaluation), and nothing moves.
      return { audit: entry, state: refuse ? undefined : state };
    });
    if (refused) throw refused;
    return audited!;
  }

  private async readRecord(name: string, version: number, state: ModelState): Promise<VersionRecord> {
    const meta = (await this.readJson(name, version, VERSION_FILE)) as Omit<
      VersionRecord,
      'name' | 'version' | 'metrics' | 'baselineMetrics' | 'aliases'
    >;
    const checksums = recordedChecksums(name, version, meta);
    const metrics = parseJson(
      name,
      version,
      'metrics.json',
      (await this.readVerified(name, version, 'metrics.json', checksums))!,
    ) as Pick<VersionRecord, 'metrics' | 'baselineMetrics'>;
    const aliases = Object.entries(state.aliases)
      .filter(([, target]) => target === version)
      .map(([alias]) => alias)
      .sort();
    return {
      name,
      version,
      ...meta,
      ...metrics,
      aliases,
      archived: (state.archived ?? []).includes(version),
    };
  }

  /** A JSON file of a version, checked against its recorded checksum. */
  private async readJson(name: string, version: number, file: string): Promise<unknown> {
    const checksums = file === VERSION_FILE ? undefined : await this.readChecksums(name, version);
    return parseJson(name, version, file, (await this.readVerified(name, version, file, checksums))!);
  }

  /** The checksums recorded in `version.json` (undefined for versions registered before them). */
  private async readChecksums(name: string, version: number): Promise<Record<string, string> | undefined> {
    return recordedChecksums(name, version, await this.readJson(name, version, VERSION_FILE));
  }

  /**
   * A file of a version, verified against `checksums`. A missing file is
   * `unknown-model`/`unknown-version` when the version does not exist, else
   * `corrupt-version` (or `undefined` when `optional` and the version never recorded it).
   */
  private async readVerified(
    name: string,
    version: number,
    file: string,
    checksums: Record<string, string> | undefined,
    options: { optional?: boolean } = {},
  ): Promise<Uint8Array | undefined> {
    const bytes = await this.reads.readVersionBytes(name, version, file);
    if (bytes === undefined) {
      await this.requireVersion(name, version);
      if (options.optional && !(checksums && Object.hasOwn(checksums, file))) return undefined;
      throw new RegistryError(
        'corrupt-version',
        `version ${version} of '${name}' has no ${file}: the version folder is damaged; restore it or register a new version`,
      );
    }
    if (file !== VERSION_FILE) verifyChecksum(name, version, file, bytes, checksums);
    return bytes;
  }
}

function parseJson(name: string, version: number, file: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    throw new RegistryError(
      'corrupt-version',
      `${file} of '${name}' version ${version} is not valid JSON: the file is damaged; restore it or register a new version`,
      { cause: error },
    );
  }
}

function routeEnded(route: ChallengerRoute | undefined): AliasChange | undefined {
  return route ? { route } : undefined;
}

function noRoute(name: string): RegistryError {
  return new RegistryError(
    'unknown-alias',
    `model '${name}' has no challenger route: set one with mlops models route ${name} --shadow <version> (or --canary <version> --weight 10)`,
  );
}

function archivedRoute(name: string, version: number): RegistryError {
  return new RegistryError('archived', `version ${version} of '${name}' is archived: route another version`);
}

function checkVersionNumber(name: string, version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RegistryError(
      'unknown-version',
      `version ${JSON.stringify(version)} of '${name}' is not a version number: versions are 1, 2, …`,
    );
  }
}

function unknownModel(name: string, known: string[]): RegistryError {
  return new RegistryError(
    'unknown-model',
    `no model named '${name}' in the registry (models: ${known.join(', ') || 'none'})`,
  );
}

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
