import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import type { RegistryError } from '../errors';
import type { RunStore } from './RunStore';
import { parseRunFilter, parseRunSort } from './runQuery';

/** One backend under test: a fresh, empty store per test, and what the interface cannot do. */
export interface RunStoreUnderTest {
  store: RunStore;
  /** An artifact's content as stored. */
  readArtifact(id: string, name: string): Promise<Uint8Array>;
  /** Makes a run look as if process `pid` (of this host) had started it. */
  setProcess(id: string, pid: number): Promise<void>;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: RegistryError) => error.code,
  );
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const filters = (...texts: string[]) => texts.map(parseRunFilter);

/**
 * The contract of {@link RunStore}, the same tests for every backend
 * (`describe.each` over the filesystem store, PGlite and the PostgreSQL server).
 */
export function describeRunStoreConformance(kinds: Array<[string, () => Promise<RunStoreUnderTest>]>): void {
  describe.each(kinds)('RunStore on %s', (_kind, open) => {
    let t: RunStoreUnderTest;
    let store: RunStore;
    beforeEach(async () => {
      t = await open();
      store = t.store;
    });

    test('a run records params, metrics, tags, artifacts, times and status', async () => {
      const run = await store.start({
        experiment: 'churn',
        kind: 'train',
        params: { model: 'logistic', C: 1 },
        tags: { team: 'a' },
      });
      expect(run).toMatchObject({ status: 'running', pid: process.pid, host: hostname(), artifacts: [] });
      await store.logMetrics(run.id, { roc_auc: 0.8 });
      await store.addArtifact(run.id, 'model.json', '{"x":1}');
      const ended = await store.end(run.id, { status: 'finished', metrics: { f1: 0.6 } });
      expect(ended).toMatchObject({
        status: 'finished',
        params: { model: 'logistic', C: 1 },
        metrics: { roc_auc: 0.8, f1: 0.6 },
        tags: { team: 'a' },
        artifacts: ['model.json'],
      });
      expect(Date.parse(ended.endTime!)).toBeGreaterThanOrEqual(Date.parse(ended.startTime));
      expect(text(await t.readArtifact(run.id, 'model.json'))).toBe('{"x":1}');
      expect(await store.get(run.id)).toEqual(ended);
      expect(await store.list()).toEqual([ended]);
    });

    test('filters on metrics, params, tags, status, kind, experiment and parentId, and sorts', async () => {
      const ids: Record<string, string> = {};
      for (const [model, auc] of [
        ['logistic', 0.7],
        ['gradient_boosting', 0.9],
        ['random_forest', 0.8],
      ] as const) {
        const run = await store.start({
          experiment: 'churn',
          kind: 'train',
          params: { model },
          tags: { seed: '1' },
        });
        await store.end(run.id, { status: 'finished', metrics: { roc_auc: auc } });
        ids[model] = run.id;
      }
      const failed = await store.start({ experiment: 'fraud', kind: 'tune', parentId: ids.logistic });
      await store.end(failed.id, { status: 'failed', error: 'boom' });

      const good = await store.list({
        filters: filters('metrics.roc_auc >= 0.8'),
        sort: parseRunSort('metrics.roc_auc desc'),
      });
      expect(good.map((r) => r.params.model)).toEqual(['gradient_boosting', 'random_forest']);
      expect((await store.list({ filters: filters('params.model = logistic') })).map((r) => r.id)).toEqual([
        ids.logistic,
      ]);
      expect((await store.list({ filters: filters('status != finished') })).map((r) => r.error)).toEqual([
        'boom',
      ]);
      expect(await store.list({ filters: filters('tags.seed = 1'), limit: 2 })).toHaveLength(2);
      expect(await store.list({ limit: 0 })).toEqual([]);
      const byField = async (filter: string) =>
        (await store.list({ filters: filters(filter) })).map((r) => r.id);
      expect(await byField('kind = tune')).toEqual([failed.id]);
      expect(await byField('experiment = fraud')).toEqual([failed.id]);
      expect(await byField(`parentId = ${ids.logistic}`)).toEqual([failed.id]);
      expect(
        await store.list({
          filters: filters('experiment = churn', 'metrics.roc_auc < 0.85', 'params.model != logistic'),
        }),
      ).toMatchObject([{ id: ids.random_forest }]);
      const all = await store.list();
      expect(all.map((r) => r.id)).toEqual(
        Object.values({ ...ids, failed: failed.id })
          .sort()
          .reverse(),
      );
    });

    test('numbers compare as numbers, text as text in code-point order', async () => {
      const make = async (params: Record<string, number | string>) =>
        (await store.start({ experiment: 'e', kind: 'trial', params })).id;
      const two = await make({ C: 2, name: 'a' });
      const ten = await make({ C: 10, name: 'Z' });
      const textTen = await make({ C: '10', name: 'b' });
      const ids = async (...texts: string[]) =>
        (await store.list({ filters: filters(...texts) })).map((r) => r.id).sort();
      // 10 > 9 as numbers; the text '10' is < '9'.
      expect(await ids('params.C > 9')).toEqual([ten]);
      expect(await ids('params.C < 9')).toEqual([two, textTen].sort());
      expect(await ids('params.C = 10')).toEqual([ten, textTen].sort());
      expect(await ids('params.C = 10.0')).toEqual([ten]);
      // Code points: 'Z' (90) < 'a' (97) < 'b', whatever the machine's locale.
      expect(await ids('params.name < a')).toEqual([ten]);
      expect(await ids('params.name >= a')).toEqual([two, textTen].sort());
      const sorted = await store.list({ sort: parseRunSort('params.name asc') });
      expect(sorted.map((r) => r.params.name)).toEqual(['Z', 'a', 'b']);
    });

    test('a missing field never matches, sorts last either way, and ties go newest first', async () => {
      const scored: string[] = [];
      for (const score of [0.5, 0.5, 0.9]) {
        const run = await store.start({ experiment: 'e', kind: 'trial' });
        await store.logMetrics(run.id, { score });
        scored.push(run.id);
      }
      const bare = (await store.start({ experiment: 'e', kind: 'trial' })).id;
      const list = async (sort: string, limit?: number) =>
        (await store.list({ sort: parseRunSort(sort), limit })).map((r) => r.id);
      const tied = [scored[0], scored[1]].sort().reverse();
      expect(await list('metrics.score desc')).toEqual([scored[2], ...tied, bare]);
      expect(await list('metrics.score asc')).toEqual([...tied, scored[2], bare]);
      expect(await list('metrics.score asc', 2)).toEqual(tied);
      expect(await list('metrics.score desc', 4)).toEqual([scored[2], ...tied, bare]);
      expect(await list('metrics.nothing desc', 2)).toEqual([bare, ...scored].sort().reverse().slice(0, 2));
      expect(await list('parentId asc')).toEqual([bare, ...scored].sort().reverse());
      const none = await store.list({
        filters: filters('metrics.nothing != 1', 'params.nothing != x', 'tags.none != x'),
      });
      expect(none).toEqual([]);
    });

    test('logMetrics merges, end keeps earlier metrics, and an error is kept only when given', async () => {
      const run = await store.start({ experiment: 'e', kind: 'train' });
      await store.logMetrics(run.id, { a: 1, b: 2 });
      expect((await store.logMetrics(run.id, { b: 3, c: 0.1 + 0.2 })).metrics).toEqual({
        a: 1,
        b: 3,
        c: 0.1 + 0.2,
      });
      const ended = await store.end(run.id, { status: 'pruned' });
      expect(ended).toMatchObject({ status: 'pruned', metrics: { a: 1, b: 3, c: 0.30000000000000004 } });
      expect(ended.error).toBeUndefined();
    });

    test('unknown runs and bad artifact names are errors with their codes', async () => {
      await expect(store.get('nope')).rejects.toThrow(/no run with id 'nope'/);
      expect(await codeOf(store.logMetrics('nope', { a: 1 }))).toBe('unknown-run');
      expect(await codeOf(store.end('nope', { status: 'finished' }))).toBe('unknown-run');
      expect(await codeOf(store.addArtifact('nope', 'model.json', 'x'))).toBe('unknown-run');
      const run = await store.start({ experiment: 'e', kind: 'train' });
      for (const name of ['..', '../x', 'a/b', ''])
        expect(await codeOf(store.addArtifact(run.id, name, 'x'))).toBe('bad-name');
    });

    test('an artifact added again keeps its place and takes the new content, bytes as given', async () => {
      const run = await store.start({ experiment: 'e', kind: 'train' });
      const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
      await store.addArtifact(run.id, 'a.txt', 'first');
      await store.addArtifact(run.id, 'b.bin', bytes);
      await store.addArtifact(run.id, 'a.txt', 'second');
      expect((await store.get(run.id)).artifacts).toEqual(['a.txt', 'b.bin']);
      expect(text(await t.readArtifact(run.id, 'a.txt'))).toBe('second');
      expect([...(await t.readArtifact(run.id, 'b.bin'))]).toEqual([...bytes]);
    });

    test('values with quotes and SQL in filters and keys are matched as data', async () => {
      const sneaky = "x'; DROP TABLE runs; --";
      const run = await store.start({ experiment: 'e', kind: 'train', params: { "we'ird.key": sneaky } });
      // Filters built in code, not parsed, reach the store too.
      const found = await store.list({ filters: [{ field: "params.we'ird.key", op: '=', value: sneaky }] });
      expect(found.map((r) => r.id)).toEqual([run.id]);
      expect(await store.list({ filters: filters(`status = ${sneaky}`) })).toEqual([]);
      expect(await store.list()).toHaveLength(1);
    });

    test('a running run whose process is gone is abandoned on the next read, and saved as such', async () => {
      const run = await store.start({ experiment: 'churn', kind: 'train' });
      const mine = await store.start({ experiment: 'churn', kind: 'train' });
      const { stdout } = await promisify(execFile)(process.execPath, [
        '-e',
        'process.stdout.write(String(process.pid))',
      ]);
      const pid = Number(stdout); // a process that has exited
      await t.setProcess(run.id, pid);
      const error = `the process ${pid} on ${hostname()} ended without finishing the run`;
      expect(await store.list({ filters: filters('status = abandoned') })).toMatchObject([
        { id: run.id, status: 'abandoned', error },
      ]);
      expect(await store.get(run.id)).toMatchObject({ status: 'abandoned', pid, error });
      expect((await store.get(mine.id)).status).toBe('running'); // its process (this one) is alive
    });

    test('runs started at once are all listed, each with its own id', async () => {
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const run = await store.start({ experiment: 'e', kind: 'trial', params: { i } });
          await store.end(run.id, { status: 'finished', metrics: { score: i } });
        }),
      );
      const runs = await store.list({ sort: parseRunSort('params.i asc') });
      expect(runs.map((r) => r.params.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(new Set(runs.map((r) => r.id)).size).toBe(20);
    });
  });
}
