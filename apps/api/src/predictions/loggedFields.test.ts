import type { BaselineProfile, ColumnSpec } from '@mlops/features';
import { hashSensitiveValue } from '@mlops/registry';
import { ServingError } from '../models/ServingError';
import { loggedFields } from './loggedFields';
import { requestFields } from './requestFields';

const spec = (name: string, type: ColumnSpec['type'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type,
  role: 'feature',
  description: name,
  ...extra,
});
const features = [
  spec('tenure', 'numeric'),
  spec('income', 'numeric', { sensitive: true }),
  spec('postcode', 'categorical', { sensitive: true }),
  spec('plan', 'categorical'),
];
const ids = [
  spec('customer_id', 'categorical', { role: 'id', sensitive: true }),
  spec('order', 'numeric', { role: 'id' }),
];
const fields = requestFields(features, ids);
const profile: BaselineProfile = {
  formatVersion: 1,
  rows: 10,
  columns: {
    income: {
      kind: 'numeric',
      count: 10,
      missing: 0,
      mean: 0,
      std: 0,
      min: 0,
      max: 300,
      quantiles: {},
      histogram: { edges: [0, 100, 200, 300], counts: [4, 4, 2] },
    },
  },
};
const model = { name: 'credit', version: 3 };
const values = { tenure: 5, income: 250, postcode: 'AB1', plan: 'gold', customer_id: 'K9', order: 12 };

test.each([
  ['drop', { tenure: 5, plan: 'gold' }, undefined],
  [
    'hash',
    {
      tenure: 5,
      income: hashSensitiveValue('s', 250),
      postcode: hashSensitiveValue('s', 'AB1'),
      plan: 'gold',
    },
    undefined,
  ],
  // bin: numeric features get their bin; categorical ones have no bins and are hashed.
  ['bin', { tenure: 5, income: 2, postcode: hashSensitiveValue('s', 'AB1'), plan: 'gold' }, ['income']],
] as const)(
  '%s mode: sensitive features as the log holds them, sensitive ids hashed',
  (mode, logged, binned) => {
    const log = loggedFields(model, fields, { mode, salt: 's', profile });
    expect(log.features(values)).toEqual(logged);
    expect(log.binned).toEqual(binned);
    expect(log.entity(values)).toEqual({ customer_id: hashSensitiveValue('s', 'K9'), order: 12 });
    expect(log.entity({ tenure: 1 })).toBeUndefined();
  },
);

test('without a salt, a model with something to hash is refused, naming the model, the field and the fix', () => {
  const noIds = requestFields(features);
  expect(() => loggedFields(model, fields, { mode: 'drop' })).toThrow(
    new ServingError(
      'needs-hash-salt',
      "model 'credit' v3 has the sensitive id column 'customer_id', which the prediction log always hashes, but MLOPS_HASH_SALT is not set: set MLOPS_HASH_SALT (a secret string) to serve it",
    ),
  );
  expect(() => loggedFields(model, noIds, { mode: 'bin', profile })).toThrow(
    "model 'credit' v3 has the sensitive categorical feature 'postcode', which MLOPS_SENSITIVE_FIELDS=bin hashes (it has no bins), but MLOPS_HASH_SALT is not set: set MLOPS_HASH_SALT (a secret string), or MLOPS_SENSITIVE_FIELDS=drop",
  );
  // Nothing to hash: no salt needed.
  expect(loggedFields(model, noIds, { mode: 'drop' }).features(values)).toEqual({ tenure: 5, plan: 'gold' });
  const numericOnly = requestFields([spec('income', 'numeric', { sensitive: true })]);
  expect(loggedFields(model, numericOnly, { mode: 'bin', profile }).features(values)).toEqual({ income: 2 });
});

test('bin mode drops a sensitive numeric feature that has no reference histogram, and says so', () => {
  const log = loggedFields(model, fields, { mode: 'bin', salt: 's', profile: { ...profile, columns: {} } });
  expect(log.features(values)).not.toHaveProperty('income');
  expect(log.binned).toBeUndefined();
  expect(log.notes).toEqual([
    "no reference histogram for the sensitive feature 'income': it is dropped from the log",
  ]);
});
