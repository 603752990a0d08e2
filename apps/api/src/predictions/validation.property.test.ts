import type { ColumnSpec } from '@mlops/features';
import fc from 'fast-check';
import request from 'supertest';
import { startTestServer, stopTestServer, type TestServer } from '../__tests__/testServer';
import { ApiError, apiErrorCodes, type ErrorDetail } from '../http/ApiError';
import { JsonLimitScanner } from '../http/JsonLimitScanner';
import type { LoadedModel } from '../models/ModelStore';
import { PredictionsService } from './predictionsService';
import { validateInstance } from './validateInstance';

// Properties of the request validator and what stands around it (the body scanner,
// the prediction service, the HTTP routes): whatever JSON arrives, it either becomes
// a record the model predicts on, or a 4xx whose details name the fields; never a
// 500, never a throw, and every input returns (no timing is asserted).

let server: TestServer;
let model: LoadedModel;
beforeAll(async () => {
  server = await startTestServer({ logFlushIntervalMs: 0 });
  model = server.models.get('churn')!;
});
afterAll(() => stopTestServer(server));

const tricky = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  'customer_id',
  'contract',
  'age',
  'a\r\nb',
  '\u0000',
);
/** Any JSON value, with the numbers JSON.parse can give (1e400 is Infinity) and long or odd strings. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-0, 1e308, -1e308, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, 72, 73, -1),
  fc.string({ unit: 'binary', maxLength: 1100 }),
  tricky,
);

/** A value of the feature's own type and range, most of the time; anything else otherwise. */
function featureValue(spec: ColumnSpec): fc.Arbitrary<unknown> {
  const valid =
    spec.type === 'categorical'
      ? fc.oneof(fc.constantFrom(...(spec.categories?.length ? spec.categories : ['a'])), fc.string())
      : spec.integer
        ? fc.integer({ min: Math.ceil(spec.min ?? -1e6), max: Math.floor(spec.max ?? 1e6) })
        : fc.double({ min: spec.min ?? -1e6, max: spec.max ?? 1e6, noNaN: true });
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
}

/** Records near the model's schema: features present or not, valid or not, plus odd extra keys. */
const nearRecord = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.record(Object.fromEntries(model.request.features.map((spec) => [spec.name, featureValue(spec)])), {
        requiredKeys: [],
      }),
      fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), { nil: undefined }),
      fc.dictionary(fc.oneof(tricky, fc.string({ maxLength: 20 })), anyValue, { maxKeys: 4 }),
      fc.boolean(),
    )
    .map(([features, id, extra, withExtra]) => {
      const record: Record<string, unknown> = { ...features };
      if (id !== undefined) record.customer_id = id;
      // Extra keys as JSON.parse makes them: own properties, `__proto__` included.
      if (withExtra)
        for (const [key, value] of Object.entries(extra))
          Object.defineProperty(record, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      return record;
    });

const body = (): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: nearRecord() }, { weight: 1, arbitrary: anyValue });

/** Every detail says what is wrong, and names a field unless it is about the whole instance. */
function expectDetailsNameFields(details: ErrorDetail[], prefix = ''): void {
  expect(details.length).toBeGreaterThan(0);
  for (const detail of details) {
    expect(typeof detail.message).toBe('string');
    expect(detail.message.length).toBeGreaterThan(0);
    if (detail.field !== undefined) expect(detail.field.startsWith(prefix.replace(/\.$/, ''))).toBe(true);
  }
}

test('validateInstance: a record with no problems is one the model predicts on; otherwise the problems name fields', () => {
  fc.assert(
    fc.property(body(), fc.constantFrom('', 'instances[7].'), (value, prefix) => {
      const problems = validateInstance(value, model.request, { prefix, maxProblems: 100 });
      expect(problems.length).toBeLessThanOrEqual(100);
      if (problems.length > 0) {
        expectDetailsNameFields(problems, prefix);
        return;
      }
      const result = model.pipeline.predictRecord(value as Record<string, number | string>);
      expect(model.pipeline.document.classes).toContain(result.prediction);
      expect(result.probability).toBeGreaterThanOrEqual(0);
      expect(result.probability).toBeLessThanOrEqual(1);
    }),
    { numRuns: 1000, seed: 20261201 },
  );
});

test('validateInstance: the text and field limits are problems naming the field, never a throw', () => {
  const limits = { maxTextLength: 8, maxInstanceKeys: 11 };
  fc.assert(
    fc.property(body(), (value) => {
      const problems = validateInstance(value, model.request, { limits });
      for (const problem of problems) expect(problem.message.length).toBeGreaterThan(0);
      if (problems.length === 0) {
        const record = value as Record<string, unknown>;
        expect(Object.keys(record).length).toBeLessThanOrEqual(11);
        for (const v of Object.values(record))
          if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(8);
      }
    }),
    { numRuns: 500, seed: 20261201 },
  );
});

test('the prediction service answers or refuses with a 4xx naming fields, for single requests and batches', () => {
  const service = new PredictionsService(server.models, server.predictionLog, 'churn', { batchLimit: 5 });
  const batch = fc.oneof(fc.array(body(), { maxLength: 7 }), anyValue);
  fc.assert(
    fc.property(body(), batch, (single, rows) => {
      for (const call of [
        () => service.predict('churn', single as Record<string, unknown>, 'p'),
        () => service.predictBatch('churn', rows, 'b'),
      ]) {
        try {
          const answer = call();
          expect(answer.model_version).toBe(1);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          const refusal = error as ApiError;
          expect(refusal.status).toBeGreaterThanOrEqual(400);
          expect(refusal.status).toBeLessThan(500);
          expectDetailsNameFields(refusal.details);
        }
      }
    }),
    { numRuns: 500, seed: 20261201 },
  );
});

test('the body scanner never throws on any bytes, in any chunks, and refuses only with a 4xx', () => {
  const text = fc.oneof(
    fc.json({ maxDepth: 4 }),
    body().map((value) => JSON.stringify({ instances: [value, value] }) ?? 'null'),
    fc.string({ unit: 'binary', maxLength: 300 }),
  );
  fc.assert(
    fc.property(
      text,
      fc.integer({ min: 1, max: 50 }),
      fc.constantFrom('instance', 'batch', 'flat'),
      (json, size, shape) => {
        const scanner = new JsonLimitScanner({
          shape: shape as 'instance',
          maxTextLength: 50,
          maxInstanceKeys: 20,
          maxRows: 3,
          fields: model.request,
        });
        const bytes = Buffer.from(json);
        for (let at = 0; at < bytes.length; at += size) {
          const refusal = scanner.write(bytes.subarray(at, at + size));
          if (!refusal) continue;
          expect([413, 422]).toContain(refusal.status);
          expect(refusal.details.length).toBeGreaterThan(0);
          break;
        }
      },
    ),
    { numRuns: 1000, seed: 20261201 },
  );
});

test('over HTTP, any JSON body to the prediction routes is answered 200 or a 4xx in the error format, never a 500', async () => {
  const text = fc.oneof(
    body().map((value) => JSON.stringify(value) ?? 'null'),
    fc.array(body(), { maxLength: 4 }).map((rows) => JSON.stringify({ instances: rows })),
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 40 }),
  );
  await fc.assert(
    fc.asyncProperty(
      text,
      fc.constantFrom('/predict', '/predict/batch', '/models/churn/predict'),
      async (json, path) => {
        const res = await request(server.app).post(path).set('Content-Type', 'application/json').send(json);
        expect(res.status).not.toBeGreaterThanOrEqual(500);
        if (res.status === 200) return;
        expect([400, 413, 422]).toContain(res.status);
        expect(apiErrorCodes).toContain(res.body.error.code);
        if (res.status === 422) expectDetailsNameFields(res.body.error.details);
      },
    ),
    { numRuns: 150, seed: 20261201 },
  );
});
