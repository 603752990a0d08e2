import { availableParallelism } from 'node:os';
import { readConfig } from './config';

test('defaults: port 8000, churn, rate limit 6000/min, batch 10,000 rows, sensitive fields dropped, one process', () => {
  const config = readConfig({ MLOPS_HOME: '/tmp/h' });
  expect(config).toMatchObject({
    port: 8000,
    home: '/tmp/h',
    defaultModel: 'churn',
    apiKey: undefined,
    bodyLimit: '1mb',
    batchBodyLimit: '20mb',
    batchLimit: 10_000,
    maxTextLength: 1000,
    maxInstanceKeys: 1000,
    rateLimit: 6000,
    rateWindowMs: 60_000,
    corsOrigins: [],
    sensitiveFields: 'drop',
    workers: 1,
    accessLogSample: 1,
  });
});

test('reads every variable', () => {
  const config = readConfig({
    PORT: '9000',
    MLOPS_API_KEY: 'k',
    MLOPS_BATCH_LIMIT: '500',
    MLOPS_RATE_LIMIT: '0',
    MLOPS_RATE_WINDOW_MS: '1000',
    MLOPS_CORS_ORIGINS: 'https://a.example, https://b.example',
    MLOPS_SENSITIVE_FIELDS: 'hash',
    MLOPS_HASH_SALT: 'salt',
    MLOPS_BATCH_BODY_LIMIT: '5mb',
    MLOPS_MAX_TEXT_LENGTH: '200',
    MLOPS_MAX_INSTANCE_KEYS: '50',
    WEB_CONCURRENCY: '2',
    MLOPS_ACCESS_LOG_SAMPLE: '100',
  });
  expect(config).toMatchObject({
    port: 9000,
    apiKey: 'k',
    batchLimit: 500,
    rateLimit: 0,
    rateWindowMs: 1000,
    corsOrigins: ['https://a.example', 'https://b.example'],
    sensitiveFields: 'hash',
    hashSalt: 'salt',
    batchBodyLimit: '5mb',
    maxTextLength: 200,
    maxInstanceKeys: 50,
    workers: 2,
    accessLogSample: 100,
  });
  expect(readConfig({ WEB_CONCURRENCY: 'auto' }).workers).toBe(availableParallelism());
});

test('names every bad variable and its fix in one error', () => {
  expect(() =>
    readConfig({
      PORT: 'http',
      MLOPS_BATCH_LIMIT: '-1',
      MLOPS_SENSITIVE_FIELDS: 'hash',
      MLOPS_BODY_LIMIT: 'lots',
      LOG_LEVEL: 'loud',
    }),
  ).toThrow(
    /PORT='http' must be a whole number from 0 to 65535.*LOG_LEVEL='loud'.*needs MLOPS_HASH_SALT.*MLOPS_BODY_LIMIT='lots' must be a size.*MLOPS_BATCH_LIMIT='-1'/,
  );
  expect(() => readConfig({ MLOPS_SENSITIVE_FIELDS: 'mask' })).toThrow(/must be 'drop', 'hash' or 'bin'/);
});

test('bin mode needs no salt at start: only a model with something to hash does, when it loads', () => {
  expect(readConfig({ MLOPS_SENSITIVE_FIELDS: 'bin' })).toMatchObject({
    sensitiveFields: 'bin',
    hashSalt: undefined,
  });
});

test.each([
  ['spaces', '   '],
  ['a newline', '\n'],
])('refuses an MLOPS_API_KEY of only %s, which no bearer token can match', (_case, key) => {
  expect(() => readConfig({ MLOPS_API_KEY: key })).toThrow(
    /^bad environment: MLOPS_API_KEY is only whitespace, which no bearer token can match: set a secret/,
  );
});

test('refuses an MLOPS_API_KEY with whitespace inside; an empty one turns the admin routes off', () => {
  expect(() => readConfig({ MLOPS_API_KEY: 'two words' })).toThrow(/MLOPS_API_KEY contains whitespace/);
  expect(() => readConfig({ MLOPS_API_KEY: 'secret\n' })).toThrow(/MLOPS_API_KEY contains whitespace/);
  expect(readConfig({ MLOPS_API_KEY: '' }).apiKey).toBeUndefined();
});

test('the request limits are whole numbers in range', () => {
  expect(() => readConfig({ MLOPS_MAX_TEXT_LENGTH: '0', MLOPS_MAX_INSTANCE_KEYS: 'many' })).toThrow(
    /MLOPS_MAX_TEXT_LENGTH='0' must be a whole number from 1 to 1000000; MLOPS_MAX_INSTANCE_KEYS='many' must be a whole number from 1 to 100000/,
  );
});
