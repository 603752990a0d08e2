import { join } from 'node:path';
import { type DataTable, readDataset } from '@mlops/features';
import { ModelPipeline } from './ModelPipeline';
import { trainModel } from './trainModel';

// Data the project did not make: scikit-learn's breast cancer set with 5 % of its values
// missing (src/__tests__/fixtures/makeBreastCancerNa.py). The tree models are trained on it
// as `mlops train` trains them; a row goes through the single-row path (the WebAssembly
// walk for forests and boosting) and through the batch path, and the saved document is
// loaded again.

let table: DataTable;
beforeAll(async () => {
  table = await readDataset(join(__dirname, '..', '__tests__', 'fixtures', 'breast_cancer_na.csv'));
});

const hasMissing = (record: Record<string, unknown>) =>
  Object.values(record).some((v) => v === null || (typeof v === 'number' && Number.isNaN(v)));

test.each([
  ['random_forest', 0.98],
  ['gradient_boosting', 0.98],
  ['decision_tree', 0.85],
])(
  '%s on outside data with missing values: one row predicts as the batch does, and so does the saved model',
  (model, floor) => {
    const { pipeline, metrics } = trainModel({ table, target: 'diagnosis', task: 'binary', model, seed: 1 });
    expect(metrics.roc_auc).toBeGreaterThan(floor);
    const batch = pipeline.predictTable(table);
    // Missing values are imputed as at training: every row, complete or not, gets a probability.
    expect(batch.probabilities?.every((p) => p >= 0 && p <= 1)).toBe(true);
    let complete = 0;
    for (let i = 0; i < table.numRows; i += 1) {
      const record = table.row(i);
      if (hasMissing(record)) continue;
      complete += 1;
      const one = pipeline.predictRecord(record);
      expect([i, one.prediction, one.probability]).toEqual([
        i,
        batch.predictions[i],
        batch.probabilities?.[i],
      ]);
    }
    expect(complete).toBe(114);
    const saved = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())));
    expect(Array.from(saved.predictTable(table).probabilities ?? [])).toEqual(
      Array.from(batch.probabilities ?? []),
    );
    // A single record must carry every feature: a missing one is refused, named, not guessed.
    const gap = table.row(
      Array.from({ length: table.numRows }, (_, i) => i).find((i) => hasMissing(table.row(i)))!,
    );
    expect(() => pipeline.predictRecord(gap)).toThrow(/feature '\w+' must be a finite number, got null/);
  },
);
