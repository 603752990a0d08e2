import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useMlopsCli } from '../__tests__/mlopsCli';

// The pipeline commands through the CLI, with shell stages only (no model training).
const { folders, mlops } = useMlopsCli();

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
  writeFileSync(join(folders.work, 'pipeline.yaml'), chain('x'));
  expect((await mlops('pipeline', 'run')).code).toBe(0);
  writeFileSync(join(folders.work, 'pipeline.yaml'), chain('y'));
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
  writeFileSync(join(folders.work, 'pipeline.yaml'), chain('x'));
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
    join(folders.work, 'pipeline.yaml'),
    'stages:\n  end:\n    cmd: touch e\n    outs: [e]\n  train-2:\n    cmd: touch f\n    deps: [e]\n',
  );
  expect((await mlops('pipeline', 'dag', '--mermaid')).stdout).toBe(
    'graph LR\n  stage1["end"]\n  stage2["train-2"]\n  stage1 --> stage2\n',
  );
});

test('a failed run prints what ran, was skipped, failed and was blocked before its one error line', async () => {
  const yaml = (fail: boolean) => `stages:
  ok:
    cmd: echo ok > ok.txt
    outs: [ok.txt]
  bad:
    cmd: ${fail ? 'exit 1' : 'echo bad > bad.txt'}
    deps: [ok.txt]
    outs: [bad.txt]
  after:
    cmd: cat bad.txt > after.txt
    deps: [bad.txt]
    outs: [after.txt]
  alone:
    cmd: echo alone > alone.txt
    outs: [alone.txt]
`;
  writeFileSync(join(folders.work, 'pipeline.yaml'), yaml(false));
  await mlops('pipeline', 'run', '--stage', 'ok');
  writeFileSync(join(folders.work, 'pipeline.yaml'), yaml(true));
  const human = await mlops('pipeline', 'run');
  expect(human.code).toBe(1);
  expect(human.stdout).toBe('');
  const lines = human.stderr.trim().split('\n');
  expect(lines.slice(-5, -1).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
    ['skipped', 'ok'],
    ['failed', 'bad'],
    ['blocked', 'after'],
    ['ran', 'alone'],
  ]);
  expect(lines.at(-1)).toBe(
    "error: pipeline failed: bad (command exited with 1); after (upstream stage 'bad' failed)",
  );
  const json = await mlops('pipeline', 'run', '--json');
  expect(json.code).toBe(1);
  expect(json.json.stages.map((s: { stage: string; status: string }) => `${s.stage}:${s.status}`)).toEqual([
    'ok:skipped',
    'bad:failed',
    'after:blocked',
    'alone:skipped',
  ]);
  expect(json.stderr).not.toMatch(/^skipped/m);
});

test('a run in which an mlops stage registered without promoting exits 3 at the end, with the table', async () => {
  // `mlops --help` makes the command an mlops one; the exit 3 stands in for a train whose gate refused.
  writeFileSync(
    join(folders.work, 'pipeline.yaml'),
    `stages:
  train:
    cmd: mlops --help > /dev/null; echo report > train.json; exit 3
    outs: [train.json]
  evaluate:
    cmd: cat train.json > evaluate.json
    deps: [train.json]
    outs: [evaluate.json]
`,
  );
  const run = await mlops('pipeline', 'run');
  expect(run.code).toBe(3);
  const lines = run.stderr.trim().split('\n');
  expect(lines.slice(-3, -1).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
    ['not-promoted', 'train'],
    ['ran', 'evaluate'],
  ]);
  expect(lines.at(-1)).toMatch(
    /^error: pipeline ran, but train registered a version its gate did not promote: /,
  );
  const again = await mlops('pipeline', 'run', '--json');
  expect(again.code).toBe(0);
  expect(again.json.stages.map((s: { status: string }) => s.status)).toEqual(['skipped', 'skipped']);
});
