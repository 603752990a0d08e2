import type { ColumnSpec } from '@mlops/features';
import { requestFields } from '../predictions/requestFields';
import { JsonLimitScanner, type JsonLimitScannerOptions } from './JsonLimitScanner';

const spec = (name: string, type: ColumnSpec['type']): ColumnSpec => ({
  name,
  type,
  role: 'feature',
  description: name,
});
const fields = requestFields(
  [spec('age', 'numeric'), spec('plan', 'categorical')],
  [{ ...spec('cid', 'categorical'), role: 'id' }],
);
const limits = { maxTextLength: 10, maxInstanceKeys: 5 };

/** Scans `text` in chunks of `size` bytes; the refusal and how many bytes were fed before it. */
function scan(text: string, options: Partial<JsonLimitScannerOptions> = {}, size = 7) {
  const scanner = new JsonLimitScanner({ shape: 'instance', ...limits, fields, ...options });
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) {
    const refusal = scanner.write(bytes.subarray(at, at + size));
    if (refusal) return { refusal, fed: Math.min(at + size, bytes.length) };
  }
  return { refusal: undefined, fed: bytes.length };
}

test.each([
  ['an instance', '{"age": 3, "plan": "basic", "cid": "C1"}', 'instance'],
  ['escapes and multi-byte characters', '{"a\\u0067e": -1.5e3, "plan": "\\"é€😀\\\\"}', 'instance'],
  ['a batch', '{"instances": [{"age": 1}, {"plan": "x"}, {}]}', 'batch'],
  ['an admin body', '{"version": 2, "force": true, "reason": null}', 'flat'],
  ['a scalar body', '"text"', 'instance'],
  ['invalid JSON, left to JSON.parse', '{"age": 1,, ]]] {"x', 'instance'],
] as const)('lets %s through, in chunks of any size', (_case, text, shape) => {
  for (const size of [1, 2, 3, 5, 64])
    expect(scan(text, { shape, maxRows: 3 }, size).refusal).toBeUndefined();
});

test('refuses a text value over the limit at the byte that breaks it, naming the field', () => {
  const { refusal, fed } = scan(`{"age": 1, "plan": "${'x'.repeat(1000)}"}`, {}, 1);
  expect(refusal).toMatchObject({
    status: 422,
    code: 'validation_error',
    details: [{ field: 'plan', message: 'is longer than 10 characters, the limit (MLOPS_MAX_TEXT_LENGTH)' }],
  });
  expect(fed).toBe('{"age": 1, "plan": "'.length + 11);
  // An escape or a multi-byte character is one character.
  expect(scan(`{"plan": "${'\\n'.repeat(10)}"}`).refusal).toBeUndefined();
  expect(scan(`{"plan": "${'é'.repeat(10)}"}`).refusal).toBeUndefined();
});

test('refuses an instance with more keys than the limit, naming the row in a batch', () => {
  const keys = Array.from({ length: 6 }, () => '"age": 1').join(', ');
  expect(scan(`{${keys}}`).refusal).toMatchObject({
    status: 422,
    details: [{ field: undefined, message: 'has more than 5 fields, the limit (MLOPS_MAX_INSTANCE_KEYS)' }],
  });
  expect(scan(`{"instances": [{}, {${keys}}]}`, { shape: 'batch' }).refusal).toMatchObject({
    message: 'instances[1] has more than 5 fields, the limit (MLOPS_MAX_INSTANCE_KEYS)',
  });
});

test('refuses more batch rows than the limit at the first row too many (413)', () => {
  const { refusal, fed } = scan(`{"instances": [${Array(1000).fill('{}').join(',')}]}`, {
    shape: 'batch',
    maxRows: 3,
  });
  expect(refusal).toMatchObject({ status: 413, code: 'batch_too_large' });
  expect(fed).toBeLessThan(40);
});

test('lets up to 100 unknown fields or misplaced values through to validation, and refuses the 101st', () => {
  const unknown = (n: number) =>
    `{"instances": [{${Array.from({ length: n }, (_, i) => `"k${i}": 0`).join(', ')}}]}`;
  const wide = { shape: 'batch' as const, maxInstanceKeys: 1000 };
  expect(scan(unknown(100), wide).refusal).toBeUndefined();
  const { refusal } = scan(unknown(101), wide);
  expect(refusal?.message).toMatch(/^the body holds more than 100 unknown fields or misplaced values/);
  expect(refusal?.details).toHaveLength(100);
  expect(refusal?.details[0]).toEqual({
    field: 'instances[0].k0',
    message: 'is not a feature or an id column of this model',
  });
  // Nested values count with everything they hold, and are named as validation names them.
  const nested = scan(`{"age": [${Array(200).fill('[]').join(',')}]}`);
  expect(nested.refusal?.details[0]).toEqual({ field: 'age', message: 'must be a number, got object' });
  const topArray = scan(`[${Array(200).fill('1').join(',')}]`);
  expect(topArray.refusal?.details).toEqual([{ message: 'must be a JSON object of feature values' }]);
});

test('an escaped spelling of a known field is that field', () => {
  const keys = Array.from({ length: 150 }, () => '"\\u0061ge": 1').join(', ');
  expect(scan(`{${keys}}`, { maxInstanceKeys: 1000 }).refusal).toBeUndefined();
});
