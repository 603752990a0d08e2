import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { writeFileAtomic } from '@mlops/features';
import { RegistryError } from '../errors';
import { isModelName } from '../names/modelName';
import { pathUnder } from '../names/pathUnder';
import type { AuditEntry, ModelState } from '../versions/ModelState';
import { withFileLock } from './fileLock';
import { ALIASES_FILE, AUDIT_FILE, parseAudit, parseModelState } from './modelStateFiles';
import type { RegistryReader, RegistryStore, StateUpdate } from './RegistryStore';

/** Options of {@link FileSystemStore}. */
export interface FileSystemStoreOptions {
  /** How long to wait for another process's lock before giving up. @default 10000 */
  lockTimeoutMs?: number;
  /**
   * How long a lock stays valid without its holder renewing it (the holder renews
   * every third of it while it works); an expired lock is taken over, so a lock
   * whose pid now belongs to an unrelated process cannot block forever. @default 3 × lockTimeoutMs
   */
  lockLeaseMs?: number;
}

/**
 * The embedded registry store: one folder per model under `root`, one folder per
 * version. A version is written in a staging folder and renamed into place under
 * the next number; `rename` of a folder onto an existing version fails, so two
 * writers racing for a number never both win, and a killed writer leaves only a
 * staging folder that readers ignore. A model's state is `<model>/aliases.json`
 * and its audit log `<model>/audit.jsonl` (one JSON line per move), changed under
 * the model's lock file. Every path is built by {@link pathUnder}: no model name,
 * version or file argument reaches a file outside `root`.
 */
export class FileSystemStore implements RegistryStore {
  private readonly lockTimeoutMs: number;
  private readonly lockLeaseMs: number;

  constructor(
    readonly root: string,
    options: FileSystemStoreOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.lockLeaseMs = options.lockLeaseMs ?? 3 * this.lockTimeoutMs;
  }

  async listModels(): Promise<string[]> {
    const entries = await readdirOrEmpty(this.root);
    const models: string[] = [];
    for (const entry of entries) {
      if (isModelName(entry) && (await this.listVersions(entry)).length > 0) models.push(entry);
    }
    return models.sort();
  }

  async listVersions(model: string): Promise<number[]> {
    const entries = await readdirOrEmpty(this.path(model, 'versions'));
    return entries
      .filter((entry) => /^[1-9]\d*$/.test(entry))
      .map(Number)
      .sort((a, b) => a - b);
  }

  async createVersion(model: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<number> {
    const staging = this.path(model, '.staging', randomUUID());
    const targets = Object.entries(files).map(
      ([name, content]) => [pathUnder(staging, name), content] as const,
    );
    await mkdir(staging, { recursive: true });
    try {
      for (const [path, content] of targets) await writeFileAtomic(path, content);
      await mkdir(this.path(model, 'versions'), { recursive: true });
      let candidate = ((await this.listVersions(model)).at(-1) ?? 0) + 1;
      for (;;) {
        try {
          await rename(staging, this.path(model, 'versions', String(candidate)));
          return candidate;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
          candidate += 1; // another writer took this number first
        }
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw new RegistryError(
        'storage',
        `cannot store a new version of '${model}': ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  /** A text file of a stored version; `undefined` when the version or file does not exist. */
  async readVersionFile(model: string, version: number, file: string): Promise<string | undefined> {
    return readOrUndefined(this.versionPath(model, version, file));
  }

  async readVersionBytes(model: string, version: number, file: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.versionPath(model, version, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async readState(model: string): Promise<ModelState> {
    return parseModelState(model, await this.readModelFile(model, ALIASES_FILE));
  }

  async readAudit(model: string): Promise<AuditEntry[]> {
    return parseAudit(await this.readModelFile(model, AUDIT_FILE));
  }

  async stateStamp(model: string): Promise<string | undefined> {
    return this.modelFileStamp(model, ALIASES_FILE);
  }

  async updateState(
    model: string,
    change: (state: ModelState, reader: RegistryReader) => Promise<StateUpdate>,
  ): Promise<void> {
    await this.withModelLock(model, async () => {
      const { audit, state } = await change(await this.readState(model), this);
      // The audit line goes first: a crash between the two leaves a logged move
      // that did not happen, never a move that was not logged.
      await this.appendModelLog(model, AUDIT_FILE, JSON.stringify(audit));
      if (state) await this.writeModelFile(model, ALIASES_FILE, `${JSON.stringify(state, null, 2)}\n`);
    });
  }

  // The file-level operations below are this store's own (the state and audit methods
  // above are built on them); the registry reaches the store only through RegistryStore.

  /** A model-level file (e.g. `aliases.json`); `undefined` when absent. */
  async readModelFile(model: string, file: string): Promise<string | undefined> {
    return readOrUndefined(this.path(model, file));
  }

  /** Replaces a model-level file atomically (temporary name, then rename). */
  async writeModelFile(model: string, file: string, content: string): Promise<void> {
    await writeFileAtomic(this.path(model, file), content);
  }

  /** Appends one line to a model-level log (e.g. `audit.jsonl`). */
  async appendModelLog(model: string, file: string, line: string): Promise<void> {
    const path = this.path(model, file);
    await mkdir(this.path(model), { recursive: true });
    await appendFile(path, line.endsWith('\n') ? line : `${line}\n`);
  }

  /** `inode:mtime:size` of a model-level file, `undefined` when absent. */
  async modelFileStamp(model: string, file: string): Promise<string | undefined> {
    try {
      const info = await stat(this.path(model, file));
      return `${info.ino}:${info.mtimeMs}:${info.size}`;
    } catch {
      return undefined;
    }
  }

  /** Runs `task` while holding the model's lock file (across processes). */
  async withModelLock<T>(model: string, task: () => Promise<T>): Promise<T> {
    const lockPath = this.path(model, '.lock');
    await mkdir(this.path(model), { recursive: true });
    return withFileLock(
      lockPath,
      { timeoutMs: this.lockTimeoutMs, leaseMs: this.lockLeaseMs, what: `model '${model}'` },
      task,
    );
  }

  /** `root/<segments…>`, refused when it would leave `root`. */
  private path(...segments: string[]): string {
    return pathUnder(this.root, ...segments);
  }

  private versionPath(model: string, version: number, file: string): string {
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new RegistryError(
        'bad-path',
        `version ${version} of '${model}' is not a version number (1, 2, …)`,
      );
    }
    return this.path(model, 'versions', String(version), file);
  }
}

async function readdirOrEmpty(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
