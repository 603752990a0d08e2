import { churnSchema, generateChurn, generateHousing } from '@mlops/features';
import type { Estimator, EstimatorTask } from '../estimators/Estimator';
import { GradientBoosting } from '../estimators/GradientBoosting';
import { LogisticRegression } from '../estimators/LogisticRegression';
import { RandomForest } from '../estimators/RandomForest';
import { RidgeRegression } from '../estimators/RidgeRegression';
import { SoftmaxRegression } from '../estimators/SoftmaxRegression';
import type { FieldExplanation } from './FieldExplanation';
import { ModelPipeline } from './ModelPipeline';
import { trainModel } from './trainModel';

/**
 * The estimator's raw output summed from its own parameters (trees' leaves, weights),
 * independently of the explainer: log-odds before the link, averaged probabilities, values.
 */
function rawOutputs(model: Estimator, x: Float64Array, rows: number): Float64Array {
  const k = model.outputs;
  const out = new Float64Array(rows * k);
  if (model instanceof GradientBoosting) {
    for (let i = 0; i < out.length; i += 1) out[i] = model.baseline[i % k];
    model.trees.forEach((tree, t) => {
      tree.addTo(x, rows, model.width, out, k, t % k);
    });
  } else if (model instanceof RandomForest) {
    for (let i = 0; i < out.length; i += 1) out[i] = model.offset[i % k];
    for (const tree of model.trees) tree.addTo(x, rows, model.width, out, k, 0, 1 / model.trees.length);
  } else if (
    model instanceof LogisticRegression ||
    model instanceof RidgeRegression ||
    model instanceof SoftmaxRegression
  ) {
    const intercepts =
      model instanceof SoftmaxRegression ? model.intercepts : Float64Array.of(model.intercept);
    const width = model.weights.length / k;
    for (let row = 0; row < rows; row += 1)
      for (let c = 0; c < k; c += 1) {
        let sum = intercepts[c];
        for (let j = 0; j < width; j += 1) sum += model.weights[c * width + j] * x[row * width + j];
        out[row * k + c] = sum;
      }
  } else model.predict(x, rows, out); // decision_tree: the leaf's probability or value as stored
  return out;
}

/** Expected value + Σ field contributions, per row and output. */
function explained(e: FieldExplanation): Float64Array {
  const n = e.fields.length;
  const out = new Float64Array(e.rows * e.outputs);
  for (let i = 0; i < out.length; i += 1) {
    let sum = e.expectedValue[i % e.outputs];
    for (let f = 0; f < n; f += 1) sum += e.contributions[i * n + f];
    out[i] = sum;
  }
  return out;
}

// The project's churn generator: numeric and categorical inputs (contract, payment_method,
// internet_service); `contract` itself is the multiclass target, `monthly_charges` the regression one.
const churn = generateChurn(1_500, 7);
const targets: Record<EstimatorTask, string> = {
  binary: 'churn',
  multiclass: 'contract',
  regression: 'monthly_charges',
};
const outputKinds: Record<string, Record<EstimatorTask, string>> = {
  gradient_boosting: { binary: 'log_odds', multiclass: 'log_odds', regression: 'value' },
  random_forest: { binary: 'probability', multiclass: 'probability', regression: 'value' },
  decision_tree: { binary: 'probability', multiclass: 'probability', regression: 'value' },
  logistic: { binary: 'log_odds', multiclass: 'log_odds', regression: 'value' },
  linear: { binary: 'value', multiclass: 'value', regression: 'value' },
};
const cases: Array<[string, EstimatorTask, Record<string, number>]> = [
  ['gradient_boosting', 'binary', { max_iter: 30 }],
  ['gradient_boosting', 'multiclass', { max_iter: 15 }],
  ['gradient_boosting', 'regression', { max_iter: 30 }],
  ['random_forest', 'binary', { n_estimators: 15 }],
  ['random_forest', 'multiclass', { n_estimators: 15 }],
  ['random_forest', 'regression', { n_estimators: 15 }],
  ['decision_tree', 'binary', {}],
  ['decision_tree', 'multiclass', {}],
  ['decision_tree', 'regression', { max_depth: 8 }],
  ['logistic', 'binary', {}],
  ['logistic', 'multiclass', {}],
  ['linear', 'regression', {}],
];

describe.each(cases)('%s, %s, explained per input field', (kind, task, params) => {
  const target = targets[task];
  const table = churn.select(churn.columnNames.filter((name) => name !== 'customer_id'));
  const { pipeline, testTable } = trainModel({ table, target, task, model: kind, params, seed: 3 });
  // Through JSON, as the registry stores it and the API loads it.
  const model = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(pipeline)));
  const rows = testTable.take(Int32Array.from({ length: 40 }, (_, i) => i));

  test('contributions sum to the raw output minus the expected value within 1e-9', () => {
    const e = model.explainTable(rows);
    expect(e.outputKind).toBe(outputKinds[kind][task]);
    const { values } = model.preprocessor.transform(rows);
    const raw = rawOutputs(model.estimator, values, rows.numRows);
    const sums = explained(e);
    expect(sums.length).toBe(raw.length);
    let worst = 0;
    for (let i = 0; i < raw.length; i += 1) worst = Math.max(worst, Math.abs(sums[i] - raw[i]));
    expect(worst).toBeLessThan(1e-9);
  });

  test('each input field appears once, categorical ones summed over their one-hot columns', () => {
    const e = model.explainTable(rows);
    const inputs = pipeline.features.map((spec) => spec.name);
    expect(e.fields).toEqual(inputs);
    expect(e.fields).not.toContain(target);
    expect(model.preprocessor.width).toBeGreaterThan(e.fields.length); // one-hot made more columns
    expect(e.contributions.length).toBe(rows.numRows * e.outputs * inputs.length);
    if (task === 'multiclass') {
      expect(e.outputs).toBe(3);
      expect(e.classes).toEqual(pipeline.document.classes);
    } else {
      expect(e.outputs).toBe(1);
      expect(e.classes).toBeUndefined();
    }
  });

  test('a record is explained as its row in a table is', () => {
    const record = rows.row(5);
    const one = model.explainRecord(record);
    const all = model.explainTable(rows);
    const n = one.fields.length * one.outputs;
    const fromTable = Array.from(all.contributions.subarray(5 * n, 6 * n));
    Array.from(one.contributions).forEach((c, i) => {
      expect(c).toBeCloseTo(fromTable[i], 12);
    });
    expect(Array.from(one.expectedValue)).toEqual(Array.from(all.expectedValue));
  });
});

describe('decision_tree covers', () => {
  const table = churn.select(churn.columnNames.filter((name) => name !== 'customer_id'));
  const { pipeline, trainTable } = trainModel({
    table,
    target: 'churn',
    task: 'binary',
    model: 'decision_tree',
    params: { max_depth: 6 },
    seed: 5,
  });
  const document = JSON.parse(JSON.stringify(pipeline));

  test('a fitted tree stores one training row count per node, the root holding every fitted row', () => {
    const covers = document.estimator.covers as number[];
    expect(Array.isArray(covers)).toBe(true);
    // The held-out share for threshold tuning (20 %) is not fitted on.
    expect(covers[0]).toBe(trainTable.numRows - Math.round(trainTable.numRows * 0.2));
    expect(covers.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
  });

  test('a document written before covers still loads and predicts; explaining it needs background rows', () => {
    const { covers: _dropped, ...estimator } = document.estimator;
    const old = ModelPipeline.fromJSON({ ...document, estimator });
    const rows = trainTable.take(Int32Array.of(0, 1, 2));
    expect(old.predictTable(rows)).toEqual(pipeline.predictTable(rows));
    expect(() => old.explainTable(rows)).toThrow(/options\.background/);
    const e = old.explainTable(rows, { background: trainTable });
    const raw = new Float64Array(3);
    old.estimator.predict(old.preprocessor.transform(rows).values, 3, raw);
    explained(e).forEach((sum, i) => {
      expect(Math.abs(sum - raw[i])).toBeLessThan(1e-9);
    });
  });

  test('covers of the wrong length or not row counts are refused naming estimator.covers', () => {
    const covers = document.estimator.covers as number[];
    const with_ = (c: unknown) => ({ ...document, estimator: { ...document.estimator, covers: c } });
    expect(() => ModelPipeline.fromJSON(with_(covers.slice(1)))).toThrow(/estimator\.covers has/);
    expect(() => ModelPipeline.fromJSON(with_([-1, ...covers.slice(1)]))).toThrow(/estimator\.covers\[0\]/);
    expect(() => ModelPipeline.fromJSON(with_('many'))).toThrow(/estimator\.covers/);
  });
});

test('a regression on housing (numeric inputs only) explains each of its fields', () => {
  const { pipeline, testTable } = trainModel({
    table: generateHousing(1_000, 2),
    target: 'median_house_value',
    task: 'regression',
    model: 'gradient_boosting',
    params: { max_iter: 20 },
    seed: 1,
  });
  const e = pipeline.explainTable(testTable);
  expect(e.fields).toEqual(pipeline.features.map((spec) => spec.name));
  expect(e.fields.length).toBe(pipeline.preprocessor.width);
  const raw = rawOutputs(
    pipeline.estimator,
    pipeline.preprocessor.transform(testTable).values,
    testTable.numRows,
  );
  const sums = explained(e);
  for (let i = 0; i < raw.length; i += 1) expect(Math.abs(sums[i] - raw[i])).toBeLessThan(1e-9);
});

test('a record with a missing field is refused as predictRecord refuses it', () => {
  const table = churn.select(churn.columnNames.filter((name) => name !== 'customer_id'));
  const { pipeline } = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', seed: 1 });
  const record = { ...table.row(0) } as Record<string, unknown>;
  delete record.contract;
  expect(() => pipeline.explainRecord(record as never)).toThrow(/feature 'contract' must be a string/);
  expect(churnSchema.columns.some((c) => c.name === 'contract')).toBe(true);
});

describe('linear models measure from the training means', () => {
  const table = churn.select(churn.columnNames.filter((name) => name !== 'customer_id'));
  const { pipeline, trainTable } = trainModel({
    table,
    target: 'monthly_charges',
    task: 'regression',
    model: 'linear',
    seed: 2,
  });

  test('the expected value is the mean score over the fitted rows, so contributions average to 0', () => {
    const e = pipeline.explainTable(trainTable);
    const scores = pipeline.scoreTable(trainTable);
    const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
    expect(e.expectedValue[0]).toBeCloseTo(mean, 8);
    const n = e.fields.length;
    for (let f = 0; f < n; f += 1) {
      let sum = 0;
      for (let row = 0; row < e.rows; row += 1) sum += e.contributions[row * n + f];
      expect(Math.abs(sum / e.rows)).toBeLessThan(1e-8);
    }
  });

  test('a document without inputMeans still loads and explains from zeros (the intercept)', () => {
    const document = JSON.parse(JSON.stringify(pipeline));
    expect(document.estimator.inputMeans).toHaveLength(pipeline.preprocessor.width);
    const { inputMeans: _dropped, ...estimator } = document.estimator;
    const old = ModelPipeline.fromJSON({ ...document, estimator });
    expect(old.explainTable(trainTable.take(Int32Array.of(0))).expectedValue[0]).toBe(estimator.intercept);
    expect(() =>
      ModelPipeline.fromJSON({ ...document, estimator: { ...estimator, inputMeans: [1] } }),
    ).toThrow(/estimator\.inputMeans has 1 value/);
  });
});
