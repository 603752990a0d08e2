import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@mlops/features';
import { RegistryError } from '../errors';
import type { RegistryStore } from './RegistryStore';

/** Options of {@link FileSystemStore}. */
export interface FileSystemStoreOptions {
  /** How long to wait for another process's lock before giving up. @default 10000 */
  lockTimeoutMs?: number;
}

/**
 * The embedded registry store: one folder per model under `root`, one folder per
 * version. A version is written in a staging folder and renamed into place under
 * the next number; `rename` of a folder onto an existing version fails, so two
 * writers racing for a number never both win, and a killed writer leaves only a
 * staging folder that readers ignore.
 */
export class FileSystemStore implements RegistryStore {
  private readonly lockTimeoutMs: number;

  constructor(
    readonly root: string,
    options: FileSystemStoreOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  async listModels(): Promise<string[]> {
    const entries = await readdirOrEmpty(this.root);
    const models: string[] = [];
    for (const entry of entries) {
      if (!entry.startsWith('.') && (await this.listVersions(entry)).length > 0) models.push(entry);
    }
    return models.sort();
  }

  async listVersions(model: string): Promise<number[]> {
    const entries = await readdirOrEmpty(join(this.root, model, 'versions'));
    return entries
      .filter((entry) => /^[1-9]\d*$/.test(entry))
      .map(Number)
      .sort((a, b) => a - b);
  }

  async createVersion(model: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<number> {
    const staging = join(this.root, model, '.staging', `${randomUUID()}`);
    await mkdir(staging, { recursive: true });
    try {
      for (const [name, content] of Object.entries(files))
        await writeFileAtomic(join(staging, name), content);
      await mkdir(join(this.root, model, 'versions'), { recursive: true });
      let candidate = ((await this.listVersions(model)).at(-1) ?? 0) + 1;
      for (;;) {
        try {
          await rename(staging, join(this.root, model, 'versions', String(candidate)));
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

  async readVersionFile(model: string, version: number, file: string): Promise<string | undefined> {
    return readOrUndefined(join(this.root, model, 'versions', String(version), file));
  }

  async readVersionBytes(model: string, version: number, file: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(join(this.root, model, 'versions', String(version), file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async readModelFile(model: string, file: string): Promise<string | undefined> {
    return readOrUndefined(join(this.root, model, file));
  }

  async writeModelFile(model: string, file: string, content: string): Promise<void> {
    await writeFileAtomic(join(this.root, model, file), content);
  }

  async appendModelLog(model: string, file: string, line: string): Promise<void> {
    await mkdir(join(this.root, model), { recursive: true });
    await appendFile(join(this.root, model, file), line.endsWith('\n') ? line : `${line}\n`);
  }

  async modelFileStamp(model: string, file: string): Promise<string | undefined> {
    try {
      const info = await stat(join(this.root, model, file));
      return `${info.ino}:${info.mtimeMs}:${info.size}`;
    } catch {
      return undefined;
    }
  }

  async withModelLock<T>(model: string, task: () => Promise<T>): Promise<T> {
    const lockPath = join(this.root, model, '.lock');
    await mkdir(join(this.root, model), { recursive: true });
    const deadline = Date.now() + this.lockTimeoutMs;
    let delay = 2;
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (await removeIfStale(lockPath)) continue;
        if (Date.now() > deadline) {
          throw new RegistryError(
            'lock-timeout',
            `model '${model}' stayed locked for ${this.lockTimeoutMs} ms (${lockPath}): another command is writing it; retry, or delete the lock file if no mlops process is running`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 50);
      }
    }
    try {
      return await task();
    } finally {
      await unlink(lockPath).catch(() => undefined);
    }
  }
}

/** A lock whose owner process on this host has died is stale: a killed writer must not block the registry. */
async function removeIfStale(lockPath: string): Promise<boolean> {
  const text = await readOrUndefined(lockPath);
  if (text === undefined) return true; // released meanwhile
  let owner: { pid?: number; host?: string };
  try {
    owner = JSON.parse(text);
  } catch {
    return false; // being written right now
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return false;
    await unlink(lockPath).catch(() => undefined);
    return true;
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
