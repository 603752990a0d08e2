import fixture from './__tests__/fixtures/xgboostShap.json';
import { type XgboostNode, xgboostToFlatTree } from './__tests__/xgboostTrees';
import { TreeEnsembleExplainer } from './TreeEnsembleExplainer';

// XGBoost 1.7's own TreeSHAP (`pred_contribs=True`) on trees it grew, converted to FlatTrees;
// how the fixture was made: __tests__/fixtures/README.md. XGBoost works in float32, so
// agreement is to 1e-6, not to the 1e-9 of the exact tests.
const { width } = fixture;
const rows = fixture.rows.length;
const x = Float64Array.from(fixture.rows.flat(), (v) => (v === null ? Number.NaN : v));

describe.each(fixture.models)('XGBoost $objective model (8 rounds, depth 4)', (model) => {
  const outputs = Math.max(model.classes, 1);
  const trees = (model.trees as XgboostNode[]).map(xgboostToFlatTree);
  // XGBoost's starting margin: the log-odds of base_score for logistic, base_score itself otherwise.
  const baseMargin =
    model.objective === 'binary:logistic'
      ? Math.log(model.base_score / (1 - model.base_score))
      : model.base_score;
  const explainer = new TreeEnsembleExplainer(
    trees,
    width,
    outputs,
    (t) => t % outputs,
    new Float64Array(outputs).fill(baseMargin),
  );
  const ours = explainer.contributions(x, rows);
  // XGBoost's rows: (features + 1) per output, the bias last; multiclass nests outputs.
  const theirs = (row: number, k: number): number[] =>
    (outputs === 1 ? model.contribs[row] : (model.contribs[row] as unknown as number[][])[k]) as number[];

  test('gives XGBoost’s pred_contribs within 1e-6 for every row, output and feature, missing values included', () => {
    let worst = 0;
    for (let row = 0; row < rows; row += 1)
      for (let k = 0; k < outputs; k += 1)
        for (let j = 0; j < width; j += 1)
          worst = Math.max(worst, Math.abs(ours[(row * outputs + k) * width + j] - theirs(row, k)[j]));
    expect(worst).toBeLessThan(1e-6);
  });

  test('has XGBoost’s bias term as its expected value, and adds up to XGBoost’s margin', () => {
    for (let k = 0; k < outputs; k += 1)
      expect(Math.abs(explainer.expectedValue[k] - theirs(0, k)[width])).toBeLessThan(1e-6);
    for (let row = 0; row < rows; row += 1)
      for (let k = 0; k < outputs; k += 1) {
        let sum = explainer.expectedValue[k];
        for (let j = 0; j < width; j += 1) sum += ours[(row * outputs + k) * width + j];
        const margin =
          outputs === 1 ? (model.margin[row] as number) : (model.margin[row] as unknown as number[])[k];
        expect(Math.abs(sum - margin)).toBeLessThan(1e-5);
      }
  });
});

test('the fixture has rows with missing values and splits that send them left and right', () => {
  expect(fixture.rows.some((row) => row.includes(null))).toBe(true);
  const directions = new Set(
    fixture.models.flatMap((m) =>
      (m.trees as XgboostNode[]).flatMap(function walk(n): number[] {
        return n.children ? [n.missing === n.yes ? 1 : 0, ...n.children.flatMap(walk)] : [];
      }),
    ),
  );
  expect([...directions].sort()).toEqual([0, 1]);
});
