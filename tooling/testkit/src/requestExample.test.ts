import { churnSchema, creditSchema, featureColumns } from '@mlops/features';
import { ModelPipeline } from '@mlops/models';
import { requestExample } from './requestExample';
import { trainedVersion } from './trainedVersion';

test("a schema's example holds its features in order, no target and no ids unless asked", () => {
  const body = requestExample(churnSchema);
  expect(Object.keys(body)).toEqual(featureColumns(churnSchema).map((spec) => spec.name));
  expect(Object.keys(requestExample(churnSchema, undefined, { ids: true }))[0]).toBe('customer_id');
  expect(requestExample(churnSchema, undefined, { seed: 9 })).toEqual(body);
});

test("a model's example holds its own features, from the dataset that has them, or from the row given", () => {
  const version = trainedVersion({ dataset: 'credit', rows: 400, features: ['age', 'annual_income'] });
  const pipeline = ModelPipeline.fromJSON(version.model);
  expect(Object.keys(requestExample(pipeline))).toEqual(['age', 'annual_income']);
  expect(Object.keys(requestExample(version.model, undefined, { ids: true }))).toEqual([
    creditSchema.columns.find((c) => c.role === 'id')!.name,
    'age',
    'annual_income',
  ]);
  expect(requestExample(pipeline, { age: 40, annual_income: 50_000, extra: 'x' })).toEqual({
    age: 40,
    annual_income: 50_000,
  });
  expect(() => requestExample(pipeline, { age: 40 })).toThrow(/annual_income/);
});
