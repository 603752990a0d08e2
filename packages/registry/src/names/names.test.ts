import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { RegistryError } from '../errors';
import { checkModelName, isModelName } from './modelName';
import { pathUnder } from './pathUnder';

const root = resolve(tmpdir(), 'mlops-root');

/** Strings a hostile caller would try, mixed into the random ones. */
const nasty = fc.constantFrom(
  '..',
  '.',
  '',
  '../x',
  '../../../x',
  '/etc/passwd',
  'a/../../b',
  'a\0b',
  '\0',
  'C:\\x',
  '..\\..\\x',
  'churn/../..',
  ' ',
  '~',
  '%2e%2e',
);
const anyString = fc.oneof(
  nasty,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).code;
  }
}

test('any segments either are refused as bad-path or give a path strictly inside the root', () => {
  fc.assert(
    fc.property(fc.array(anyString, { maxLength: 4 }), (segments) => {
      let path: string;
      try {
        path = pathUnder(root, ...segments);
      } catch (error) {
        expect((error as RegistryError).code).toBe('bad-path');
        return;
      }
      if (segments.length === 0) {
        expect(path).toBe(root);
        return;
      }
      expect(path.startsWith(root + sep)).toBe(true);
      expect(relative(root, path).split(sep)).toEqual(segments);
    }),
    { numRuns: 2_000, seed: 20261201 },
  );
});

test('a valid model name is one folder right under the root; anything else is bad-name', () => {
  fc.assert(
    fc.property(fc.oneof(anyString, fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,70}$/)), (name) => {
      if (isModelName(name)) {
        expect(codeOf(() => checkModelName(name))).toBeUndefined();
        expect(pathUnder(root, name)).toBe(join(root, name));
      } else {
        expect(codeOf(() => checkModelName(name))).toBe('bad-name');
      }
    }),
    { numRuns: 2_000, seed: 20261201 },
  );
});

test('refuses parent folders, absolute paths, NUL bytes, separators and empty segments', () => {
  for (const segment of ['..', '.', '', '/etc/passwd', 'a\0b', 'a/b', 'a\\b']) {
    expect(codeOf(() => pathUnder(root, 'churn', segment))).toBe('bad-path');
  }
  expect(codeOf(() => checkModelName('../../../x'))).toBe('bad-name');
  expect(codeOf(() => checkModelName(42))).toBe('bad-name');
  expect(() => checkModelName('Bad\nName')).toThrow(/model name 'Bad\\nName' is not allowed/);
  expect(isModelName('churn_v2-a')).toBe(true);
  expect(isModelName('a'.repeat(65))).toBe(false);
});

test('the root may be relative or end with a separator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-names-'));
  try {
    expect(pathUnder(`${dir}${sep}`, 'x')).toBe(join(dir, 'x'));
    expect(pathUnder(relative(process.cwd(), dir), 'x')).toBe(join(dir, 'x'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
