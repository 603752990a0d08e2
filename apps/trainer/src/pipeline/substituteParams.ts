import { CliError } from '../CliError';

/** A value a command can receive: what `${name}` in a stage's cmd is replaced by. */
export type ParamValue = string | number | boolean;

// `${name}` or `${a.b}`; other shell forms such as `${HOME:-x}` or `$HOME` are left to the shell.
const reference = /\$\{([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\}/g;

/**
 * The stage's command with every `${name}` (or `${a.b}` for a nested param) replaced
 * by the shell-quoted param value. Refuses, with one line naming the stage and the fix,
 * a reference to a param the stage does not declare and a declared param the command
 * never uses, so a param cannot silently fail to reach its command.
 */
export function substituteParams(
  file: string,
  stage: string,
  cmd: string,
  params: Record<string, unknown>,
): string {
  const leaves = paramLeaves(file, stage, params);
  const used = new Set<string>();
  const command = cmd.replace(reference, (_, name: string) => {
    const value = leaves.get(name);
    if (value === undefined) {
      const mapping = [...leaves.keys()].find((leaf) => leaf.startsWith(`${name}.`));
      if (mapping) {
        throw new CliError(
          `${file}: stage '${stage}' uses \${${name}} in its cmd but param '${name}' is a mapping: use \${${mapping}}`,
        );
      }
      throw new CliError(
        `${file}: stage '${stage}' uses \${${name}} in its cmd but has no param '${name}': add it under params (a shell variable is written $${name.split('.')[0]})`,
      );
    }
    used.add(name);
    return shellQuote(String(value));
  });
  for (const name of leaves.keys()) {
    if (!used.has(name)) {
      throw new CliError(
        `${file}: param '${name}' of stage '${stage}' does not reach its command: use \${${name}} in cmd`,
      );
    }
  }
  return command;
}

/** `value` as one shell word: bare when that is safe, else single-quoted. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Every leaf of the params by its dotted name (`train.seed`); lists and nulls are refused. */
function paramLeaves(file: string, stage: string, params: Record<string, unknown>): Map<string, ParamValue> {
  const leaves = new Map<string, ParamValue>();
  const visit = (prefix: string, value: unknown): void => {
    if (!/^[A-Za-z_][\w-]*$/.test(prefix.split('.').at(-1)!)) {
      throw new CliError(
        `${file}: param '${prefix}' of stage '${stage}' is not a name: use letters, digits, '_' and '-'`,
      );
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      leaves.set(prefix, value);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) visit(`${prefix}.${key}`, child);
    } else {
      throw new CliError(
        `${file}: param '${prefix}' of stage '${stage}' is ${Array.isArray(value) ? 'a list' : 'empty'}: a param is a string, number or boolean (or a mapping of them)`,
      );
    }
  };
  for (const [key, value] of Object.entries(params)) visit(key, value);
  return leaves;
}
