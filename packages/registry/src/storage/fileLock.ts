import { randomUUID } from 'node:crypto';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { RegistryError } from '../errors';
import { processExists } from '../processExists';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** Give up waiting after this long (`lock-timeout`). */
  timeoutMs: number;
  /** A holder that has not renewed its lease for this long has lost it. */
  leaseMs: number;
  /** What the lock protects, for messages (`model 'churn'`). */
  what: string;
}

/** What a lock file holds: who took it, and until when its lease runs. */
export interface LockLease {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
  /** The holder renews this every `leaseMs / 3` while it works. */
  expiresAt: string;
}

/** A lock file that does not parse is only trusted this long (a writer of the older format may be mid-write). */
const UNREADABLE_GRACE_MS = 1_000;
/** The break marker is held for a few system calls; older than this, its holder died. */
const MARKER_GRACE_MS = 5_000;

/**
 * Runs `task` while holding the lock file `lockPath`, across processes and hosts
 * sharing the folder. The file is created whole (written under a temporary name and
 * hard-linked into place, which fails if it exists) and holds a {@link LockLease}
 * that a heartbeat renews. A waiter takes over a lock that is empty or unreadable
 * (after a short grace), whose holder is a dead process on this host, or whose lease
 * expired (a live but unrelated pid, a frozen holder, a lock from another host).
 * Breaking, renewing and releasing all happen under a second, short-lived marker file
 * (`<lock>.break`, created exclusively), so two waiters can never both remove the
 * same stale lock and then both create a new one.
 */
export async function withFileLock<T>(
  lockPath: string,
  options: FileLockOptions,
  task: () => Promise<T>,
): Promise<T> {
  const token = await acquire(lockPath, options);
  let renewing = false;
  const heartbeat = setInterval(
    () => {
      if (renewing) return;
      renewing = true;
      void renew(lockPath, token, options.leaseMs).finally(() => {
        renewing = false;
      });
    },
    Math.max(1, Math.floor(options.leaseMs / 3)),
  );
  heartbeat.unref();
  try {
    return await task();
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<string> {
  const token = randomUUID();
  const deadline = Date.now() + options.timeoutMs;
  let delay = 2;
  for (;;) {
    if (await tryCreate(lockPath, lease(token, options.leaseMs))) return token;
    const seen = await inspect(lockPath, options.leaseMs);
    if (seen.state === 'absent') continue;
    if (seen.state === 'stale' && (await breakStale(lockPath, options.leaseMs))) continue;
    if (Date.now() > deadline) {
      throw new RegistryError(
        'lock-timeout',
        `${options.what} stayed locked for ${options.timeoutMs} ms (${lockPath}${seen.holder ? `, held by ${seen.holder}` : ''}): another command is writing it; retry (a lock whose holder died or stopped renewing is taken over)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 50);
  }
}

function lease(token: string, leaseMs: number): LockLease {
  const now = Date.now();
  return {
    pid: process.pid,
    host: hostname(),
    token,
    acquiredAt: new Date(now).toISOString(),
    expiresAt: new Date(now + leaseMs).toISOString(),
  };
}

/** Creates the lock file with its whole content in one step; false when it exists. */
function tryCreate(lockPath: string, content: LockLease): Promise<boolean> {
  return createWhole(lockPath, JSON.stringify(content));
}

/**
 * Creates `path` holding `text`, or returns false when it exists. The file appears with
 * all of its content at once (written under a temporary name, then hard-linked into place,
 * which fails if `path` exists): a process killed half-way leaves at most a stray
 * temporary file, never an empty or torn `path` that others would have to wait out.
 */
async function createWhole(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

interface Inspection {
  state: 'absent' | 'live' | 'stale';
  holder?: string;
  lease?: Partial<LockLease>;
}

/** Reads the lock file and judges it; see {@link withFileLock} for what is stale. */
async function inspect(lockPath: string, leaseMs: number): Promise<Inspection> {
  let text: string;
  let mtimeMs: number;
  try {
    text = await readFile(lockPath, 'utf8');
    mtimeMs = (await stat(lockPath)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw error;
  }
  const age = Date.now() - mtimeMs;
  let parsed: Partial<LockLease> | null = null;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Partial<LockLease>;
  } catch {
    // handled below: an unreadable lock
  }
  if (!parsed || typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') {
    return { state: age > UNREADABLE_GRACE_MS ? 'stale' : 'live', holder: 'an unreadable lock file' };
  }
  const holder = `pid ${parsed.pid} on ${parsed.host}${parsed.acquiredAt ? ` since ${parsed.acquiredAt}` : ''}`;
  if (parsed.host === hostname() && !processExists(parsed.pid))
    return { state: 'stale', holder, lease: parsed };
  // Older lock files have no lease: the file's age stands in for it.
  const expires = parsed.expiresAt ? Date.parse(parsed.expiresAt) : mtimeMs + leaseMs;
  if (!(Date.now() <= expires)) return { state: 'stale', holder, lease: parsed };
  return { state: 'live', holder, lease: parsed };
}

/** Runs `step` holding the break marker; `undefined` when another process holds it. */
async function underMarker<T>(lockPath: string, step: () => Promise<T>): Promise<T | undefined> {
  const marker = `${lockPath}.break`;
  // Whole or absent: an empty marker left by a holder killed between creating and writing it
  // could only be judged by its age, and would block every waiter for MARKER_GRACE_MS.
  if (!(await createWhole(marker, JSON.stringify({ pid: process.pid, host: hostname() })))) {
    await clearDeadMarker(marker);
    return undefined;
  }
  try {
    return await step();
  } finally {
    await unlink(marker).catch(() => undefined);
  }
}

/** Removes a marker whose holder died (dead pid on this host, or older than any break takes). */
async function clearDeadMarker(marker: string): Promise<void> {
  try {
    const text = await readFile(marker, 'utf8');
    const { mtimeMs } = await stat(marker);
    let owner: { pid?: unknown; host?: unknown } = {};
    try {
      owner = JSON.parse(text);
    } catch {
      // an empty or torn marker (written by a version before markers were created whole): judged by its age alone
    }
    const dead = owner.host === hostname() && typeof owner.pid === 'number' && !processExists(owner.pid);
    if (dead || Date.now() - mtimeMs > MARKER_GRACE_MS) await unlink(marker);
  } catch {
    // gone meanwhile, or removed by another waiter
  }
}

/** Removes the lock if it is still stale once the marker is held; true when it is gone. */
async function breakStale(lockPath: string, leaseMs: number): Promise<boolean> {
  const removed = await underMarker(lockPath, async () => {
    const again = await inspect(lockPath, leaseMs);
    if (again.state === 'absent') return true;
    if (again.state !== 'stale') return false;
    await unlink(lockPath).catch(() => undefined);
    return true;
  });
  return removed === true;
}

/** Extends the lease when the lock is still this holder's; skipped this beat if the marker is busy. */
async function renew(lockPath: string, token: string, leaseMs: number): Promise<void> {
  await underMarker(lockPath, async () => {
    const current = await readLease(lockPath);
    if (current?.token !== token) return;
    const temp = `${lockPath}.${token}.renew`;
    const renewed = { ...current, expiresAt: new Date(Date.now() + leaseMs).toISOString() };
    await writeFile(temp, JSON.stringify(renewed));
    await rename(temp, lockPath);
  }).catch(() => undefined);
}

/** Removes the lock when it is still this holder's (a holder whose lease was broken must not remove the next one's). */
async function release(lockPath: string, token: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const done = await underMarker(lockPath, async () => {
      if ((await readLease(lockPath))?.token === token) await unlink(lockPath).catch(() => undefined);
      return true;
    }).catch(() => true);
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  // The marker stayed busy: remove our own lock anyway rather than leave it to expire.
  if ((await readLease(lockPath))?.token === token) await unlink(lockPath).catch(() => undefined);
}

async function readLease(lockPath: string): Promise<Partial<LockLease> | undefined> {
  try {
    return JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockLease>;
  } catch {
    return undefined;
  }
}
