import { DriftError, driftErrorCodes } from '@mlops/drift';
import { featuresErrorCodes } from '@mlops/features';
import { modelsErrorCodes } from '@mlops/models';
import { RegistryError, registryErrorCodes } from '@mlops/registry';
import { MonitorError, monitorErrorCodes } from '../errors';
import { httpErrorFor, httpStatusTables } from './httpStatus';

test.each([
  ['monitor', monitorErrorCodes],
  ['drift', driftErrorCodes],
  ['features', featuresErrorCodes],
  ['registry', registryErrorCodes],
  ['models', modelsErrorCodes],
] as const)('every %s error code has one HTTP status, 4xx or 5xx', (source, codes) => {
  const table = httpStatusTables[source] as Record<string, number>;
  expect(Object.keys(table).sort()).toEqual([...codes].sort());
  for (const code of codes) expect(table[code]).toBeGreaterThanOrEqual(400);
});

test('codes, not messages, decide the status', () => {
  // A message that reads like "unknown" is not a 404 unless its code says so.
  expect(httpErrorFor(new Error('unknown thing; no model named x'))).toEqual({
    status: 500,
    code: 'internal',
  });
  expect(httpErrorFor(new RegistryError('unknown-model', 'whatever'))).toEqual({
    status: 404,
    code: 'unknown-model',
  });
  expect(httpErrorFor(new MonitorError('bad-model-name', 'm'))).toEqual({
    status: 400,
    code: 'bad-model-name',
  });
  expect(httpErrorFor(new DriftError('nothing-to-compare', 'm'))).toEqual({
    status: 422,
    code: 'nothing-to-compare',
  });
});
