import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempHome } from '../__tests__/fixtures';
import { RegistryError } from '../errors';
import { FileSystemStore } from './FileSystemStore';

const run = promisify(execFile);
const distEntry = resolve(__dirname, '../../dist/index.js');
let root: string;
let lockPath: string;
beforeEach(() => {
  root = tempHome();
  mkdirSync(join(root, 'churn'));
  lockPath = join(root, 'churn', '.lock');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Makes the lock file look written a minute ago (instead of waiting for it to age). */
const age = (path: string) => {
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
};

/** A live process unrelated to the registry, and a way to end it. */
/** Writes a lock file as a holder on this host with a lease from `acquiredAt` to `expiresAt`. */
function writeLease(pid: number, acquiredAt: Date, expiresAt: Date): void {
  writeFileSync(
    lockPath,
    JSON.stringify({
      pid,
      host: hostname(),
      token: 'x',
      acquiredAt: acquiredAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }),
  );
}

async function liveProcess(): Promise<{ pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((done) => child.once('spawn', done));
  return {
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

test('finding 9: an empty lock file is taken over', async () => {
  writeFileSync(lockPath, '');
  age(lockPath);
  const store = new FileSystemStore(root, { lockTimeoutMs: 2_000 });
  await expect(store.withModelLock('churn', async () => 'done')).resolves.toBe('done');
  expect(readdirSync(join(root, 'churn'))).toEqual([]);
});

test('finding 9: an unparseable lock file is taken over', async () => {
  writeFileSync(lockPath, '{"pid": 12');
  age(lockPath);
  await expect(new FileSystemStore(root).withModelLock('churn', async () => 'done')).resolves.toBe('done');
});

test('finding 9: a lock held by a live but unrelated pid whose lease expired is taken over', async () => {
  const other = await liveProcess();
  try {
    const expired = new Date(Date.now() - 1_000);
    writeLease(other.pid, expired, expired);
    await expect(new FileSystemStore(root).withModelLock('churn', async () => 'done')).resolves.toBe('done');
    // A lock of the older format ({pid, host}, no lease) ages out by its file time.
    writeFileSync(lockPath, JSON.stringify({ pid: other.pid, host: hostname() }));
    age(lockPath);
    await expect(new FileSystemStore(root).withModelLock('churn', async () => 'again')).resolves.toBe(
      'again',
    );
  } finally {
    await other.stop();
  }
});

test('finding 9: a live lease blocks until the timeout, naming its holder', async () => {
  const other = await liveProcess();
  try {
    const now = Date.now();
    writeLease(other.pid, new Date(now), new Date(now + 600_000));
    const error = await new FileSystemStore(root, { lockTimeoutMs: 50 })
      .withModelLock('churn', async () => 'never')
      .catch((caught: RegistryError) => caught);
    expect((error as RegistryError).code).toBe('lock-timeout');
    expect((error as Error).message).toMatch(new RegExp(`held by pid ${other.pid} on `));
  } finally {
    await other.stop();
  }
});

test('finding 9: the holder renews its lease while it works, so a long task keeps the lock', async () => {
  // A lease of 3 s renewed every second: a loaded machine would have to stall the process for 2 s to lose it.
  const holder = new FileSystemStore(root, { lockTimeoutMs: 50, lockLeaseMs: 3_000 });
  const waiter = new FileSystemStore(root, { lockTimeoutMs: 50, lockLeaseMs: 3_000 });
  const leases = new Set<string>();
  let waiterGotIt = false;
  await holder.withModelLock('churn', async () => {
    // Wait on state: until the holder has renewed its lease twice.
    while (leases.size < 3) {
      leases.add(JSON.parse(readFileSync(lockPath, 'utf8')).expiresAt);
      await waiter
        .withModelLock('churn', async () => {
          waiterGotIt = true;
        })
        .catch((error: RegistryError) => expect(error.code).toBe('lock-timeout'));
    }
  });
  expect(waiterGotIt).toBe(false);
});

test('finding 9: processes racing to take over a stale lock never hold it at the same time', async () => {
  const { stdout } = await run(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  writeFileSync(lockPath, JSON.stringify({ pid: Number(stdout), host: hostname() })); // a dead holder
  writeFileSync(join(root, 'counter'), '0');
  const script = `
    const fs = require('node:fs');
    const { FileSystemStore } = require(${JSON.stringify(distEntry)});
    const root = process.argv[1];
    const store = new FileSystemStore(root, { lockTimeoutMs: 20000 });
    (async () => {
      for (let i = 0; i < 10; i += 1) {
        await store.withModelLock('churn', async () => {
          fs.appendFileSync(root + '/trace', 'enter ' + process.pid + '\\n');
          const n = Number(fs.readFileSync(root + '/counter', 'utf8'));
          await new Promise((done) => setImmediate(done));
          fs.writeFileSync(root + '/counter', String(n + 1));
          fs.appendFileSync(root + '/trace', 'exit ' + process.pid + '\\n');
        });
      }
    })();`;
  await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['-e', script, root])));
  expect(readFileSync(join(root, 'counter'), 'utf8')).toBe('40');
  const trace = readFileSync(join(root, 'trace'), 'utf8').trim().split('\n');
  expect(trace).toHaveLength(80);
  for (let i = 0; i < trace.length; i += 2) {
    const [enter, pid] = trace[i].split(' ');
    expect([enter, trace[i + 1]]).toEqual(['enter', `exit ${pid}`]);
  }
  expect(readdirSync(join(root, 'churn'))).toEqual([]); // no lock, marker or temporary file left
});
