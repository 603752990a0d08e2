import { FeaturesError, featuresErrorCodes } from '@mlops/features';
import { ModelsError, modelsErrorCodes } from '@mlops/models';
import { RegistryError, registryErrorCodes } from '@mlops/registry';
import { apiErrorCodes } from './ApiError';
import { apiErrorOf, httpMappingOf, type LibraryError, registryErrorHttpByCall } from './libraryErrors';

const SECRET = "cannot write '/srv/secret/registry/aliases.json': EACCES";

const everyCode: Array<[string, string, () => LibraryError]> = [
  ...registryErrorCodes.map(
    (code) =>
      ['registry', code, () => new RegistryError(code, SECRET)] as [string, string, () => LibraryError],
  ),
  ...modelsErrorCodes.map(
    (code) => ['models', code, () => new ModelsError(code, SECRET)] as [string, string, () => LibraryError],
  ),
  ...featuresErrorCodes.map(
    (code) =>
      ['features', code, () => new FeaturesError(code, SECRET)] as [string, string, () => LibraryError],
  ),
];

test.each(everyCode)(
  'the %s error code %s maps to one HTTP status and API error code',
  (_pkg, _code, make) => {
    const error = make();
    const mapping = httpMappingOf(error);
    expect(Number.isInteger(mapping.status)).toBe(true);
    expect(mapping.status).toBeGreaterThanOrEqual(400);
    expect(mapping.status).toBeLessThan(600);
    expect(apiErrorCodes).toContain(mapping.code);
    const answer = apiErrorOf(error);
    expect(answer).toMatchObject({ status: mapping.status, code: mapping.code });
    // A 5xx never carries the library's message (it may name files); a 4xx does, unless the table words it.
    if (mapping.status >= 500) expect(answer.message).not.toContain('secret');
    else expect(answer.message).toBe(mapping.message ?? SECRET);
  },
);

test('codes mapped by call differ from the default only where the call gives them another meaning', () => {
  for (const [call, overrides] of Object.entries(registryErrorHttpByCall)) {
    for (const [code, mapping] of Object.entries(overrides)) {
      expect(registryErrorCodes).toContain(code);
      expect(apiErrorCodes).toContain(mapping.code);
      expect(call).toBe('rollback');
    }
  }
  const none = new RegistryError('unknown-version', "model 'churn' has no earlier production version");
  expect(httpMappingOf(none, 'rollback')).toEqual({ status: 409, code: 'nothing_to_roll_back' });
  expect(httpMappingOf(none, 'promote')).toEqual({ status: 404, code: 'unknown_version' });
});
