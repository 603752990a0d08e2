import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../cli';

// The pipeline commands through the CLI, with shell stages only (no model training).
let home: string;
let work: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mlops-home-'));
  work = mkdtempSync(join(tmpdir(), 'mlops-work-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function mlops(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { MLOPS_HOME: home, INIT_CWD: work, LOG_LEVEL: 'warn' },
  });
  await new Promise((resolve) => setImmediate(resolve));
  const text = out.join('');
  const last = text.trim().split('\n').at(-1) ?? '';
  return {
    code,
    stdout: text,
    stderr: err.join(''),
    json: last.startsWith('{') ? JSON.parse(last) : undefined,
  };
}

// a → b → c, and d on its own.
const chain = (word: string) => `stages:
  a:
    cmd: echo \${word} > a.txt
    params: { word: ${word} }
    outs: [a.txt]
  b:
    cmd: cat a.txt > b.txt
    deps: [a.txt]
    outs: [b.txt]
  c:
    cmd: cat b.txt > c.txt
    deps: [b.txt]
    outs: [c.txt]
  d:
    cmd: echo d > d.txt
    outs: [d.txt]
`;

test('status marks every stage downstream of a changed param stale, naming the change, as run then does', async () => {
  writeFileSync(join(work, 'pipeline.yaml'), chain('x'));
  expect((await mlops('pipeline', 'run')).code).toBe(0);
  writeFileSync(join(work, 'pipeline.yaml'), chain('y'));
  const status = await mlops('pipeline', 'status', '--json');
  expect(status.json.stages).toEqual([
    { stage: 'a', up_to_date: false, reason: 'params changed' },
    { stage: 'b', up_to_date: false, reason: "upstream stage 'a' changed" },
    { stage: 'c', up_to_date: false, reason: "upstream stage 'a' changed" },
    { stage: 'd', up_to_date: true, reason: 'up to date' },
  ]);
  expect((await mlops('pipeline', 'status')).stdout).toMatch(/stale\s+c\s+upstream stage 'a' changed/);
  const run = await mlops('pipeline', 'run', '--json');
  expect(run.json.stages.map((s: { status: string }) => s.status)).toEqual(['ran', 'ran', 'ran', 'skipped']);
});

test('dag shows every stage, an isolated one too, as text, Mermaid and JSON', async () => {
  writeFileSync(join(work, 'pipeline.yaml'), chain('x'));
  const mermaid = await mlops('pipeline', 'dag', '--mermaid');
  expect(mermaid.stdout).toBe('graph LR\n  a\n  b\n  c\n  d\n  a --> b\n  b --> c\n');
  const text = await mlops('pipeline', 'dag');
  expect(text.stdout).toBe('a  (waits for nothing)\nb  ← a\nc  ← b\nd  (waits for nothing)\n');
  const json = await mlops('pipeline', 'dag', '--json');
  expect(json.json).toEqual({
    stages: ['a', 'b', 'c', 'd'],
    edges: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ],
  });
});

test('dag --mermaid gives a stage whose name Mermaid cannot take as an id a label instead', async () => {
  writeFileSync(
    join(work, 'pipeline.yaml'),
    'stages:\n  end:\n    cmd: touch e\n    outs: [e]\n  train-2:\n    cmd: touch f\n    deps: [e]\n',
  );
  expect((await mlops('pipeline', 'dag', '--mermaid')).stdout).toBe(
    'graph LR\n  stage1["end"]\n  stage2["train-2"]\n  stage1 --> stage2\n',
  );
});
