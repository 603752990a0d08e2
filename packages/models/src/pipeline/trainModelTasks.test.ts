import { categoricalColumn, createRng, DataTable, numericColumn } from '@mlops/features';
import { ModelPipeline } from './ModelPipeline';
import { trainModel } from './trainModel';

// A table with numeric and categorical inputs, a missing value, and three targets.
function makeTable(rows: number, seed: number): DataTable {
  const rng = createRng(seed);
  const a: Array<number | null> = [];
  const b: number[] = [];
  const colour: string[] = [];
  const value: number[] = [];
  const band: string[] = [];
  const rare: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const x1 = rng.next() * 4;
    const x2 = rng.normal();
    const c = rng.pick(['red', 'green', 'blue']);
    const f = Math.sin(x1) * 3 + x2 * x2 + (c === 'red' ? 2 : 0) + 0.3 * rng.normal();
    a.push(i % 97 === 0 ? null : x1);
    b.push(x2);
    colour.push(c);
    value.push(f);
    band.push(f < 1 ? 'low' : f < 3 ? 'mid' : 'high');
    rare.push(f > 4.2 ? 'yes' : 'no');
  }
  return new DataTable([
    numericColumn('a', a),
    numericColumn('b', b),
    categoricalColumn('colour', colour),
    numericColumn('value', value),
    categoricalColumn('band', band),
    categoricalColumn('rare', rare),
  ]);
}
const table = makeTable(3000, 4);
const inputs = table.select(['a', 'b', 'colour']);
const withTarget = (target: string) => new DataTable([...inputs.columns, table.column(target)]);

test('multiclass models are evaluated with accuracy, macro F1, log loss, ROC AUC and a confusion matrix', () => {
  for (const model of ['logistic', 'random_forest', 'gradient_boosting']) {
    const result = trainModel({
      table: withTarget('band'),
      target: 'band',
      task: 'multiclass',
      model,
      seed: 1,
      params: model === 'random_forest' ? { n_estimators: 30 } : {},
    });
    const matrix = result.metrics.confusion_matrix as number[][];
    expect(matrix).toHaveLength(3);
    expect(matrix.flat().reduce((s, v) => s + v, 0)).toBe(result.testRows);
    expect(result.metrics.f1_macro).toBeGreaterThan(result.baselineMetrics.f1_macro as number);
    expect(result.metrics.log_loss).toBeLessThan(result.baselineMetrics.log_loss as number);
    expect(result.threshold).toBeUndefined();
  }
});

test('a binary model stores the F1-maximising threshold, predicts with it and reports it', () => {
  const data = withTarget('rare');
  const tuned = trainModel({
    table: data,
    target: 'rare',
    task: 'binary',
    model: 'gradient_boosting',
    seed: 2,
    params: { early_stopping: 1 },
  });
  const fixed = trainModel({
    table: data,
    target: 'rare',
    task: 'binary',
    model: 'gradient_boosting',
    seed: 2,
    params: { early_stopping: 1 },
    tuneThreshold: false,
  });
  expect(fixed.threshold).toBe(0.5);
  expect(tuned.threshold).toBeGreaterThan(0);
  expect(tuned.threshold).toBeLessThan(1);
  expect(tuned.threshold).not.toBe(0.5);
  expect(tuned.pipeline.document.threshold).toBe(tuned.threshold);
  const loaded = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(tuned.pipeline)));
  const { predictions, probabilities } = loaded.predictTable(data);
  for (let row = 0; row < 200; row += 1) {
    expect(predictions[row]).toBe(probabilities![row] >= tuned.threshold! ? 'yes' : 'no');
  }
  // With early stopping both are the same fit (the threshold comes from its validation rows);
  // only the cut differs, and the metrics use each one's cut.
  expect(tuned.metrics.roc_auc).toBeCloseTo(fixed.metrics.roc_auc as number, 12);
});

test('every tree model trains through the pipeline, imputes the missing input and round-trips', () => {
  for (const [model, task, target] of [
    ['decision_tree', 'regression', 'value'],
    ['random_forest', 'regression', 'value'],
    ['gradient_boosting', 'regression', 'value'],
    ['decision_tree', 'binary', 'rare'],
  ] as const) {
    const result = trainModel({
      table: withTarget(target),
      target,
      task,
      model,
      seed: 3,
      params: model === 'random_forest' ? { n_estimators: 20 } : {},
    });
    if (task === 'regression') expect(result.metrics.r2).toBeGreaterThan(0.8);
    else expect(result.metrics.roc_auc).toBeGreaterThan(0.85);
    const loaded = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(result.pipeline)));
    const record = table.row(97);
    expect(record.a).toBeNull();
    const batch = loaded.predictTable(withTarget(target).take([97, 1, 2]));
    const single = loaded.predictRecord({ ...record, a: 1.5 });
    expect(typeof single.prediction).toBe(task === 'regression' ? 'number' : 'string');
    expect(batch.predictions).toEqual(
      result.pipeline.predictTable(withTarget(target).take([97, 1, 2])).predictions,
    );
  }
});
