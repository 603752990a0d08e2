import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempFolders } from '../__tests__/tempFolders';
import { readPipelineFile } from './pipelineFile';
import { shellQuote } from './substituteParams';

const folders = useTempFolders();

/** The one-line error readPipelineFile gives for a pipeline holding this stage. */
function refusal(stage: string): string {
  const path = join(folders.work, 'pipeline.yaml');
  writeFileSync(path, `stages:\n  ${stage.replaceAll('\n', '\n  ')}\n`);
  try {
    readPipelineFile(path);
  } catch (error) {
    return (error as Error).message.replace(`${path}: `, '');
  }
  return 'accepted';
}

test('refuses a reference to a param the stage does not declare, naming the fix', () => {
  expect(refusal(`train_churn:\n  cmd: mlops train --model \${model}`)).toBe(
    `stage 'train_churn' uses \${model} in its cmd but has no param 'model': add it under params (a shell variable is written $model)`,
  );
});

test('refuses a declared param the command never uses, so it cannot silently not reach it', () => {
  expect(
    refusal('train_churn:\n  cmd: mlops train --model logistic\n  params: { model: random_forest }'),
  ).toBe(`param 'model' of stage 'train_churn' does not reach its command: use \${model} in cmd`);
  expect(refusal(`s:\n  cmd: echo \${train.seed}\n  params: { train: { seed: 1, model: x } }`)).toBe(
    `param 'train.model' of stage 's' does not reach its command: use \${train.model} in cmd`,
  );
});

test('refuses a mapping, a list or an empty value where a command needs one word', () => {
  expect(refusal(`s:\n  cmd: echo \${train}\n  params: { train: { seed: 1 } }`)).toBe(
    `stage 's' uses \${train} in its cmd but param 'train' is a mapping: use \${train.seed}`,
  );
  expect(refusal(`s:\n  cmd: echo \${seeds}\n  params: { seeds: [1, 2] }`)).toBe(
    "param 'seeds' of stage 's' is a list: a param is a string, number or boolean (or a mapping of them)",
  );
  expect(refusal(`s:\n  cmd: echo \${seed}\n  params: { seed: }`)).toMatch(
    /param 'seed' of stage 's' is empty/,
  );
  expect(refusal('s:\n  cmd: echo\n  params: [1]')).toBe(
    "'params' of stage 's' must be a mapping of names to values",
  );
});

test('leaves shell forms that are not a param reference to the shell', () => {
  expect(refusal(`s:\n  cmd: echo $HOME \${HOME:-x} > o.txt`)).toBe('accepted');
});

test('quotes a value only when the shell would split or interpret it', () => {
  expect(shellQuote('random_forest')).toBe('random_forest');
  expect(shellQuote('data/a-b.arrow')).toBe('data/a-b.arrow');
  expect(shellQuote('')).toBe("''");
  expect(shellQuote("it's $x; y")).toBe(`'it'\\''s $x; y'`);
});
