import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { readPipelineFile } from './pipelineFile';
import { runPipeline } from './runPipeline';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Each stage appends to runs.log, so a test can see which stages really ran.
const pipelineYaml = (scale: number, note = 'a') => `
stages:
  make:
    cmd: echo make >> runs.log && printf '1\\n2\\n3\\n' > numbers.txt
    outs: [numbers.txt]
  double:
    cmd: echo double >> runs.log && awk '{ print $1 * ${scale} }' numbers.txt > doubled.txt && echo \${note} > note.txt
    deps: [numbers.txt]
    params: { note: ${note} }
    outs: [doubled.txt, note.txt]
  count:
    cmd: echo count >> runs.log && wc -l < numbers.txt > count.txt
    deps: [numbers.txt]
    outs: [count.txt]
  sum:
    cmd: echo sum >> runs.log && cat doubled.txt count.txt | awk '{ s += $1 } END { print s }' > sum.txt
    deps: [doubled.txt, count.txt]
    outs: [sum.txt]
`;

async function run(scale = 2, note = 'a', force = false) {
  writeFileSync(join(dir, 'pipeline.yaml'), pipelineYaml(scale, note));
  rmSync(join(dir, 'runs.log'), { force: true });
  const results = await runPipeline(readPipelineFile(join(dir, 'pipeline.yaml')), {
    cacheDir: join(dir, '.cache'),
    env: process.env,
    mlopsCommand: 'false',
    output: new PassThrough(),
    force,
  });
  const ran = existsSync(join(dir, 'runs.log'))
    ? readFileSync(join(dir, 'runs.log'), 'utf8').trim().split('\n')
    : [];
  return { results, ran };
}

test('runs every stage once, in dependency order, then skips them all', async () => {
  const first = await run();
  expect(first.ran[0]).toBe('make');
  expect(first.ran.at(-1)).toBe('sum');
  expect(first.results.map((r) => r.status)).toEqual(['ran', 'ran', 'ran', 'ran']);
  expect(readFileSync(join(dir, 'sum.txt'), 'utf8').trim()).toBe('15'); // 2+4+6 + 3 lines
  const second = await run();
  expect(second.ran).toEqual([]);
  expect(second.results.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
});

test('a changed command re-runs that stage and what its new output feeds, nothing else', async () => {
  await run(2);
  const changed = await run(3);
  expect(changed.ran.sort()).toEqual(['double', 'sum']);
  expect(changed.results.find((r) => r.stage === 'double')?.reason).toBe('command changed');
  expect(changed.results.find((r) => r.stage === 'sum')?.reason).toBe('dependency doubled.txt changed');
  expect(readFileSync(join(dir, 'sum.txt'), 'utf8').trim()).toBe('21');
});

test('a changed param re-runs its stage; an identical output leaves the readers skipped', async () => {
  await run(2, 'a');
  const changed = await run(2, 'b');
  expect(changed.ran).toEqual(['double']);
  expect(changed.results.find((r) => r.stage === 'double')?.reason).toBe('params changed');
});

test('--force runs every stage', async () => {
  await run();
  expect((await run(2, 'a', true)).ran.sort()).toEqual(['count', 'double', 'make', 'sum']);
});

test('a changed input file re-runs its readers; a deleted output is restored from the cache', async () => {
  await run();
  writeFileSync(join(dir, 'numbers.txt'), '10\n');
  // `make` is up to date (no deps, same command) but its output differs from the lock: restored.
  const restored = await run();
  expect(restored.results.find((r) => r.stage === 'make')?.status).toBe('restored');
  expect(restored.ran).toEqual([]);
  expect(readFileSync(join(dir, 'numbers.txt'), 'utf8')).toBe('1\n2\n3\n');
  rmSync(join(dir, 'sum.txt'));
  const again = await run();
  expect(again.results.find((r) => r.stage === 'sum')?.status).toBe('restored');
  expect(readFileSync(join(dir, 'sum.txt'), 'utf8').trim()).toBe('15');
});

test('a failing stage blocks what depends on it and is not locked', async () => {
  writeFileSync(
    join(dir, 'pipeline.yaml'),
    'stages:\n  bad:\n    cmd: exit 3\n    outs: [x.txt]\n  after:\n    cmd: touch y.txt\n    deps: [x.txt]\n    outs: [y.txt]\n',
  );
  const results = await runPipeline(readPipelineFile(join(dir, 'pipeline.yaml')), {
    cacheDir: join(dir, '.cache'),
    env: process.env,
    mlopsCommand: 'false',
    output: new PassThrough(),
  });
  expect(results.map((r) => [r.stage, r.status, r.reason])).toEqual([
    ['bad', 'failed', 'command exited with 3'],
    ['after', 'blocked', "upstream stage 'bad' failed"],
  ]);
  expect(existsSync(join(dir, 'pipeline.lock'))).toBe(false);
});

/** Runs a pipeline written as YAML in the test folder. */
async function runYaml(yaml: string, options: { mlopsCommand?: string } = {}) {
  writeFileSync(join(dir, 'pipeline.yaml'), yaml);
  return runPipeline(readPipelineFile(join(dir, 'pipeline.yaml')), {
    cacheDir: join(dir, '.cache'),
    env: process.env,
    mlopsCommand: options.mlopsCommand ?? 'false',
    output: new PassThrough(),
  });
}

test('a stage command receives its params by name, shell-quoted; a changed param re-runs it', async () => {
  const yaml = (word: string) =>
    `stages:\n  say:\n    cmd: echo \${word} > word.txt\n    params: { word: ${word} }\n    outs: [word.txt]\n`;
  await runYaml(yaml('a'));
  expect(readFileSync(join(dir, 'word.txt'), 'utf8')).toBe('a\n');
  const changed = await runYaml(yaml('b'));
  expect(changed.map((r) => [r.status, r.reason])).toEqual([['ran', 'params changed']]);
  expect(readFileSync(join(dir, 'word.txt'), 'utf8')).toBe('b\n');
  // A value with spaces and quotes is one shell word, not code.
  await runYaml(yaml(`"it's; rm -rf x"`));
  expect(readFileSync(join(dir, 'word.txt'), 'utf8')).toBe("it's; rm -rf x\n");
});

test('nested params reach the command by their dotted name; the lock records the resolved command', async () => {
  await runYaml(
    `stages:\n  s:\n    cmd: echo \${train.model} \${train.seed} \${fast} > o.txt\n    params: { train: { model: forest, seed: 7 }, fast: true }\n    outs: [o.txt]\n`,
  );
  expect(readFileSync(join(dir, 'o.txt'), 'utf8')).toBe('forest 7 true\n');
  expect(JSON.parse(readFileSync(join(dir, 'pipeline.lock'), 'utf8')).s.cmd).toBe(
    'echo forest 7 true > o.txt',
  );
});

test('an mlops command that exits 3 (registered, not promoted) is locked and cached; its readers run', async () => {
  // Stands in for `mlops train` whose gate refused the version it registered: outputs written, exit 3.
  const mlopsCommand = "sh -c 'echo registered >> runs.log; echo x > out.txt; exit 3' mlops";
  const yaml =
    'stages:\n  train:\n    cmd: mlops train --name m\n    outs: [out.txt]\n  evaluate:\n    cmd: cat out.txt > eval.txt\n    deps: [out.txt]\n    outs: [eval.txt]\n';
  const first = await runYaml(yaml, { mlopsCommand });
  expect(first.map((r) => [r.stage, r.status, r.reason])).toEqual([
    ['train', 'not-promoted', 'never ran; registered a version its gate did not promote (exit 3)'],
    ['evaluate', 'ran', 'never ran'],
  ]);
  expect(Object.keys(JSON.parse(readFileSync(join(dir, 'pipeline.lock'), 'utf8')))).toEqual([
    'train',
    'evaluate',
  ]);
  // Not registered again on the next run, and its output comes back from the cache.
  rmSync(join(dir, 'out.txt'));
  const second = await runYaml(yaml, { mlopsCommand });
  expect(second.map((r) => r.status)).toEqual(['restored', 'skipped']);
  expect(readFileSync(join(dir, 'runs.log'), 'utf8')).toBe('registered\n');
});

test('exit 3 from a command that is not mlops is a failure like any other', async () => {
  const results = await runYaml('stages:\n  curl:\n    cmd: touch o.txt; exit 3\n    outs: [o.txt]\n');
  expect(results.map((r) => r.status)).toEqual(['failed']);
});

test('rejects a cycle and an output written by two stages, naming them', () => {
  writeFileSync(
    join(dir, 'p.yaml'),
    'stages:\n  a: {cmd: x, deps: [b.txt], outs: [a.txt]}\n  b: {cmd: y, deps: [a.txt], outs: [b.txt]}\n',
  );
  expect(() => readPipelineFile(join(dir, 'p.yaml'))).toThrow(/stages form a cycle: a → b → a/);
  writeFileSync(join(dir, 'q.yaml'), 'stages:\n  a: {cmd: x, outs: [o.txt]}\n  b: {cmd: y, outs: [o.txt]}\n');
  expect(() => readPipelineFile(join(dir, 'q.yaml'))).toThrow(/'o.txt' is an output of both 'a' and 'b'/);
  writeFileSync(join(dir, 'r.yaml'), 'stages:\n  a: {outs: [o.txt]}\n');
  expect(() => readPipelineFile(join(dir, 'r.yaml'))).toThrow(/stage 'a' needs a 'cmd'/);
});
