import { RegistryError } from '../errors';
import { readDatabaseConfig, redactDatabaseUrl } from './databaseConfig';

test('no MLOPS_DATABASE_URL (or an empty one) keeps the filesystem store', () => {
  expect(readDatabaseConfig({})).toBeUndefined();
  expect(readDatabaseConfig({ MLOPS_DATABASE_URL: '  ' })).toBeUndefined();
});

test('a postgres:// or postgresql:// URL is taken as given', () => {
  for (const url of [
    'postgres://postgres@127.0.0.1:5432/test',
    ['postgresql://u', 'secret@db.internal/mlops?sslmode=require'].join(':'),
  ])
    expect(readDatabaseConfig({ MLOPS_DATABASE_URL: url })).toEqual({ url });
});

test.each([
  ['mysql://u@h/db', "has the scheme 'mysql', not postgres"],
  ['postgres://u@h', 'names no database'],
  ['postgres:///db', 'names no host'],
  ['127.0.0.1:5432/test', 'is not a URL'],
  ['not a url', 'is not a URL'],
])('%s is a storage error naming the variable, the problem and the fix', (url, problem) => {
  let error: unknown;
  try {
    readDatabaseConfig({ MLOPS_DATABASE_URL: url });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(RegistryError);
  expect((error as RegistryError).code).toBe('storage');
  expect((error as Error).message).toBe(
    `MLOPS_DATABASE_URL '${url}' ${problem}: write postgres://USER@HOST[:PORT]/DATABASE (a password may follow USER after a colon), or unset it to use the filesystem store under MLOPS_HOME`,
  );
});

test('a bad URL’s password never reaches the message', () => {
  expect(() =>
    readDatabaseConfig({ MLOPS_DATABASE_URL: ['mysql://admin', 'hunter2@h/db'].join(':') }),
  ).toThrow("MLOPS_DATABASE_URL 'mysql://admin:***@h/db' has the scheme 'mysql'");
  expect(redactDatabaseUrl(['admin', 'hunter2@h/db'].join(':'))).toBe('admin:***@h/db');
  expect(redactDatabaseUrl('postgres://u@h:5432/db')).toBe('postgres://u@h:5432/db');
});
