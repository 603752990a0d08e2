import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { readPipelineFile } from './pipelineFile';
import { readLock, runPipeline } from './runPipeline';
import { stageStatus } from './stageStatus';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipeline-status-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// make → copy → last; `note` reaches a file nobody reads, so changing it leaves copy's input as it was.
const yaml = (note: string) => `stages:
  make:
    cmd: echo 1 > n.txt && echo \${note} > note.txt
    params: { note: ${note} }
    outs: [n.txt, note.txt]
  copy:
    cmd: cat n.txt > copy.txt
    deps: [n.txt]
    outs: [copy.txt]
  last:
    cmd: cat copy.txt > last.txt
    deps: [copy.txt]
    outs: [last.txt]
`;

function load(note: string) {
  writeFileSync(join(dir, 'pipeline.yaml'), yaml(note));
  return readPipelineFile(join(dir, 'pipeline.yaml'));
}
const cacheDir = () => join(dir, '.cache');
const run = (note: string) =>
  runPipeline(load(note), {
    cacheDir: cacheDir(),
    env: process.env,
    mlopsCommand: 'false',
    output: new PassThrough(),
  });
const status = (note: string) => {
  const pipeline = load(note);
  return stageStatus(pipeline, readLock(pipeline), cacheDir()).map((s) => [s.stage, s.up_to_date, s.reason]);
};

test('a stage downstream of a stale stage is stale, transitively, naming the stage that changed', async () => {
  await run('a');
  expect(status('a').every(([, upToDate]) => upToDate)).toBe(true);
  expect(status('b')).toEqual([
    ['make', false, 'params changed'],
    ['copy', false, "upstream stage 'make' changed"],
    ['last', false, "upstream stage 'make' changed"],
  ]);
  // Run then judges each reader on what the upstream stage wrote: the same n.txt, so it skips and says why.
  expect((await run('b')).map((r) => [r.stage, r.status, r.reason])).toEqual([
    ['make', 'ran', 'params changed'],
    ['copy', 'skipped', "up to date (upstream stage 'make' re-ran to the same outputs)"],
    ['last', 'skipped', 'up to date'],
  ]);
  expect(status('b').every(([, upToDate]) => upToDate)).toBe(true);
});

test('an output the cache will restore leaves its readers up to date; one it cannot makes them stale', async () => {
  await run('a');
  rmSync(join(dir, 'n.txt'));
  expect(status('a')).toEqual([
    ['make', true, 'outputs to restore: n.txt'],
    ['copy', true, 'up to date'],
    ['last', true, 'up to date'],
  ]);
  rmSync(cacheDir(), { recursive: true });
  expect(status('a')).toEqual([
    ['make', false, 'outputs missing and not in the cache'],
    ['copy', false, "upstream stage 'make' changed"],
    ['last', false, "upstream stage 'make' changed"],
  ]);
  expect((await run('a')).map((r) => r.status)).toEqual(['ran', 'skipped', 'skipped']);
});
