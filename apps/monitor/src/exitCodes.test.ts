import { DriftError, driftErrorCodes } from '@mlops/drift';
import { FeaturesError, featuresErrorCodes } from '@mlops/features';
import { ModelsError, modelsErrorCodes } from '@mlops/models';
import { RegistryError, registryErrorCodes } from '@mlops/registry';
import { MonitorError, monitorErrorCodes } from './errors';
import { EXIT, exitCodeForError, exitCodeTables } from './exitCodes';

// The runtime lists each package exports: a code added there but not mapped here fails
// (the types fail to compile first; this catches a list and its type drifting apart).
const packages = [
  ['monitor', monitorErrorCodes, (code: string) => new MonitorError(code as never, 'm')],
  ['drift', driftErrorCodes, (code: string) => new DriftError(code as never, 'm')],
  ['features', featuresErrorCodes, (code: string) => new FeaturesError(code as never, 'm')],
  ['registry', registryErrorCodes, (code: string) => new RegistryError(code as never, 'm')],
  ['models', modelsErrorCodes, (code: string) => new ModelsError(code as never, 'm')],
] as const;

describe.each(packages)('every %s error code maps to one exit code', (source, codes, make) => {
  test('the table holds exactly the codes of the runtime list', () => {
    expect(Object.keys(exitCodeTables[source]).sort()).toEqual([...codes].sort());
  });

  test.each([...codes])('%s is failed (3) or nothing to compare (4), never a drift level', (code) => {
    expect([EXIT.failed, EXIT.nothingToCompare]).toContain(exitCodeForError(make(code)));
  });
});

test('nothing to compare, too few rows and an empty sample are 4; anything unknown is 3', () => {
  expect(exitCodeForError(new MonitorError('nothing-to-compare', 'm'))).toBe(4);
  expect(exitCodeForError(new MonitorError('too-few-rows', 'm'))).toBe(4);
  expect(exitCodeForError(new DriftError('nothing-to-compare', 'm'))).toBe(4);
  expect(exitCodeForError(new DriftError('empty-sample', 'm'))).toBe(4);
  expect(exitCodeForError(new RegistryError('unknown-model', 'm'))).toBe(3);
  expect(exitCodeForError(new TypeError('x is undefined'))).toBe(3);
  expect(exitCodeForError('a string')).toBe(3);
});
