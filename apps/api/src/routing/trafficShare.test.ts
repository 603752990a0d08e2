import type { ColumnSpec } from '@mlops/features';
import { requestFields } from '../predictions/requestFields';

const column = (name: string, type: ColumnSpec['type'], role: ColumnSpec['role']): ColumnSpec =>
  ({ name, type, role, description: '' }) as ColumnSpec;

import { fnv1a, inShare, routingKey } from './trafficShare';

test('fnv1a is the 32-bit FNV-1a hash (the reference vectors of the FNV specification)', () => {
  // draft-eastlake-fnv test vectors for FNV-1a 32: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
  expect([fnv1a(''), fnv1a('a'), fnv1a('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
});

test('inShare takes about weight % of many keys, always the same ones, and a larger share keeps the smaller one', () => {
  const keys = Array.from({ length: 10_000 }, (_, i) => `customer_id=C${String(i).padStart(7, '0')}\u0000`);
  for (const weight of [1, 10, 50, 90]) {
    const share = keys.filter((key) => inShare(key, weight)).length / keys.length;
    expect(Math.abs(share - weight / 100)).toBeLessThan(0.02);
  }
  expect(keys.every((key) => inShare(key, 100))).toBe(true);
  // Raising a canary from 10 % to 50 % moves customers only towards the challenger.
  expect(keys.filter((key) => inShare(key, 10) && !inShare(key, 50))).toEqual([]);
});

test('routingKey is the id columns the request carries, else its request id', () => {
  const fields = requestFields(
    [column('age', 'numeric', 'feature')],
    [column('customer_id', 'categorical', 'id'), column('account_no', 'numeric', 'id')],
  );
  expect(routingKey(fields, { age: 3, customer_id: 'C1', account_no: 7 }, 'r1')).toBe(
    'customer_id=C1\u0000account_no=7\u0000',
  );
  expect(routingKey(fields, { age: 3, account_no: 7 }, 'r1')).toBe('account_no=7\u0000');
  expect(routingKey(fields, { age: 3 }, 'r1')).toBe('request=r1');
  expect(routingKey(fields, { age: 3, customer_id: { nested: true } }, 'r2')).toBe('request=r2');
});
