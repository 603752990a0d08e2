import { churnSchema, featureColumns } from '@mlops/features';
import { ModelPipeline } from '@mlops/models';
import { registerTrained } from './registerTrained';
import { trainedVersion } from './trainedVersion';

test('trains churn as the trainer registers it: features, sensitive id column, the features profiled, own predictions, held-out rows', () => {
  const version = trainedVersion({ rows: 600 });
  expect(version.model.features.map((spec) => spec.name)).toEqual(
    featureColumns(churnSchema).map((s) => s.name),
  );
  expect(version.model.kind).toBe('logistic');
  expect(version.model.idColumns).toEqual([
    expect.objectContaining({ name: 'customer_id', sensitive: true }),
  ]);
  expect(Object.keys(version.profile.columns).sort()).toEqual(
    version.model.features.map((s) => s.name).sort(),
  );
  expect(version.profile.predictions?.rows).toBe(version.testRows.numRows);
  expect(version.split).toBe('random');
  expect(version.testRows.numRows).toBe(120);
  expect(version.dataRows).toBe(600);
  expect(version.dataHash).toBe('generated:churn:600:1');
  expect(version.gate).toEqual({ passed: true, checks: [] });
});

test('the same seed gives the same model; a feature subset keeps the split and profiles only its features', () => {
  const full = trainedVersion({ rows: 600, seed: 3 });
  expect(trainedVersion({ rows: 600, seed: 3 }).model).toEqual(full.model);
  const weak = trainedVersion({ rows: 600, seed: 3, features: ['support_calls'] });
  expect(weak.model.features.map((s) => s.name)).toEqual(['support_calls']);
  expect(Object.keys(weak.profile.columns)).toEqual(['support_calls']);
  expect(weak.testRows.column('customer_id')).toEqual(full.testRows.column('customer_id'));
});

test('id columns can be made plain or replaced, and older versions made without prediction profiles', () => {
  const plain = trainedVersion({ rows: 400, sensitiveIds: false, predictions: false });
  expect(plain.model.idColumns?.[0].sensitive).toBe(false);
  expect(plain.profile.predictions).toBeUndefined();
  expect(trainedVersion({ rows: 400, idColumns: [] }).model.idColumns).toBeUndefined();
});

test('other generated datasets train too: sales, a regression', () => {
  const sales = trainedVersion({ dataset: 'sales', rows: 800, model: 'linear' });
  expect(sales.model.idColumns?.map((spec) => spec.name)).toEqual(['order_id', 'customer_id']);
  expect(ModelPipeline.fromJSON(sales.model).task).toBe('regression');
});

test('registerTrained registers the version under the name and returns its number', async () => {
  const registered: Array<[string, unknown]> = [];
  const registry = {
    registerVersion: async (name: string, version: unknown) => {
      registered.push([name, version]);
      return { version: registered.length };
    },
  };
  expect(await registerTrained(registry, 'churn', { rows: 300 })).toBe(1);
  expect(await registerTrained(registry, 'other', { rows: 300 })).toBe(2);
  expect(registered.map(([name]) => name)).toEqual(['churn', 'other']);
});
