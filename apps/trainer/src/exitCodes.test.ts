import { FeaturesError } from '@mlops/features';
import { RegistryError } from '@mlops/registry';
import { CliError } from './CliError';
import { EXIT, exitCodeFor, exitCodeTable, libraryErrorCodes } from './exitCodes';

test.each(Object.keys(libraryErrorCodes) as Array<keyof typeof libraryErrorCodes>)(
  'every error code @mlops/%s exports has one exit code of the CLI table',
  (library) => {
    const table: Record<string, number> = exitCodeTable[library];
    expect(Object.keys(table).sort()).toEqual([...libraryErrorCodes[library]].sort());
    for (const code of Object.values(table)) expect(Object.values(EXIT)).toContain(code);
  },
);

test('library errors map by code, a command error says its own, anything else is a failure', () => {
  expect(exitCodeFor(new RegistryError('gate-failed', 'x'))).toBe(3);
  expect(exitCodeFor(new RegistryError('bad-name', 'x'))).toBe(2);
  expect(exitCodeFor(new FeaturesError('bad-csv', 'x'))).toBe(1);
  expect(exitCodeFor(new CliError('x', 3))).toBe(3);
  expect(exitCodeFor(new Error('boom'))).toBe(1);
});
