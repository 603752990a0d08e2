import { readFileSync } from 'node:fs';
import { FeaturesError } from '../errors';

/** The `bad-file` error for a file that cannot be opened or read, naming it and the system's reason. */
export function unreadableFile(path: string, error: unknown): FeaturesError {
  return new FeaturesError('bad-file', `cannot read '${path}': ${(error as Error).message}`, {
    cause: error,
  });
}

/** The whole content of the file at `path`; one that cannot be read is an {@link unreadableFile} error. */
export function readFileBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadableFile(path, error);
  }
}
