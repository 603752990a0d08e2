import { execFile, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempHome } from '../__tests__/fixtures';
import { FileSystemRunStore } from './FileSystemRunStore';
import { parseRunFilter, parseRunSort } from './runQuery';

let root: string;
beforeEach(() => {
  root = tempHome();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// The RunStore contract (records, filters, sort, artifacts, errors) is runStore.conformance.ts, run on
// this store too; here is what only the filesystem store does.

test('unparsable filters and unknown runs are clear errors', async () => {
  expect(() => parseRunFilter('roc_auc > 0.8')).toThrow(/run filter 'roc_auc > 0.8' does not parse/);
  expect(() => parseRunSort('metrics.f1 sideways')).toThrow(/run sort 'metrics.f1 sideways' does not parse/);
  await expect(new FileSystemRunStore(root).get('nope')).rejects.toThrow(/no run with id 'nope'/);
});

test('a torn index line (killed writer) is skipped and the run keeps its last whole state', async () => {
  const store = new FileSystemRunStore(root);
  const run = await store.start({ experiment: 'e', kind: 'train' });
  appendFileSync(join(root, 'index.jsonl'), `{"id":"${run.id}","status":"fini`);
  expect((await store.list()).map((r) => r.status)).toEqual(['running']);
});

test('runs started by several processes at once are all listed', async () => {
  const dist = resolve(__dirname, '../../dist/index.js');
  const script = `
    const { FileSystemRunStore } = require(${JSON.stringify(dist)});
    const store = new FileSystemRunStore(process.argv[1]);
    (async () => {
      for (let i = 0; i < 25; i += 1) {
        const run = await store.start({ experiment: 'e', kind: 'trial', params: { i } });
        await store.end(run.id, { status: 'finished', metrics: { score: i } });
      }
    })();`;
  const run = promisify(execFile);
  await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['-e', script, root])));
  const runs = await new FileSystemRunStore(root).list();
  expect(runs).toHaveLength(100);
  expect(new Set(runs.map((r) => r.id)).size).toBe(100);
  expect(runs.every((r) => r.status === 'finished')).toBe(true);
});

test('finding 9: a run whose process was killed with SIGKILL is abandoned on the next read, and saved as such', async () => {
  const dist = resolve(__dirname, '../../dist/index.js');
  const script = `
    const { FileSystemRunStore } = require(${JSON.stringify(dist)});
    new FileSystemRunStore(process.argv[1]).start({ experiment: 'churn', kind: 'train' }).then((run) => {
      process.stdout.write(run.id + '\\n');
      setInterval(() => {}, 1000); // a trainer busy training until it is killed
    });`;
  const child = spawn(process.execPath, ['-e', script, root], { stdio: ['ignore', 'pipe', 'inherit'] });
  const id = await new Promise<string>((done) =>
    child.stdout.once('data', (chunk) => done(String(chunk).trim())),
  );
  const store = new FileSystemRunStore(root);
  expect((await store.get(id)).status).toBe('running'); // its process is alive
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;

  const run = await store.get(id);
  expect(run).toMatchObject({
    status: 'abandoned',
    pid: child.pid,
    host: hostname(),
    error: `the process ${child.pid} on ${hostname()} ended without finishing the run`,
  });
  // Persisted: the index says so too, and a filter on status finds it.
  const lines = readFileSync(join(root, 'index.jsonl'), 'utf8').trim().split('\n');
  expect(JSON.parse(lines.at(-1)!)).toMatchObject({ id, status: 'abandoned' });
  expect((await store.list({ filters: [parseRunFilter('status = abandoned')] })).map((r) => r.id)).toEqual([
    id,
  ]);
  // A run of a live process (this one) stays running.
  const mine = await store.start({ experiment: 'churn', kind: 'train' });
  expect((await store.list()).find((r) => r.id === mine.id)?.status).toBe('running');
});

test('finding 9: list marks a dead process’s run abandoned too', async () => {
  const store = new FileSystemRunStore(root);
  const run = await store.start({ experiment: 'e', kind: 'train' });
  const { stdout } = await promisify(execFile)(process.execPath, [
    '-e',
    'process.stdout.write(String(process.pid))',
  ]);
  // The run as a process that has exited would have left it.
  const dead = { ...run, pid: Number(stdout) };
  writeFileSync(join(root, run.id, 'run.json'), JSON.stringify(dead));
  appendFileSync(join(root, 'index.jsonl'), `${JSON.stringify(dead)}\n`);
  expect((await store.list()).map((r) => [r.id, r.status])).toEqual([[run.id, 'abandoned']]);
  expect((await store.get(run.id)).status).toBe('abandoned');
});
