import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** sha256 of a file's bytes: the identity of a training dataset or a pipeline output. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** sha256 of a text, e.g. a model document: equal hashes are the same model. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The git commit of the working tree, when there is one: the code version a model was trained with. */
export function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
