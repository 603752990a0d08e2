import { RegistryError } from '../errors';

/** 1–64 lowercase letters, digits, `-` or `_`, starting with a letter or digit: never a path. */
const MODEL_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Whether `name` may name a model or an alias (the same rule): apps can ask before doing any work. */
export function isModelName(name: unknown): name is string {
  return typeof name === 'string' && MODEL_NAME.test(name);
}

/**
 * Throws `RegistryError('bad-name')` unless `name` is a valid model (or alias) name.
 * Every public method of the registry that takes a name calls it before any I/O.
 * `what` names the argument in the message (`model name`, `alias`).
 */
export function checkModelName(name: unknown, what = 'model name'): asserts name is string {
  if (!isModelName(name)) {
    // Escaped and cut, so a hostile name cannot forge log lines or flood a message.
    const shown =
      typeof name === 'string' ? `'${JSON.stringify(name.slice(0, 80)).slice(1, -1)}'` : `(a ${typeof name})`;
    throw new RegistryError(
      'bad-name',
      `${what} ${shown} is not allowed: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
    );
  }
}
