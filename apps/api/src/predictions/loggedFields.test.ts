import type { ColumnSpec } from '@mlops/features';
import { ServingError } from '../models/ServingError';
import { hashSensitiveValue } from './hashSensitiveValue';
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
const model = { name: 'credit', version: 3 };
const values = { tenure: 5, income: 250, postcode: 'AB1', plan: 'gold', customer_id: 'K9', order: 12 };

test.each([
  ['drop', { tenure: 5, plan: 'gold' }],
  [
    'hash',
    {
      tenure: 5,
      income: hashSensitiveValue('s', 250),
      postcode: hashSensitiveValue('s', 'AB1'),
      plan: 'gold',
    },
  ],
] as const)('%s mode: sensitive features as the log holds them, sensitive ids hashed', (mode, logged) => {
  const log = loggedFields(model, fields, { mode, salt: 's' });
  expect(log.features(values)).toEqual(logged);
  expect(log.entity(values)).toEqual({ customer_id: hashSensitiveValue('s', 'K9'), order: 12 });
  expect(log.entity({ tenure: 1 })).toBeUndefined();
});

test('without a salt, a model with something to hash is refused, naming the model, the field and the fix', () => {
  expect(() => loggedFields(model, fields, { mode: 'drop' })).toThrow(
    new ServingError(
      'needs-hash-salt',
      "model 'credit' v3 has the sensitive id column 'customer_id', which the prediction log always hashes, but MLOPS_HASH_SALT is not set: set MLOPS_HASH_SALT (a secret string) to serve it",
    ),
  );
  // Nothing to hash: no salt needed.
  const noIds = requestFields(features);
  expect(loggedFields(model, noIds, { mode: 'drop' }).features(values)).toEqual({ tenure: 5, plan: 'gold' });
});
